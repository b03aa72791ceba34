import { CUSTOMER_SERVICE_WINDOWS_MS } from './messagingWindow';
import type { ChannelPolicy, ConfigProblem, InactivityConfig, ParsedConfig, PolicySet, StartOn } from './policy';
import { CONFIG_ROOT, describeType, describeValue, formatPath } from './describeProblems';
import type { ConfigPath } from './describeProblems';
import { hasOwn } from './hasOwn';

/** Countdown length when `timer_sec` is not set. */
export const DEFAULT_TIMER_SEC = 300;
/** Shortest accepted `timer_sec`: anything shorter would close chats while the customer is still typing. */
export const MIN_TIMER_SEC = 5;
/** Longest accepted `timer_sec` (7 days). */
export const MAX_TIMER_SEC = 604_800;
/** Seconds before the deadline of the single warning when neither `warning_sec` nor `warnings` is set. */
export const DEFAULT_WARNING_SEC = 60;
/** Warning text when `warning_message` is not set. */
export const DEFAULT_WARNING_MESSAGE =
  "We haven't heard from you for a while. This chat will close in {{remaining}} unless you reply.";
/** Extra time an agent's "extend" grants when `extend_sec` is not set. */
export const DEFAULT_EXTEND_SEC = 300;
/** Shortest accepted `extend_sec`. */
export const MIN_EXTEND_SEC = 1;
/** Longest accepted `extend_sec` (1 day). */
export const MAX_EXTEND_SEC = 86_400;
/** Most items read from a `warnings` array; later items are dropped. */
export const MAX_WARNINGS = 10;
/** Longest accepted message template: the SMS and WhatsApp body limit. */
export const MAX_MESSAGE_LENGTH = 1600;
/** Placeholder names a message template may use, written `{{remaining}}` and `{{customerName}}`. */
export const KNOWN_PLACEHOLDERS: readonly string[] = ['remaining', 'customerName'];
/** Accepted values of `start_on`, the first being the default. */
export const START_ON_VALUES: readonly StartOn[] = ['customer_message', 'agent_reply'];
/** Keys accepted inside a channel override. */
export const CHANNEL_KEYS: readonly string[] = [
  'enabled',
  'timer_sec',
  'warning_sec',
  'warning_message',
  'warnings',
  'closing_message',
  'report_outcome',
  'start_on',
  'extend_sec',
];
/** Keys accepted in one queue's overrides. */
const QUEUE_KEYS: readonly string[] = [...CHANNEL_KEYS, 'channels'];
/** Keys accepted directly under `customerInactivity`. */
export const TOP_LEVEL_KEYS: readonly string[] = [...QUEUE_KEYS, 'queues'];
/** Keys accepted in one item of a `warnings` array. */
export const WARNING_ITEM_KEYS: readonly string[] = ['before_sec', 'message'];

// Channel types Flex Conversations itself sets; used only to spot an override that will never match (e.g. "SMS").
/** The channel types Flex Conversations writes into `task.attributes.channelType`. */
export const FLEX_CHANNEL_TYPES: readonly string[] = ['web', 'sms', 'whatsapp', 'messenger', 'gbm', 'email'];
const DEFAULTS_SUMMARY =
  `timer_sec ${DEFAULT_TIMER_SEC}, warning_sec ${DEFAULT_WARNING_SEC}, start_on "customer_message", ` +
  `extend_sec ${DEFAULT_EXTEND_SEC}, no closing message`;

/** Flex Insights shows the outcome as a label: short text. */
const MAX_OUTCOME_LENGTH = 255;

// The bundle keeps property names and string literals as written, so drafts and layers are tuples (their labels cost
// nothing) and every setting is read from one table by the same code at every level.

/** A raw value's verdict: the accepted value, boxed (it may be null or false), or what was expected instead. */
type Read<T> = [T] | string;

type Scalar = boolean | number | string | null;

/** A policy's settings other than its warnings, in the order of `SCALARS`. */
type Values = readonly [
  enabled: boolean,
  timerMs: number,
  startOn: StartOn,
  closingMessage: string | null,
  extendMs: number,
  reportOutcome: string | null,
];

/** A warning plus the keys that set its time and text (null: the built-in default), so a conflict can name them. */
type DraftWarning = readonly [
  beforeMs: number,
  message: string,
  timePath: ConfigPath | null,
  messagePath: ConfigPath | null,
];

type ListedWarning = readonly [beforeMs: number, message: string, timePath: ConfigPath, messagePath: ConfigPath];

/** A policy being resolved: its values, the key that set each value (by index; none: the default), its warnings. */
type Draft = readonly [values: Values, from: readonly (ConfigPath | undefined)[], warnings: readonly DraftWarning[]];

/** One level's drafts: its own policy, and its channels' (for a queue, every top-level channel's too). */
type Level = readonly [policy: Draft, channels: ReadonlyMap<string, Draft>];

type Fields = Readonly<Record<string, unknown>>;

/** Records a problem; `text` continues the sentence that starts with the formatted path. */
type Say = (path: ConfigPath, text: string, notice?: boolean) => void;

/**
 * One object of settings (the top level, or the overrides of a channel, a queue or a queue's channel, or a warning
 * item), where it is, the keys accepted there and where its problems go.
 */
type Layer = readonly [fields: Fields, path: ConfigPath, known: readonly string[], say: Say];

/** Each setting besides the warnings: its key, default, reader and, for a nullable one, what null means. */
const SCALARS: ReadonlyArray<
  readonly [key: string, fallback: Scalar, read: (value: unknown) => Read<Scalar>, none?: string]
> = [
  ['enabled', true, (value) => (typeof value === 'boolean' ? [value] : `must be true or false${got(value)}`)],
  ['timer_sec', DEFAULT_TIMER_SEC * 1000, (value) => readSeconds(value, [MIN_TIMER_SEC, MAX_TIMER_SEC])],
  ['start_on', START_ON_VALUES[0] as StartOn, readStartOn],
  ['closing_message', null, (value) => readText(value, MAX_MESSAGE_LENGTH, true), 'closing message'],
  ['extend_sec', DEFAULT_EXTEND_SEC * 1000, (value) => readSeconds(value, [MIN_EXTEND_SEC, MAX_EXTEND_SEC])],
  ['report_outcome', null, (value) => readText(value, MAX_OUTCOME_LENGTH, true), 'outcome written'],
];

const DROPPED = 'the warning is dropped.';
const { freeze } = Object;

const DEFAULT_WARNING: DraftWarning = [DEFAULT_WARNING_SEC * 1000, DEFAULT_WARNING_MESSAGE, null, null];

// The casts to Values below hold because SCALARS lists the settings in the order of Values, each with its own reader.
const DEFAULT_DRAFT: Draft = [SCALARS.map((spec) => spec[1]) as unknown as Values, [], [DEFAULT_WARNING]];

/** The policy used when nothing is configured: 300 s timer, one warning 60 s before, no closing message. */
export const DEFAULT_POLICY: ChannelPolicy = toPolicy(DEFAULT_DRAFT);

/**
 * Turns `ui_attributes.customerInactivity`, exactly as an admin POSTed it, into a complete config.
 * Never throws: every rejected value is replaced by its inherited or default value and reported in `problems`,
 * ordered as the keys appear in `raw`.
 */
export function parseInactivityConfig(raw: unknown): ParsedConfig {
  try {
    return parseUnchecked(raw);
  } catch {
    // Only reachable with exotic input (a Proxy or a throwing getter); the plugin must still start.
    return defaultsWith(' could not be read; ');
  }
}

function parseUnchecked(raw: unknown): ParsedConfig {
  if (raw === undefined) return defaultsWith(' was not found in ui_attributes; ', true);
  if (!isRecord(raw)) return defaultsWith(`${shown(raw)}must be an object${got(raw)}; `);
  const found: Array<[rank: number[], problem: ConfigProblem]> = [];
  const say: Say = (path, text, notice) => {
    found.push([rankOf(raw, path), problemAt(formatPath(path), text, notice)]);
  };
  const layer: Layer = [raw, [], TOP_LEVEL_KEYS, say];
  const top = resolveLevel(layer, [DEFAULT_DRAFT, new Map()]);
  const queues = overrides(layer, 'queues').map(([name, fields]): [string, Level] => [
    name,
    resolveLevel([fields, ['queues', name], QUEUE_KEYS, say], top),
  ]);
  noteMessagingWindows([top, ...queues.map((queue) => queue[1])], say);
  const queuePolicies = Object.fromEntries(queues.map(([name, queue]) => [name, toPolicySet(queue)]));
  const config: InactivityConfig = { ...toPolicySet(top), ...(queues.length > 0 ? { queuePolicies } : {}) };
  // Problems are listed in the order their keys appear in the admin's JSON; sort is stable for equal ranks.
  return { config, problems: found.sort((a, b) => compareRanks(a[0], b[0])).map((entry) => entry[1]) };
}

function defaultsWith(text: string, notice?: boolean): ParsedConfig {
  const problem = problemAt(CONFIG_ROOT, `${text}using the defaults (${DEFAULTS_SUMMARY}).`, notice);
  return { config: { defaultPolicy: DEFAULT_POLICY, channelPolicies: {} }, problems: [problem] };
}

function problemAt(key: string, text: string, notice?: boolean): ConfigProblem {
  return { level: notice ? 'notice' : 'error', key, message: key + text };
}

/**
 * Most specific wins, key by key: top level < channel < queue < queue's channel. The top level is resolved over the
 * defaults, a queue over the top level; a queue also applies over each top-level channel, quietly (those keys'
 * problems are reported once, over the top level), and its own channels over those.
 */
function resolveLevel(layer: Layer, [basePolicy, baseChannels]: Level): Level {
  const [, path, known, say] = layer;
  const policy = resolveLayer(layer, basePolicy);
  const quiet: Layer = [layer[0], path, known, () => undefined];
  const channels = new Map([...baseChannels].map(([type, channel]) => [type, resolveLayer(quiet, channel)]));
  for (const [type, fields] of overrides(layer, 'channels')) {
    // `||`, not `??`: drafts are arrays, and the old toolchain spells `??` out at length in the bundle.
    channels.set(
      type,
      resolveLayer([fields, [...path, 'channels', type], CHANNEL_KEYS, say], channels.get(type) || policy),
    );
  }
  return [policy, channels];
}

function toPolicySet([policy, channels]: Level): PolicySet {
  const channelPolicies = Object.fromEntries([...channels].map(([type, draft]) => [type, toPolicy(draft)]));
  return { defaultPolicy: toPolicy(policy), channelPolicies };
}

// Frozen because one policy object is shared by every conversation on the channel.
function toPolicy([
  [enabled, timerMs, startOn, closingMessage, extendMs, reportOutcome],
  ,
  list,
]: Draft): ChannelPolicy {
  const warnings = freeze(list.map(([beforeMs, message]) => freeze({ beforeMs, message })));
  return freeze({ enabled, timerMs, startOn, warnings, closingMessage, extendMs, reportOutcome });
}

/**
 * A channel with a customer-service window (WhatsApp: 24 hours) refuses free-form messages long after the
 * customer's last one: with a timer longer than the window, its warnings or closing message would be skipped.
 * Noted once per timer_sec key, however many queues inherit it.
 */
function noteMessagingWindows(levels: readonly Level[], say: Say): void {
  const noted = new Set<string>();
  for (const [type, windowMs] of Object.entries(CUSTOMER_SERVICE_WINDOWS_MS)) {
    for (const [policy, channels] of levels) {
      const [[enabled, timerMs, , closingMessage], [, timerPath], warnings] = channels.get(type) || policy;
      const key = timerPath && formatPath(timerPath);
      if (key && enabled && timerMs > windowMs && (warnings.length > 0 || closingMessage !== null) && !noted.has(key)) {
        noted.add(key);
        say(
          timerPath,
          ` (${timerMs / 1_000}) is longer than the ${windowMs / 3_600_000}-hour window in which ${type} accepts ` +
            `messages after the customer's last one: on ${type}, warnings and a closing message due later are not ` +
            'sent (the wrap-up still happens).',
          true,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Layers: the top level, a queue and each channel are resolved the same way, against a base policy.

function resolveLayer(layer: Layer, [baseValues, baseFrom, inherited]: Draft): Draft {
  const [fields, path, , say] = layer;
  noteUnknownKeys(layer);
  const from = [...baseFrom];
  const values = SCALARS.map(([key, , read, none], index) => {
    const fallback = baseValues[index] as Scalar;
    const value = valueAt(fields, key);
    if (value === undefined) return fallback;
    const keyPath = [...path, key];
    const result = read(value);
    if (typeof result === 'string') {
      const fallbackText =
        fallback === null
          ? `null (no ${none})`
          : typeof fallback === 'number'
            ? showSeconds(fallback)
            : describeValue(fallback);
      say(keyPath, `${shown(value)}${result}; using ${sourceText(fallbackText, from[index])}.`);
      return fallback;
    }
    from[index] = keyPath;
    notePlaceholders(say, keyPath, result[0]);
    return result[0];
  }) as unknown as Values;
  const warnings = resolveWarnings(layer, inherited).filter((warning) => fitsTimer(layer, warning, values[1]));
  return [values, from, warnings.sort((a, b) => b[0] - a[0])];
}

/** `channels` and `queues` get their own error where they cannot be nested; other keys get a notice. */
function noteUnknownKeys([fields, path, known, say]: Layer): void {
  for (const key of Object.keys(fields)) {
    const keyPath = [...path, key];
    if (known.includes(key)) continue;
    if (known !== WARNING_ITEM_KEYS && (key === 'channels' || key === 'queues')) {
      say(keyPath, `${shown(fields[key])}is not allowed here: ${key} cannot be nested; it is ignored.`);
    } else {
      say(keyPath, ` is not a known key; it is ignored ${suggestion(key, known, 'keys')}.`, true);
    }
  }
}

/** `(did you mean x? known keys: a, b)`: the hint only when a known name is close. */
function suggestion(name: string, known: readonly string[], noun: string): string {
  const closest = closestName(name, known);
  return `(${closest === undefined ? '' : `did you mean ${closest}? `}known ${noun}: ${known.join(', ')})`;
}

function sourceText(shownValue: string, source: ConfigPath | null | undefined): string {
  return source ? `${shownValue} from ${formatPath(source)}` : `the default ${shownValue}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Channels and queues

/** The override objects in `parent[key]`; everything else there is reported and left out. */
function overrides([fields, path, , say]: Layer, key: 'channels' | 'queues'): Array<[string, Fields]> {
  const map = valueAt(fields, key);
  if (map === undefined) return [];
  const mapPath = [...path, key];
  const noun = key.slice(0, -1);
  const name = `${noun} ${key === 'channels' ? 'type' : 'name'}`;
  if (!isRecord(map)) {
    say(
      mapPath,
      `${shown(map)}must be an object mapping ${name}s to overrides${got(map)}; no ${noun} overrides are used.`,
    );
    return [];
  }
  return Object.entries(map).filter((entry): entry is [string, Fields] => {
    const [entryName, value] = entry;
    const entryPath = [...mapPath, entryName];
    if (entryName.trim() === '') {
      say(entryPath, ` is not a ${name} (the name is blank); it is ignored.`);
      return false;
    }
    if (key === 'channels') noteChannelSpelling(say, entryPath, entryName);
    if (isRecord(value)) return true;
    const parentPolicy = path.length === 0 ? 'top-level' : "queue's";
    say(
      entryPath,
      `${shown(value)}must be an object of overrides${got(value)}; the ${noun} uses the ${parentPolicy} policy.`,
    );
    return false;
  });
}

/**
 * Overrides are matched to `task.attributes.channelType` exactly, so "SMS", " sms" or a typo like "whatsap" would
 * silently never apply. A custom channel type is still honoured: the admin is told, not overruled.
 */
function noteChannelSpelling(say: Say, path: ConfigPath, type: string): void {
  if (FLEX_CHANNEL_TYPES.includes(type)) return;
  const normalized = type.trim().toLowerCase();
  const tasks = `tasks whose channelType is exactly ${JSON.stringify(type)}`;
  const text = FLEX_CHANNEL_TYPES.includes(normalized)
    ? ` only applies to ${tasks}; Flex writes ${JSON.stringify(normalized)}.`
    : ` is not a channel type Flex Conversations writes ${suggestion(type, FLEX_CHANNEL_TYPES, 'types')}; it applies only to ${tasks}.`;
  say(path, text, true);
}

// ---------------------------------------------------------------------------------------------------------------
// Warnings: a `warnings` array, or the one-item form `warning_sec` + `warning_message`.

function resolveWarnings([fields, path, , say]: Layer, inherited: readonly DraftWarning[]): readonly DraftWarning[] {
  const secondsPath = [...path, 'warning_sec'];
  const messagePath = [...path, 'warning_message'];
  const [rawSeconds, rawMessage, list] = ['warning_sec', 'warning_message', 'warnings'].map((key) =>
    valueAt(fields, key),
  );
  const seconds = rawSeconds === undefined ? undefined : readSeconds(rawSeconds);
  const message = rawMessage === undefined ? undefined : readText(rawMessage, MAX_MESSAGE_LENGTH);
  const usesSingleForm = isArray(seconds) || isArray(message);
  const listPath = [...path, 'warnings'];
  if (isArray(list)) {
    [rawSeconds, rawMessage].forEach((value, index) => {
      const text = `${shown(value)}is ignored because ${formatPath(listPath)} is set.`;
      if (value !== undefined) say(index ? messagePath : secondsPath, text, true);
    });
    return readWarningList(say, listPath, list);
  }
  if (list !== undefined) {
    const using = usesSingleForm ? 'using warning_sec and warning_message instead' : inheritedText(inherited);
    const shape = '{"before_sec": number, "message": string}';
    say(listPath, `${shown(list)}must be an array of ${shape}${got(list)}; ${using}.`);
  }
  // A key left out (or wrong) comes from the single inherited warning, or from the defaults when there are zero or
  // several: there is no single inherited time or text to reuse.
  const [only] = inherited;
  const [templateMs, templateText, timePath, textPath] = inherited.length === 1 && only ? only : DEFAULT_WARNING;
  const usings = [
    `using ${sourceText(showSeconds(templateMs), timePath)}`,
    `using ${textPath ? `the message from ${formatPath(textPath)}` : 'the default message'}`,
  ];
  [seconds, message].forEach((result, index) => {
    const keyPath = index ? messagePath : secondsPath;
    if (typeof result === 'string') {
      say(
        keyPath,
        `${shown(index ? rawMessage : rawSeconds)}${result}; ${usesSingleForm ? usings[index] : inheritedText(inherited)}.`,
      );
    } else if (result) {
      notePlaceholders(say, keyPath, result[0]);
    }
  });
  if (!usesSingleForm) return inherited;
  return [
    [
      isArray(seconds) ? seconds[0] : templateMs,
      isArray(message) ? message[0] : templateText,
      isArray(seconds) ? secondsPath : timePath,
      isArray(message) ? messagePath : textPath,
    ],
  ];
}

function inheritedText(inherited: readonly DraftWarning[]): string {
  if (inherited.length === 0) return 'keeping the inherited setting of no warnings';
  const isDefault = inherited.length === 1 && inherited[0] === DEFAULT_WARNING;
  const times = inherited.map((warning) => showSeconds(warning[0])).join(' s, ');
  return `${isDefault ? 'using the default warning' : 'keeping the inherited warnings'} (${times} s before the deadline)`;
}

function readWarningList(say: Say, listPath: ConfigPath, list: readonly unknown[]): readonly DraftWarning[] {
  if (list.length > MAX_WARNINGS) {
    say(
      listPath,
      `${shown(list)}must have at most ${MAX_WARNINGS} items; warnings[${MAX_WARNINGS}] and later are dropped.`,
    );
  }
  const kept: ListedWarning[] = [];
  // forEach skips the holes of a sparse array.
  list.slice(0, MAX_WARNINGS).forEach((item, index) => {
    const warning = readWarningItem(say, [...listPath, index], item);
    const twin = warning && kept.find((other) => other[0] === warning[0]);
    if (twin && warning) {
      say(warning[2], ` (${showSeconds(warning[0])}) repeats ${formatPath(twin[2])}; the later warning is dropped.`);
    } else if (warning) {
      kept.push(warning);
    }
  });
  return kept;
}

function readWarningItem(say: Say, path: ConfigPath, item: unknown): ListedWarning | undefined {
  if (!isRecord(item)) {
    const like = '{"before_sec": 60, "message": "..."}';
    say(path, `${shown(item)}must be an object like ${like}${got(item)}; ${DROPPED}`);
    return undefined;
  }
  noteUnknownKeys([item, path, WARNING_ITEM_KEYS, say]);
  const timePath = [...path, 'before_sec'];
  const messagePath = [...path, 'message'];
  const beforeMs = readItemField(say, item, timePath, 'seconds before the deadline', readSeconds);
  const message = readItemField(say, item, messagePath, 'the text to send', (value) =>
    readText(value, MAX_MESSAGE_LENGTH),
  );
  if (beforeMs === undefined || message === undefined) return undefined;
  notePlaceholders(say, messagePath, message);
  return [beforeMs, message, timePath, messagePath];
}

function readItemField<T>(
  say: Say,
  item: Fields,
  path: ConfigPath,
  what: string,
  read: (value: unknown) => Read<T>,
): T | undefined {
  const value = valueAt(item, path[path.length - 1] as string);
  const result = value === undefined ? undefined : read(value);
  if (typeof result === 'object') return result[0];
  say(path, `${result === undefined ? ` is missing (${what})` : `${shown(value)}${result}`}; ${DROPPED}`);
  return undefined;
}

/** A warning at or after the deadline could never be sent; it is dropped, naming the key the admin should change. */
function fitsTimer([, path, known, say]: Layer, [beforeMs, , timePath]: DraftWarning, timerMs: number): boolean {
  if (beforeMs < timerMs) return true;
  const timer = showSeconds(timerMs);
  const at = showSeconds(beforeMs);
  const timerPath = [...path, 'timer_sec'];
  if (timePath === null) {
    const text = ` (${timer}) is not greater than the default warning time (${at} s before the deadline); the default warning is dropped (set warning_sec below ${timer} to send one).`;
    say(timerPath, text, true);
  } else if (path.every((segment, index) => timePath[index] === segment)) {
    say(timePath, ` (${at}) must be less than timer_sec (${timer}); ${DROPPED}`);
  } else {
    const scope = known === QUEUE_KEYS ? 'queue' : 'channel';
    say(
      timerPath,
      ` (${timer}) must be greater than ${formatPath(timePath)} (${at}); that warning is dropped for this ${scope}.`,
    );
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Readers: each checks one raw value and says what was expected when it is wrong.

function readStartOn(value: unknown): Read<StartOn> {
  const option = START_ON_VALUES.find((candidate) => candidate === value);
  if (option !== undefined) return [option];
  const expected = START_ON_VALUES.map((candidate) => JSON.stringify(candidate)).join(' or ');
  return `must be ${expected}${typeof value === 'string' ? '' : got(value)}`;
}

/**
 * Seconds as whole ms. Without `bounds` it reads a warning time, whose real upper bound is the layer's timer, checked
 * once that is known (see `fitsTimer`).
 */
function readSeconds(value: unknown, bounds?: readonly [min: number, max: number]): Read<number> {
  if (typeof value !== 'number') return `must be a number of seconds${got(value)}`;
  if (!Number.isFinite(value)) return 'must be a finite number of seconds';
  const ms = Math.round(value * 1000);
  if (bounds) return value < bounds[0] || value > bounds[1] ? `must be between ${bounds.join(' and ')} seconds` : [ms];
  if (value <= 0) return 'must be greater than 0 seconds';
  // Anything this large could never fit before any timer; rejecting it early also keeps its rendering exact.
  if (value >= MAX_TIMER_SEC) return `must be less than ${MAX_TIMER_SEC} seconds (the longest timer)`;
  return ms >= 1 ? [ms] : 'must be at least 0.001 seconds (1 ms)';
}

function readText(value: unknown, max: number): Read<string>;
function readText(value: unknown, max: number, orNull: true): Read<string | null>;
function readText(value: unknown, max: number, orNull?: true): Read<string | null> {
  if (value === null && orNull) return [null];
  if (typeof value !== 'string') return `must be a string${orNull ? ' or null' : ''}${got(value)}`;
  if (value.trim() === '') return 'must not be empty';
  if (value.length <= max) return [value];
  return `must be at most ${max} characters${max === MAX_MESSAGE_LENGTH ? ' (the SMS and WhatsApp limit)' : ''}`;
}

/**
 * Unknown placeholders are not an error: the text is still sendable, just with the braces showing.
 * Spaces inside the braces are fine (`{{ remaining }}`) because the renderer tolerates them.
 */
function notePlaceholders(say: Say, path: ConfigPath, text: Scalar): void {
  if (typeof text !== 'string') return;
  const known = KNOWN_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ');
  for (const placeholder of new Set(text.match(/\{\{[^{}]*\}\}/g) || [])) {
    if (KNOWN_PLACEHOLDERS.includes(placeholder.slice(2, -2).trim())) continue;
    say(
      path,
      ` uses the unknown placeholder ${placeholder}; it will be sent literally (known placeholders: ${known}).`,
      true,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

/** The value as a problem message shows it, between the key and the complaint. */
function shown(value: unknown): string {
  return ` (${describeValue(value)}) `;
}

function showSeconds(ms: number): string {
  return describeValue(ms / 1000);
}

function got(value: unknown): string {
  return `, got ${describeType(value)}`;
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/** Own keys only; a key holding `undefined` cannot come from JSON, so it counts as absent too. */
function valueAt(fields: Fields, key: string): unknown {
  return hasOwn(fields, key) ? fields[key] : undefined;
}

/** Suggests the known name an unknown one was probably meant to be: same letters ignoring case and `_`, or 1-2 typos. */
function closestName(name: string, known: readonly string[]): string | undefined {
  const normalize = (text: string): string => text.toLowerCase().replace(/[\s_-]/g, '');
  let closest: string | undefined;
  for (let edits = 0; edits <= 2 && closest === undefined; edits += 1) {
    closest = known.find((candidate) => withinEdits(normalize(name), normalize(candidate), edits));
  }
  return closest;
}

/** Whether `a` turns into `b` with at most `edits` insertions, deletions or substitutions of one character. */
function withinEdits(a: string, b: string, edits: number): boolean {
  // Also bounds the work on huge keys: strings far apart in length are never close.
  if (Math.abs(a.length - b.length) > edits) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  if (i === a.length && i === b.length) return true;
  const [restA, restB] = [a.slice(i + 1), b.slice(i + 1)];
  return (
    edits > 0 &&
    (withinEdits(restA, restB, edits - 1) ||
      withinEdits(restA, b.slice(i), edits - 1) ||
      withinEdits(a.slice(i), restB, edits - 1))
  );
}

/** A key missing from the JSON (e.g. a timer conflict at an unset timer_sec) ranks after the keys present. */
function rankOf(root: unknown, path: ConfigPath): number[] {
  let node = root;
  return path.map((segment) => {
    if (typeof segment === 'number') {
      node = isArray(node) ? node[segment] : undefined;
      return segment;
    }
    const entries = isRecord(node) ? Object.entries(node) : [];
    const index = entries.findIndex(([key]) => key === segment);
    const entry = entries[index];
    node = entry && entry[1];
    return index < 0 ? entries.length : index;
  });
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  const index = a.findIndex((rank, i) => rank !== b[i]);
  return index < 0 || index >= b.length ? a.length - b.length : (a[index] as number) - (b[index] as number);
}
