/**
 * Shared steps of the Conversations fake's tests: settle pending promises, start a client against a FakeSandboxServer,
 * and record the events an emitter fires.
 */
import { Client } from '../client';
import { setSandboxEnvironment } from '../environment';
import { FakeSandboxServer } from './fakeServer';

/**
 * Lets every already-queued promise chain run to completion. Microtasks only (no timers), so it also works under
 * jest's fake timers.
 */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 50; turn++) await Promise.resolve();
}

/** A connected, initialized client, with the server it talks to. */
export async function startClient(
  prepare: (server: FakeSandboxServer) => void = () => undefined,
): Promise<{ server: FakeSandboxServer; client: Client }> {
  const server = new FakeSandboxServer().install();
  prepare(server);
  const client = new Client('header.payload.signature');
  await settle();
  server.hello();
  await settle();
  return { server, client };
}

/** Forgets the fake environment, so no test leaks its server into the next. */
export function resetEnvironment(): void {
  setSandboxEnvironment();
}

/** Anything with the emitter's `on`, loosely typed so one recorder serves every class. */
interface Listenable {
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/** Records `[event, firstArgument]` for each named event, in firing order. */
export function recordEvents(emitter: Listenable, events: readonly string[]): Array<[string, unknown]> {
  const seen: Array<[string, unknown]> = [];
  for (const event of events) {
    emitter.on(event, (...args: never[]) => {
      const first: unknown = args[0];
      seen.push([event, first]);
    });
  }
  return seen;
}
