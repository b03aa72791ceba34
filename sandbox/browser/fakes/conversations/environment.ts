/**
 * What the fake needs from the page: `fetch` for the JSON routes, `EventSource` for the push stream, and the origin
 * they live on. Looked up at call time so tests (and a harness) can swap them without touching the Client's API,
 * which must stay the real SDK's `new Client(token, options)`.
 */

/** The part of the browser's EventSource the push stream uses; a test double implements just this. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

export interface SandboxEnvironment {
  readonly fetch: typeof globalThis.fetch;
  readonly openEventSource: EventSourceFactory;
  /** Prefix for the server's routes; '' means the page's own origin. */
  readonly baseUrl: string;
  /** Delay before reopening a push stream the browser gave up on (the server restarted or is not up yet). */
  readonly reconnectDelayMs: number;
}

let override: Partial<SandboxEnvironment> = {};

/** Replaces parts of the environment (tests, harness); call with no argument to go back to the browser's own. */
export function setSandboxEnvironment(partial: Partial<SandboxEnvironment> = {}): void {
  override = { ...partial };
}

export function getSandboxEnvironment(): SandboxEnvironment {
  return {
    // Arrow wrappers: a bare `fetch` reference called as a method of another object throws "Illegal invocation".
    fetch: override.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    openEventSource: override.openEventSource ?? ((url) => new globalThis.EventSource(url)),
    baseUrl: override.baseUrl ?? '',
    reconnectDelayMs: override.reconnectDelayMs ?? 2000,
  };
}
