/**
 * A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe`, for the Chromium benchmarks.
 *
 * Why not Playwright here: Playwright sends `Emulation.setFocusEmulationEnabled` to every page it attaches to, and in
 * Chromium that counts as a capture of the tab which keeps it visible. A Playwright page stays
 * `document.visibilityState === 'visible'` with another tab in front or its window minimised, so it can never
 * measure a hidden tab. Speaking CDP directly, nothing is emulated and a background tab really is hidden.
 *
 * Messages are JSON separated by NUL bytes: we write to the browser's fd 3 and read from its fd 4. Sessions are
 * "flat": a command for a page carries that page's sessionId.
 */
import type { ChildProcess } from 'child_process';
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Readable, Writable } from 'stream';
// Types only (erased by esbuild): the protocol's command and event shapes, as playwright-core ships them.
import type { Protocol } from 'playwright-core/types/protocol';

// The project's one Chromium: its path and flags. None of those flags disables background throttling; the three
// that Playwright adds by default are not passed here at all (this client does not go through Playwright).
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../sandbox/build/chromium';

export type CdpMethod = keyof Protocol.CommandParameters;
export type CdpEvent = keyof Protocol.Events;

/** Flags that would make a hidden-tab measurement meaningless; launch refuses them. */
const THROTTLING_OFF_FLAGS = [
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
];

interface PendingCall {
  readonly method: string;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** One message from the browser: a reply (with id) or an event (with method). */
interface Incoming {
  readonly id?: number;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly message: string };
  readonly sessionId?: string;
}

type Listener = (params: unknown, sessionId: string | undefined) => void;

const COMMAND_TIMEOUT_MS = 60_000;

/** A running Chromium driven over CDP. */
export class Chromium {
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private buffered = '';
  private exited = false;
  /** The browser's product string, e.g. "HeadlessChrome/156.0.8078.108". */
  product = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly input: Writable,
    output: Readable,
    private readonly userDataDir: string,
  ) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
    child.on('exit', () => {
      this.exited = true;
      for (const call of this.pending.values()) call.reject(new Error(`Chromium exited during ${call.method}`));
      this.pending.clear();
    });
  }

  /** Starts Chromium with a fresh profile and waits until it answers. */
  static async launch(extraArgs: readonly string[] = []): Promise<Chromium> {
    const args = [...CHROMIUM_ARGS, ...extraArgs];
    const refused = args.filter((arg) => THROTTLING_OFF_FLAGS.includes(arg));
    if (refused.length > 0) throw new Error(`refusing to launch with ${refused.join(' ')}: it disables throttling`);
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-'));
    const child = spawn(
      CHROMIUM_PATH,
      [...args, '--remote-debugging-pipe', '--no-startup-window', `--user-data-dir=${userDataDir}`],
      // fd 3: commands to the browser; fd 4: replies and events from it. Its own output is noise for the bench.
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const input = child.stdio[3];
    const output = child.stdio[4];
    if (!isWritable(input) || !isReadable(output)) {
      child.kill();
      throw new Error('Chromium was started without its debugging pipes');
    }
    const browser = new Chromium(child, input, output, userDataDir);
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve());
    });
    browser.product = (await browser.send('Browser.getVersion', {})).product;
    return browser;
  }

  /** Sends a command (to the browser, or to the page of `sessionId`) and resolves with its result. */
  send<M extends CdpMethod>(
    method: M,
    params: Protocol.CommandParameters[M],
    sessionId?: string,
  ): Promise<Protocol.CommandReturnValues[M]> {
    if (this.exited) return Promise.reject(new Error(`Chromium has exited; cannot send ${method}`));
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} got no answer in ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, {
        method,
        // The browser answers `method` with the shape the protocol declares for it.
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result as Protocol.CommandReturnValues[M]);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.input.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  }

  /** Calls `listener` for every `event` (from any session); returns the function that stops listening. */
  on<E extends CdpEvent>(
    event: E,
    listener: (params: Protocol.Events[E], sessionId: string | undefined) => void,
  ): () => void {
    // The browser sends `event` with the shape the protocol declares for it.
    const untyped: Listener = (params, sessionId) => listener(params as Protocol.Events[E], sessionId);
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(untyped);
    this.listeners.set(event, set);
    return () => set.delete(untyped);
  }

  /** Closes the browser (killing it if it does not exit in time) and deletes its profile. */
  async close(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      await this.send('Browser.close', {}).catch(() => undefined);
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout' && this.child.pid !== undefined) {
        process.kill(this.child.pid, 'SIGKILL');
        await exited;
      }
    }
    fs.rmSync(this.userDataDir, { recursive: true, force: true });
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let end = this.buffered.indexOf('\0');
    while (end >= 0) {
      const text = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 1);
      end = this.buffered.indexOf('\0');
      // Chromium writes only protocol messages on this pipe.
      this.dispatch(JSON.parse(text) as Incoming);
    }
  }

  private dispatch(message: Incoming): void {
    if (message.id !== undefined) {
      const call = this.pending.get(message.id);
      if (call === undefined) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) call.reject(new Error(`${call.method}: ${message.error.message}`));
      else call.resolve(message.result);
      return;
    }
    if (message.method === undefined) return;
    for (const listener of this.listeners.get(message.method) ?? []) listener(message.params, message.sessionId);
  }
}

function isWritable(stream: unknown): stream is Writable {
  return typeof stream === 'object' && stream !== null && 'write' in stream;
}

function isReadable(stream: unknown): stream is Readable {
  return typeof stream === 'object' && stream !== null && 'setEncoding' in stream;
}
