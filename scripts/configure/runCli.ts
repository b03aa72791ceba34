import { CliError } from './cliError';
import type { CliIo } from './cliIo';
import { printLine } from './cliIo';
import type { Command } from './command';
import { ExitCode } from './exitCodes';
import { helpText } from './help';
import { parseCommand } from './parseCommand';
import { runSet } from './runSet';
import { runShow } from './runShow';
import { runValidate } from './runValidate';

/**
 * Runs `npm run configure -- <argv>` and resolves to the exit code. Never rejects: every failure is printed to
 * stderr here, once, and mapped to its {@link ExitCode}.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    return await runCommand(parseCommand(argv, io.env), io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

function runCommand(command: Command, io: CliIo): Promise<ExitCode> {
  switch (command.kind) {
    case 'help':
      printLine(io.stdout, helpText());
      return Promise.resolve(ExitCode.Ok);
    case 'show':
      return runShow(command.connection, io);
    case 'validate':
      return runValidate(command.path, io);
    case 'set':
      return runSet(command, io);
  }
}

function reportFailure(error: unknown, io: CliIo): ExitCode {
  if (error instanceof CliError) {
    printLine(io.stderr, `error: ${error.message}`);
    if (error.exitCode === ExitCode.Usage) printLine(io.stderr, 'Run `npm run configure -- --help` for usage.');
    return error.exitCode;
  }
  // A bug, not a situation the admin can fix: keep the stack for the report.
  const details = error instanceof Error ? (error.stack ?? error.message) : String(error);
  printLine(io.stderr, `unexpected error: ${details}`);
  return ExitCode.Unexpected;
}
