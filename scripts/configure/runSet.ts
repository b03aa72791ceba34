import { applySettings } from './applySettings';
import { checkInactivity } from './checkInactivity';
import type { InactivityCheck } from './checkInactivity';
import { CliError } from './cliError';
import type { CliIo } from './cliIo';
import { printLine } from './cliIo';
import type { Command, FileEdit, FlagEdit } from './command';
import { confirm } from './confirm';
import { readCredentials } from './credentials';
import { diffInactivity, formatDiff } from './diffInactivity';
import { ExitCode } from './exitCodes';
import { connectFlexConfiguration } from './flexConfigurationApi';
import type { FlexConfiguration, FlexConfigurationApi } from './flexConfigurationApi';
import { sameJson } from './jsonValue';
import { loadConfigFile } from './loadConfigFile';
import { inactivityOf, withInactivity } from './withInactivity';

/** The parsed `set` command. */
export type SetCommand = Extract<Command, { kind: 'set' }>;

/** Computes the new `customerInactivity` from the current one. */
type Edit = (current: unknown) => unknown;

/**
 * `set`: read the configuration, change only `customerInactivity`, validate, show the diff, confirm, check that
 * nobody changed the configuration meanwhile, write. Any failure before the last step leaves the account untouched.
 */
export async function runSet(command: SetCommand, io: CliIo): Promise<ExitCode> {
  const edit = await prepareEdit(command.edit, io);
  const api = connectFlexConfiguration(readCredentials(io.env), command.connection);
  const read = await api.read();
  const before = inactivityOf(read.uiAttributes);
  const after = edit(before);
  const check = requireValid(after, io);
  const diff = diffInactivity(before, after);
  if (diff.length === 0) {
    printLine(
      io.stdout,
      `customerInactivity of account ${read.accountSid} already has these values; nothing to write.`,
    );
    return ExitCode.Ok;
  }
  printLine(io.stdout, `Changes to customerInactivity of account ${read.accountSid}:\n${formatDiff(diff)}`);
  // Notices (an unknown key, an odd placeholder) do not block, but the admin sees them before confirming.
  if (check.problemCount > 0) printLine(io.stdout, `\nThe plugin will report: ${check.report}`);
  await requireConfirmation(command.yes, io);
  await requireUnchanged(api, read);
  await api.write({ accountSid: read.accountSid, uiAttributes: withInactivity(read.uiAttributes, after) });
  printLine(io.stdout, 'Saved. Agents get the new settings the next time Flex loads.');
  return ExitCode.Ok;
}

/** A file is read and validated before anything else, so an invalid file never costs a request. */
async function prepareEdit(edit: FlagEdit | FileEdit, io: CliIo): Promise<Edit> {
  if (edit.kind === 'flags') return (current) => applySettings(current, edit);
  const inactivity = await loadConfigFile(edit.path, io);
  requireValid(inactivity, io);
  return () => inactivity;
}

/** The validator's verdict on `inactivity`; throws, after printing every problem, when it has errors. */
function requireValid(inactivity: unknown, io: CliIo): InactivityCheck {
  const check = checkInactivity(inactivity);
  if (!check.hasErrors) return check;
  printLine(io.stderr, `The new customerInactivity has problems (as the plugin would report them): ${check.report}`);
  throw new CliError(ExitCode.InvalidConfig, 'Nothing was written: fix the errors above and run the command again.');
}

async function requireConfirmation(yes: boolean, io: CliIo): Promise<void> {
  if (yes) return;
  if (!io.interactive) {
    throw new CliError(
      ExitCode.NotConfirmed,
      'Nothing was written: stdin is not a terminal, so nobody can confirm. Run again with --yes to write without asking.',
    );
  }
  if (!(await confirm('Write these changes? [y/N] ', io.stdin, io.stdout))) {
    throw new CliError(ExitCode.NotConfirmed, 'Nothing was written (not confirmed).');
  }
}

/**
 * The API has no conditional write, so the POST would overwrite whatever someone saved while the diff was on
 * screen. Reading again right before writing narrows that window from minutes (the prompt) to one round trip.
 */
async function requireUnchanged(api: FlexConfigurationApi, read: FlexConfiguration): Promise<void> {
  const latest = await api.read();
  if (sameJson(latest.uiAttributes, read.uiAttributes)) return;
  throw new CliError(
    ExitCode.ChangedConcurrently,
    `Nothing was written: the Flex configuration of account ${read.accountSid} changed after it was read ` +
      '(someone else saved it meanwhile). Run the command again to apply your change to the new configuration.',
  );
}
