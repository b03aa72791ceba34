import { checkInactivity } from './checkInactivity';
import type { CliIo } from './cliIo';
import { printLine } from './cliIo';
import type { Connection } from './command';
import { readCredentials } from './credentials';
import { ExitCode } from './exitCodes';
import { effectiveSettingsTable } from './effectiveTable';
import { connectFlexConfiguration } from './flexConfigurationApi';
import { inactivityOf } from './withInactivity';

/**
 * `show`: prints the account's `customerInactivity`, the plugin validator's report on it, and the settings each
 * queue and channel gets once merged.
 * {@link ExitCode.InvalidConfig} when the stored value has errors, so a scheduled check can alert on it.
 */
export async function runShow(connection: Connection, io: CliIo): Promise<ExitCode> {
  const api = connectFlexConfiguration(readCredentials(io.env), connection);
  const { accountSid, uiAttributes } = await api.read();
  const inactivity = inactivityOf(uiAttributes);
  printLine(io.stdout, `customerInactivity of account ${accountSid}:`);
  const shown =
    inactivity === undefined ? '(not set: the plugin uses its defaults)' : JSON.stringify(inactivity, null, 2);
  printLine(io.stdout, shown);
  const check = checkInactivity(inactivity);
  printLine(io.stdout, `\nAs the plugin sees it: ${check.report}`);
  const table = effectiveSettingsTable(check.config);
  printLine(
    io.stdout,
    `\nWhat each queue and channel gets (most specific wins: top level < channel < queue < queue's channel):\n${table}`,
  );
  return check.hasErrors ? ExitCode.InvalidConfig : ExitCode.Ok;
}
