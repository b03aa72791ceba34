import type { ChannelPolicy, InactivityConfig, PolicySet } from '../../src/config/policy';

/** Stands for "any queue" and "any other channel" in the table. */
const ANY_QUEUE = '(any)';
const OTHER_CHANNELS = '(other)';
// Longer texts would push the table off an ordinary terminal.
const MAX_TEXT = 24;

const HEADER = [
  'queue',
  'channel',
  'enabled',
  'timer_sec',
  'warnings_sec',
  'closing_message',
  'start_on',
  'extend_sec',
  'report_outcome',
];

/**
 * The settings each kind of task gets once every level is merged (top level < channel < queue < queue's channel),
 * one row per queue and channel the admin configured, as an aligned text table. `(any)` is a queue without settings
 * of its own, `(other)` a channel type without. Warnings are listed as seconds before the deadline.
 */
export function effectiveSettingsTable(config: InactivityConfig): string {
  const sets: Array<[string, PolicySet]> = [[ANY_QUEUE, config], ...Object.entries(config.queuePolicies ?? {})];
  const rows = sets.flatMap(([queue, set]) => [
    row(queue, OTHER_CHANNELS, set.defaultPolicy),
    ...Object.entries(set.channelPolicies).map(([channel, policy]) => row(queue, channel, policy)),
  ]);
  return align([HEADER, ...rows]);
}

function row(queue: string, channel: string, policy: ChannelPolicy): string[] {
  const warnings = policy.warnings.map((warning) => seconds(warning.beforeMs)).join(', ');
  return [
    queue,
    channel,
    policy.enabled ? 'yes' : 'no',
    seconds(policy.timerMs),
    warnings === '' ? 'none' : warnings,
    textOrNone(policy.closingMessage),
    policy.startOn,
    seconds(policy.extendMs),
    textOrNone(policy.reportOutcome),
  ];
}

function seconds(ms: number): string {
  return String(ms / 1000);
}

function textOrNone(text: string | null): string {
  if (text === null) return 'none';
  return JSON.stringify(text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`);
}

function align(rows: readonly string[][]): string {
  const widths = HEADER.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? '').length)));
  return rows
    .map((cells) =>
      cells
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
