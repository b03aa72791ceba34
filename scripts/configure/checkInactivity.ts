import { describeProblems } from '../../src/config/describeProblems';
import { parseInactivityConfig } from '../../src/config/parseInactivityConfig';
import type { InactivityConfig } from '../../src/config/policy';

/** The plugin validator's verdict on one `customerInactivity` value. */
export interface InactivityCheck {
  /** True when a value was rejected: the plugin would fall back to a default for it. */
  readonly hasErrors: boolean;
  /** Errors and notices together. */
  readonly problemCount: number;
  /** Every problem, one line each, errors first, worded exactly as the plugin logs them; or a no-problem line. */
  readonly report: string;
  /** The configuration the plugin would run with: the value, with a default wherever it was rejected or absent. */
  readonly config: InactivityConfig;
}

/**
 * Checks `customerInactivity` with the very parser the plugin runs at startup, so the command can never accept what
 * the plugin would reject (or the other way round). Notices (an unknown key, an odd placeholder) are reported but
 * are not errors, exactly as in the plugin.
 */
export function checkInactivity(raw: unknown): InactivityCheck {
  const { config, problems } = parseInactivityConfig(raw);
  const errors = problems.filter((problem) => problem.level === 'error').length;
  const notices = problems.length - errors;
  if (problems.length === 0) return { hasErrors: false, problemCount: 0, report: 'No problems found.', config };
  const summary = `${count(errors, 'error')}, ${count(notices, 'notice')}:`;
  const report = `${summary}\n${describeProblems(problems)}`;
  return { hasErrors: errors > 0, problemCount: problems.length, report, config };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
