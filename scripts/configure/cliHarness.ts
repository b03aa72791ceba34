/**
 * Runs the command in-process for tests, with captured stdout/stderr and a scripted stdin.
 */
import { Readable, Writable } from 'stream';
import type { CliIo } from './cliIo';
import type { ExitCode } from './exitCodes';
import { runCli } from './runCli';

/** A test account SID (the twilio package requires the AC prefix). */
export const ACCOUNT_SID = `AC${'a'.repeat(32)}`;
/** The auth token the fake accepts. */
export const AUTH_TOKEN = 'test-auth-token';

/** What one run produced. */
export interface CliRun {
  readonly code: ExitCode;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run it. */
export interface HarnessOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Typed at the prompt; the stream ends after it. */
  readonly answer?: string;
  readonly interactive?: boolean;
  /** Files `--file` can read, by path. */
  readonly files?: Readonly<Record<string, string>>;
}

/** Runs `npm run configure -- <argv>` in-process. */
export async function runConfigure(argv: readonly string[], options: HarnessOptions = {}): Promise<CliRun> {
  const stdout = collect();
  const stderr = collect();
  const io: CliIo = {
    env: options.env ?? {},
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: Readable.from(options.answer === undefined ? [] : [options.answer]),
    interactive: options.interactive ?? false,
    readTextFile: (path) => readFake(options.files ?? {}, path),
  };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Credentials and base URL for a fake at `baseUrl`. */
export function envFor(baseUrl: string): Record<string, string> {
  return { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, FLEX_API_BASE_URL: baseUrl };
}

// A Writable whose write() stores synchronously, so everything is there as soon as runCli resolves.
function collect(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

function readFake(files: Readonly<Record<string, string>>, path: string): Promise<string> {
  const text = files[path];
  if (text === undefined) return Promise.reject(new Error(`ENOENT: no such file or directory, open '${path}'`));
  return Promise.resolve(text);
}
