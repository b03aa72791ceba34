/// <reference types="node" />
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { PushEvent } from '../../shared/protocol';
import type { SandboxServer, SandboxServerOptions } from '../server';
import { startSandboxServer } from '../server';

/** A sandbox server on a free port with its log captured, for tests. */
export interface TestSandbox {
  readonly server: SandboxServer;
  readonly url: string;
  /** Every line the server logged (info and warn). */
  readonly logLines: string[];
  /** Where the test's fake plugin bundle and agent desktop live. */
  readonly pluginBundlePath: string;
  readonly agentDir: string;
}

/** A JSON answer: status and parsed body (unknown until a test narrows it). */
export interface JsonAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** Starts a sandbox on 127.0.0.1 with a throw-away plugin bundle; `agentDir` is empty unless `withAgentPage`. */
export async function startTestSandbox(
  options: Partial<SandboxServerOptions> & { readonly withAgentPage?: boolean } = {},
): Promise<TestSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-server-test-'));
  const pluginBundlePath = join(dir, 'plugin-test.js');
  writeFileSync(pluginBundlePath, 'window.pluginLoaded = true;\n');
  const agentDir = join(dir, 'agent');
  if (options.withAgentPage === true) {
    mkdirSync(agentDir);
    writeFileSync(join(agentDir, 'index.html'), '<!doctype html><title>agent desktop</title>');
    writeFileSync(join(agentDir, 'agent.js'), 'console.log("agent");\n');
  }
  const logLines: string[] = [];
  const log = { info: (line: string) => logLines.push(line), warn: (line: string) => logLines.push(line) };
  const server = await startSandboxServer({ port: 0, pluginBundlePath, agentDir, log, ...options });
  return { server, url: server.url, logLines, pluginBundlePath, agentDir };
}

/**
 * Calls the sandbox with an optional JSON body. The body type is the test's claim about the answer (a typed
 * boundary, checked by the test's own expectations).
 */
export async function call<T = unknown>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<JsonAnswer<T>> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  const response = await fetch(base + path, init);
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

/** Reads a Server-Sent Events stream of PushEvents; tests take events from it in arrival order. */
export class PushReader {
  /** Every event received, in order. */
  readonly events: PushEvent[] = [];
  /** Comment lines received (keep-alives). */
  comments = 0;
  /** Whether the server ended the stream. */
  ended = false;
  private readonly taken = new Set<number>();
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly abort: AbortController) {}

  /** Opens `url` and starts reading; resolves once the response headers arrived. */
  static async open(url: string): Promise<PushReader> {
    const abort = new AbortController();
    const response = await fetch(url, { signal: abort.signal });
    if (response.body === null) throw new Error(`no stream body from ${url}`);
    const reader = new PushReader(abort);
    void reader.pump(response.body.getReader());
    return reader;
  }

  /** The first not yet taken event matching `wanted`, waiting up to `timeoutMs` for it. */
  async take(wanted: (event: PushEvent) => boolean, timeoutMs = 2000): Promise<PushEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex((event, i) => !this.taken.has(i) && wanted(event));
      if (index >= 0) {
        this.taken.add(index);
        return this.events[index] as PushEvent;
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events.map((e) => e.type))}`,
        );
      await this.nextArrival(left);
    }
  }

  /** Events of `type` received so far. */
  ofType(type: PushEvent['type']): PushEvent[] {
    return this.events.filter((event) => event.type === type);
  }

  /** Stops reading (the server sees the page go away). */
  close(): void {
    this.abort.abort();
  }

  private nextArrival(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  private async pump(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        const frames = buffer.split('\n\n');
        buffer = frames.pop() ?? '';
        frames.forEach((frame) => this.accept(frame));
      }
    } catch {
      // Aborted by close(): nothing more will arrive.
      return;
    }
    this.ended = true;
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Waits up to `timeoutMs` for the server to end the stream. */
  async waitForEnd(timeoutMs = 2000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && Date.now() < deadline) await this.nextArrival(deadline - Date.now());
    return this.ended;
  }

  private accept(frame: string): void {
    if (frame.startsWith(':')) this.comments += 1;
    else if (frame.startsWith('data: ')) this.events.push(JSON.parse(frame.slice('data: '.length)) as PushEvent);
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Resolves after `ms` milliseconds (to show that something did not happen). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What a test file gets from {@link useTestSandbox}. */
export interface TestSandboxSuite {
  /** The file's sandbox (set once `beforeAll` has run). */
  sandbox(): TestSandbox;
  /** Calls the sandbox's API. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<JsonAnswer<T>>;
  /** Opens a push stream (`?role=agent`, ...) that is closed after the test. */
  stream(query: string): Promise<PushReader>;
}

/**
 * One sandbox for the test file, reset before each test, with every push stream a test opened closed after it.
 * Call at the top of the file or inside `describe`.
 */
export function useTestSandbox(): TestSandboxSuite {
  let current: TestSandbox | undefined;
  const open: PushReader[] = [];
  const sandbox = (): TestSandbox => {
    if (current === undefined) throw new Error('the sandbox is not started (use it inside a test)');
    return current;
  };
  beforeAll(async () => {
    current = await startTestSandbox();
  });
  afterAll(() => current?.server.close());
  beforeEach(() => call(sandbox().url, 'POST', '/sandbox/reset'));
  afterEach(() => open.splice(0).forEach((reader) => reader.close()));
  return {
    sandbox,
    api: (method, path, body) => call(sandbox().url, method, path, body),
    async stream(query) {
      const reader = await PushReader.open(`${sandbox().url}/sandbox/internal/stream?${query}`);
      open.push(reader);
      return reader;
    },
  };
}
