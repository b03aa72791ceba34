/// <reference types="node" />
import NodeEnvironment from 'jest-environment-node';

/**
 * Jest 27's node environment with Node 20's fetch API, which it does not expose to tests (Jest 28+ does).
 * Select it with the docblock `@jest-environment ./sandbox/server/testing/nodeWithFetch.environment.ts`.
 */
export default class NodeWithFetchEnvironment extends NodeEnvironment {
  async setup(): Promise<void> {
    await super.setup();
    const global = this.global as unknown as Record<string, unknown>;
    Object.assign(global, { fetch, Headers, Request, Response, FormData, ReadableStream });
    // The unit project's shared setup file patches HTMLMediaElement.prototype; node has no DOM, so give it a stand-in.
    if (global.HTMLMediaElement === undefined) global.HTMLMediaElement = class HTMLMediaElement {};
  }
}
