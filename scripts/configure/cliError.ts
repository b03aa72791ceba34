import type { ExitCode } from './exitCodes';

/**
 * A failure the admin should read, with the exit code it maps to. Thrown anywhere in the command and turned into a
 * message on stderr and an exit code in one place ({@link runCli}), so no step decides how the process ends.
 */
export class CliError extends Error {
  /** The process exit code for this failure. */
  readonly exitCode: ExitCode;

  /** `message` is shown to the admin as is: a full sentence saying what happened and what to do. */
  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
