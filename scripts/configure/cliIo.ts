/**
 * Everything the command touches outside its own code, passed in so tests can run it with captured streams, a
 * scripted stdin and their own environment.
 */
export interface CliIo {
  /** Credentials, FLEX_API_BASE_URL. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Results: the configuration, the diff, the validation report. */
  readonly stdout: NodeJS.WritableStream;
  /** Failures and refusals. */
  readonly stderr: NodeJS.WritableStream;
  /** Where the confirmation answer is read from. */
  readonly stdin: NodeJS.ReadableStream;
  /** True when stdin is a terminal, i.e. someone can answer the confirmation question. */
  readonly interactive: boolean;
  /** Reads a `--file` argument (relative paths as the admin typed them). */
  readonly readTextFile: (path: string) => Promise<string>;
}

/** Writes `text` and a newline. */
export function printLine(stream: NodeJS.WritableStream, text: string): void {
  stream.write(`${text}\n`);
}
