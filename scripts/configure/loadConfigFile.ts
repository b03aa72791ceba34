import type { CliIo } from './cliIo';
import { printLine } from './cliIo';
import { CliError } from './cliError';
import { parseConfigFile } from './configFile';
import { ExitCode } from './exitCodes';

/**
 * Reads `--file` and returns its `customerInactivity`, telling the admin about keys that are ignored.
 * Throws a {@link CliError}: {@link ExitCode.Usage} when the file cannot be read, {@link ExitCode.InvalidConfig}
 * when it is not JSON.
 */
export async function loadConfigFile(path: string, io: CliIo): Promise<unknown> {
  const { inactivity, ignoredKeys } = parseConfigFile(await readText(path, io), path);
  if (ignoredKeys.length > 0) {
    printLine(io.stderr, `note: only customerInactivity is read from ${path}; ignoring ${ignoredKeys.join(', ')}.`);
  }
  return inactivity;
}

async function readText(path: string, io: CliIo): Promise<string> {
  try {
    return await io.readTextFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(ExitCode.Usage, `Cannot read ${path}: ${reason}`);
  }
}
