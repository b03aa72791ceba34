import { formatPath } from '../../src/config/describeProblems';
import type { ConfigPath } from '../../src/config/describeProblems';
import { isJsonObject } from './jsonValue';

/** One changed leaf: `-` for the value on the account, `+` for the value about to be written. */
export interface DiffLine {
  readonly sign: '-' | '+';
  /** The key as the plugin's own messages name it, e.g. `customerInactivity.channels.sms.timer_sec`. */
  readonly key: string;
  /** The value as JSON. */
  readonly value: string;
}

/**
 * The leaves of `customerInactivity` that differ between `before` and `after`, keyed by dotted path so that a change
 * deep inside `channels` or `warnings` reads as one line instead of a re-printed object. Empty when nothing changes.
 * Keys are listed in `before`'s order, then keys only `after` has.
 */
export function diffInactivity(before: unknown, after: unknown): DiffLine[] {
  const old = new Map(leaves(before, []));
  const next = new Map(leaves(after, []));
  const keys = [...new Set([...old.keys(), ...next.keys()])];
  const lines = keys.flatMap((key) => changedLines(key, old.get(key), next.get(key)));
  return lines.filter((line) => !isFilledContainer(line, next));
}

/** The diff as text, one `- key: value` / `+ key: value` line per entry. */
export function formatDiff(lines: readonly DiffLine[]): string {
  return lines.map((line) => `${line.sign} ${line.key}: ${line.value}`).join('\n');
}

function changedLines(key: string, oldValue: string | undefined, newValue: string | undefined): DiffLine[] {
  if (oldValue === newValue) return [];
  const removed: DiffLine[] = oldValue === undefined ? [] : [{ sign: '-', key, value: oldValue }];
  const added: DiffLine[] = newValue === undefined ? [] : [{ sign: '+', key, value: newValue }];
  return [...removed, ...added];
}

/**
 * An empty `{}` or `[]` that gets contents: the `+` lines of the contents already say so. (The other way round the
 * `+ ...: []` line stays: it tells "now empty" from "removed".)
 */
function isFilledContainer(line: DiffLine, next: ReadonlyMap<string, string>): boolean {
  if (line.sign !== '-' || (line.value !== '{}' && line.value !== '[]')) return false;
  return [...next.keys()].some((key) => key.startsWith(`${line.key}.`) || key.startsWith(`${line.key}[`));
}

/** [dotted path, JSON] for every leaf; empty objects and arrays count as leaves so that adding `{}` still shows. */
function leaves(value: unknown, path: ConfigPath): Array<[string, string]> {
  if (value === undefined) return [];
  const children = childrenOf(value);
  if (children.length === 0) return [[formatPath(path), JSON.stringify(value)]];
  return children.flatMap(([segment, child]) => leaves(child, [...path, segment]));
}

function childrenOf(value: unknown): Array<[string | number, unknown]> {
  if (Array.isArray(value)) return value.map((item: unknown, index): [number, unknown] => [index, item]);
  return isJsonObject(value) ? Object.entries(value) : [];
}
