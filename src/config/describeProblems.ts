import type { ConfigProblem } from './policy';

/** The name of the `ui_attributes` key the plugin reads; every problem key starts with it. */
export const CONFIG_ROOT = 'customerInactivity';

/** One step into the configuration: an object key or an array index. */
export type PathSegment = string | number;

/** A location below `customerInactivity`, e.g. `['channels', 'sms', 'timer_sec']`. */
export type ConfigPath = readonly PathSegment[];

// Longer values would drown the sentence they appear in.
const MAX_SHOWN_LENGTH = 40;
const STRING_EXCERPT_LENGTH = 30;

/**
 * Renders a path as the dotted key admins see, e.g. `customerInactivity.warnings[1].before_sec`.
 * Keys that are not plain words (a channel named `my.channel` or `""`) are bracketed so the path stays unambiguous.
 */
export function formatPath(path: ConfigPath): string {
  return path.reduce<string>((text, segment) => text + formatSegment(segment), CONFIG_ROOT);
}

function formatSegment(segment: PathSegment): string {
  if (typeof segment === 'number') return `[${segment}]`;
  return /^[\w-]+$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
}

/**
 * Renders a value JSON-ish for a problem message: strings quoted, numbers plain, long strings shortened with their
 * length, long arrays and objects named instead of printed. Never throws (BigInt and cycles break JSON.stringify).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= MAX_SHOWN_LENGTH) return JSON.stringify(value);
    return `${JSON.stringify(`${value.slice(0, STRING_EXCERPT_LENGTH)}…`)}, ${value.length} characters`;
  }
  if (typeof value === 'bigint') return `${value.toString()}n`;
  // String() is JSON for finite numbers and names NaN and Infinity, which JSON would turn into null.
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'symbol' || typeof value === 'function' ? describeType(value) : String(value);
  }
  let json: unknown;
  try {
    json = JSON.stringify(value);
  } catch {
    // A BigInt inside, or a cycle: named below.
  }
  if (typeof json === 'string' && json.length <= MAX_SHOWN_LENGTH) return json;
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  return 'an object';
}

/** Names the JSON type of a value for "got ..." phrases: `a string`, `null`, `an array`, ... */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (value === undefined) return 'undefined';
  return `a ${typeof value}`;
}

/**
 * One line per problem, errors first, for the browser console or a support ticket.
 * Returns an empty string when there is nothing to report.
 */
export function describeProblems(problems: readonly ConfigProblem[]): string {
  const errors = problems.filter((problem) => problem.level === 'error');
  const notices = problems.filter((problem) => problem.level === 'notice');
  return [...errors, ...notices].map((problem) => `[${problem.level}] ${problem.message}`).join('\n');
}
