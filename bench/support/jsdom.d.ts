// jsdom ships no types and @types/jsdom is not installed: the few members the benchmarks use.
declare module 'jsdom' {
  export interface JSDOMOptions {
    readonly url?: string;
    readonly pretendToBeVisual?: boolean;
  }
  export class JSDOM {
    constructor(html?: string, options?: JSDOMOptions);
    readonly window: Window & typeof globalThis;
  }
}
