import { checkInactivity } from './checkInactivity';
import type { CliIo } from './cliIo';
import { printLine } from './cliIo';
import { ExitCode } from './exitCodes';
import { loadConfigFile } from './loadConfigFile';

/** `validate --file <path>`: checks the file offline; {@link ExitCode.InvalidConfig} when it has errors. */
export async function runValidate(path: string, io: CliIo): Promise<ExitCode> {
  const check = checkInactivity(await loadConfigFile(path, io));
  printLine(io.stdout, `${path}: ${check.report}`);
  return check.hasErrors ? ExitCode.InvalidConfig : ExitCode.Ok;
}
