import { CUSTOMER_SERVICE_WINDOWS_MS } from './messagingWindow';
import type { ChannelPolicy, ConfigProblem, ParsedConfig, PolicySet, StartOn, WarningPolicy } from './policy';
import { describeType, describeValue, formatPath } from './describeProblems';
import type { ConfigPath } from './describeProblems';

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
export const QUEUE_KEYS: readonly string[] = [...CHANNEL_KEYS, 'channels'];
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

/** A warning plus where its values came from, so a later conflict can name the key the admin has to change. */
interface DraftWarning extends WarningPolicy {
  /** Path of the key that set `beforeMs`; null for the built-in default. */
  readonly timePath: ConfigPath | null;
  /** Path of the key that set `message`; null for the built-in default. */
  readonly messagePath: ConfigPath | null;
}

interface ListedWarning extends DraftWarning {
  readonly timePath: ConfigPath;
}

interface DraftPolicy extends Omit<ChannelPolicy, 'warnings'> {
  readonly warnings: readonly DraftWarning[];
  /** Path of the key that set each setting (by key name); a key not in here has its built-in default. */
  readonly from: Readonly<Record<string, ConfigPath>>;
}

/** One level's drafts: its own policy, and its channels' (for a queue, every top-level channel's too). */
interface DraftLevel {
  readonly policy: DraftPolicy;
  readonly channels: ReadonlyMap<string, DraftPolicy>;
}

type Fields = Readonly<Record<string, unknown>>;

type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

interface Reporter {
  /** `text` continues the sentence that starts with the formatted path. */
  readonly error: (path: ConfigPath, text: string) => void;
  readonly notice: (path: ConfigPath, text: string) => void;
}

/** One object of settings: the top level, or the overrides of a channel, a queue or a queue's channel. */
interface Layer {
  readonly fields: Fields;
  readonly path: ConfigPath;
  /** The keys accepted at this level. */
  readonly known: readonly string[];
  readonly report: Reporter;
}

interface CollectedProblem {
  readonly path: ConfigPath;
  readonly problem: ConfigProblem;
}

const DEFAULT_WARNING: DraftWarning = {
  beforeMs: DEFAULT_WARNING_SEC * 1000,
  message: DEFAULT_WARNING_MESSAGE,
  timePath: null,
  messagePath: null,
};

const DEFAULT_DRAFT: DraftPolicy = {
  enabled: true,
  timerMs: DEFAULT_TIMER_SEC * 1000,
  startOn: 'customer_message',
  warnings: [DEFAULT_WARNING],
  closingMessage: null,
  extendMs: DEFAULT_EXTEND_SEC * 1000,
  reportOutcome: null,
  from: {},
};

/** For levels resolved a second time (a queue over each channel): their problems were reported the first time. */
const SILENT: Reporter = { error: () => undefined, notice: () => undefined };

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
    return defaultsWith('error', ` could not be read; using the defaults (${DEFAULTS_SUMMARY}).`);
  }
}

function parseUnchecked(raw: unknown): ParsedConfig {
  if (raw === undefined) {
    return defaultsWith('notice', ` was not found in ui_attributes; using the defaults (${DEFAULTS_SUMMARY}).`);
  }
  if (!isRecord(raw)) {
    const text = ` (${describeValue(raw)}) must be an object, got ${describeType(raw)}; using the defaults (${DEFAULTS_SUMMARY}).`;
    return defaultsWith('error', text);
  }
  const collected: CollectedProblem[] = [];
  const report = collectInto(collected);
  const layer: Layer = { fields: raw, path: [], known: TOP_LEVEL_KEYS, report };
  const policy = resolveLayer(layer, DEFAULT_DRAFT);
  const top: DraftLevel = { policy, channels: resolveChannels(layer, () => policy) };
  const queues = overrideEntries(layer, 'queues').map(([name, fields]): [string, DraftLevel] => [
    name,
    resolveQueue({ ...layer, fields, path: ['queues', name], known: QUEUE_KEYS }, top),
  ]);
  noteMessagingWindows([top, ...queues.map(([, queue]) => queue)], report);
  const queuePolicies = Object.fromEntries(queues.map(([name, queue]) => [name, toPolicySet(queue)]));
  const config = { ...toPolicySet(top), ...(queues.length > 0 ? { queuePolicies } : {}) };
  return { config, problems: orderByAppearance(raw, collected) };
}

/**
 * Most specific wins, key by key: top level < channel < queue < queue's channel. So a queue applies over each
 * top-level channel too; those merges report nothing, the queue's problems being reported over the top level.
 */
function resolveQueue(layer: Layer, top: DraftLevel): DraftLevel {
  const policy = resolveLayer(layer, top.policy);
  const quiet: Layer = { ...layer, report: SILENT };
  const merged = new Map([...top.channels].map(([type, channel]) => [type, resolveLayer(quiet, channel)]));
  // `||`, not `??`: drafts are objects, and the old toolchain spells `??` out at length in the bundle.
  const own = resolveChannels(layer, (type) => merged.get(type) || policy);
  return { policy, channels: new Map([...merged, ...own]) };
}

function toPolicySet(level: DraftLevel): PolicySet {
  const channelPolicies = Object.fromEntries([...level.channels].map(([type, draft]) => [type, toPolicy(draft)]));
  return { defaultPolicy: toPolicy(level.policy), channelPolicies };
}

/**
 * A channel with a customer-service window (WhatsApp: 24 hours) refuses free-form messages long after the
 * customer's last one: with a timer longer than the window, its warnings or closing message would be skipped.
 * Noted once per timer_sec key, however many queues inherit it.
 */
function noteMessagingWindows(levels: readonly DraftLevel[], report: Reporter): void {
  const noted = new Set<string>();
  for (const [channelType, windowMs] of Object.entries(CUSTOMER_SERVICE_WINDOWS_MS)) {
    for (const level of levels) {
      const policy = level.channels.get(channelType) || level.policy;
      const path = policy.from.timer_sec;
      const sendsMessages = policy.warnings.length > 0 || policy.closingMessage !== null;
      if (!path || !policy.enabled || policy.timerMs <= windowMs || !sendsMessages || noted.has(formatPath(path))) {
        continue;
      }
      noted.add(formatPath(path));
      const hours = windowMs / 3_600_000;
      report.notice(
        path,
        ` (${policy.timerMs / 1_000}) is longer than the ${hours}-hour window in which ${channelType} accepts messages ` +
          `after the customer's last one: on ${channelType}, warnings and a closing message due later are not sent ` +
          '(the wrap-up still happens).',
      );
    }
  }
}

function defaultsWith(level: ConfigProblem['level'], text: string): ParsedConfig {
  const problem: ConfigProblem = { level, key: formatPath([]), message: formatPath([]) + text };
  return { config: { defaultPolicy: DEFAULT_POLICY, channelPolicies: {} }, problems: [problem] };
}

function collectInto(collected: CollectedProblem[]): Reporter {
  const add = (level: ConfigProblem['level'], path: ConfigPath, text: string): void => {
    const key = formatPath(path);
    collected.push({ path, problem: { level, key, message: key + text } });
  };
  return { error: (path, text) => add('error', path, text), notice: (path, text) => add('notice', path, text) };
}

// ---------------------------------------------------------------------------------------------------------------
// Layers: the top level and each channel are resolved the same way, against a base policy.

function resolveLayer(layer: Layer, base: DraftPolicy): DraftPolicy {
  noteUnknownKeys(layer);
  const scalars = resolveScalars(layer, base);
  const warnings = fitToTimer(layer, resolveWarnings(layer, base.warnings), scalars.timerMs);
  return { ...scalars, warnings: [...warnings].sort((a, b) => b.beforeMs - a.beforeMs) };
}

function resolveScalars(layer: Layer, base: DraftPolicy): Omit<DraftPolicy, 'warnings'> {
  const from = { ...base.from };
  return {
    enabled: pickValue(layer, from, 'enabled', readBoolean, base.enabled, String),
    timerMs: pickValue(layer, from, 'timer_sec', readTimerSeconds, base.timerMs, showSeconds),
    startOn: pickValue(layer, from, 'start_on', readStartOn, base.startOn, (value) => JSON.stringify(value)),
    closingMessage: pickValue(layer, from, 'closing_message', readClosingMessage, base.closingMessage, showClosing),
    extendMs: pickValue(layer, from, 'extend_sec', readExtendSeconds, base.extendMs, showSeconds),
    reportOutcome: pickValue(layer, from, 'report_outcome', readReportOutcome, base.reportOutcome, showOutcome),
    from,
  };
}

/** The layer's value for `key` when it is set and valid (noted in `from`); otherwise `fallback`, reporting why. */
function pickValue<T>(
  layer: Layer,
  from: Record<string, ConfigPath>,
  key: string,
  read: (value: unknown) => Read<T>,
  fallback: T,
  show: (value: T) => string,
): T {
  if (!has(layer.fields, key)) return fallback;
  const value = layer.fields[key];
  const result = read(value);
  const path = [...layer.path, key];
  if (!result.ok) {
    const source = from[key];
    const using =
      source === undefined ? `the default ${show(fallback)}` : `${show(fallback)} from ${formatPath(source)}`;
    layer.report.error(path, ` (${describeValue(value)}) ${result.expected}; using ${using}.`);
    return fallback;
  }
  from[key] = path;
  // closing_message is the only free text among these keys; the others never contain braces.
  if (typeof result.value === 'string') notePlaceholders(layer.report, path, result.value);
  return result.value;
}

function noteUnknownKeys(layer: Layer): void {
  for (const key of Object.keys(layer.fields)) {
    const path = [...layer.path, key];
    if ((key === 'channels' || key === 'queues') && !layer.known.includes(key)) {
      const text = ` (${describeValue(layer.fields[key])}) is not allowed here: ${key} cannot be nested; it is ignored.`;
      layer.report.error(path, text);
    } else {
      noteIfUnknown(layer.report, path, layer.known);
    }
  }
}

function noteIfUnknown(report: Reporter, path: ConfigPath, known: readonly string[]): void {
  const key = path[path.length - 1];
  if (typeof key !== 'string' || known.includes(key)) return;
  const closest = closestKey(key, known);
  const hint = closest === undefined ? '' : `did you mean ${closest}? `;
  report.notice(path, ` is not a known key; it is ignored (${hint}known keys: ${known.join(', ')}).`);
}

// ---------------------------------------------------------------------------------------------------------------
// Channels

/** The `channels` of the top level or of a queue (`parent`), each over `baseOf(type)`. */
function resolveChannels(parent: Layer, baseOf: (type: string) => DraftPolicy): Map<string, DraftPolicy> {
  return new Map(
    overrideEntries(parent, 'channels').map(([type, fields]) => {
      const layer: Layer = { ...parent, fields, path: [...parent.path, 'channels', type], known: CHANNEL_KEYS };
      return [type, resolveLayer(layer, baseOf(type))];
    }),
  );
}

/** The entries of `parent[key]` that are objects of overrides; everything else is reported and left out. */
function overrideEntries(parent: Layer, key: 'channels' | 'queues'): Array<[string, Fields]> {
  if (!has(parent.fields, key)) return [];
  const map = parent.fields[key];
  const path = [...parent.path, key];
  const noun = key.slice(0, -1);
  const name = `${noun} ${key === 'channels' ? 'type' : 'name'}`;
  if (!isRecord(map)) {
    const text = ` (${describeValue(map)}) must be an object mapping ${name}s to overrides, got ${describeType(map)}; no ${noun} overrides are used.`;
    parent.report.error(path, text);
    return [];
  }
  const parentPolicy = parent.path.length === 0 ? 'top-level' : "queue's";
  return Object.entries(map).flatMap(([entry, value]): Array<[string, Fields]> => {
    const entryPath = [...path, entry];
    if (entry.trim() === '') {
      parent.report.error(entryPath, ` is not a ${name} (the name is blank); it is ignored.`);
      return [];
    }
    if (key === 'channels') noteChannelSpelling(parent.report, entryPath, entry);
    if (isRecord(value)) return [[entry, value]];
    const text = ` (${describeValue(value)}) must be an object of overrides, got ${describeType(value)}; the ${noun} uses the ${parentPolicy} policy.`;
    parent.report.error(entryPath, text);
    return [];
  });
}

/**
 * Overrides are matched to `task.attributes.channelType` exactly, so "SMS", " sms" or a typo like "whatsap" would
 * silently never apply. A custom channel type is still honoured: the admin is told, not overruled.
 */
function noteChannelSpelling(report: Reporter, path: ConfigPath, type: string): void {
  if (FLEX_CHANNEL_TYPES.includes(type)) return;
  const normalized = type.trim().toLowerCase();
  if (FLEX_CHANNEL_TYPES.includes(normalized)) {
    const text = ` only applies to tasks whose channelType is exactly ${JSON.stringify(type)}; Flex writes ${JSON.stringify(normalized)}.`;
    report.notice(path, text);
    return;
  }
  const closest = closestKey(type, FLEX_CHANNEL_TYPES);
  const hint = closest === undefined ? '' : `did you mean ${closest}? `;
  const text =
    ` is not a channel type Flex Conversations writes (${hint}known types: ${FLEX_CHANNEL_TYPES.join(', ')}); ` +
    `it applies only to tasks whose channelType is exactly ${JSON.stringify(type)}.`;
  report.notice(path, text);
}

// ---------------------------------------------------------------------------------------------------------------
// Warnings: a `warnings` array, or the one-item form `warning_sec` + `warning_message`.

interface SingleWarningKeys {
  readonly seconds?: Read<number>;
  readonly message?: Read<string>;
}

function resolveWarnings(layer: Layer, inherited: readonly DraftWarning[]): readonly DraftWarning[] {
  const single = readSingleWarningKeys(layer);
  if (has(layer.fields, 'warnings')) {
    const list = layer.fields.warnings;
    if (isArray(list)) {
      noteIgnoredSingleKeys(layer);
      return readWarningList(layer, list);
    }
    const using = usesSingleForm(single)
      ? 'using warning_sec and warning_message instead'
      : inheritedWarningsText(inherited);
    const text = ` (${describeValue(list)}) must be an array of {"before_sec": number, "message": string}, got ${describeType(list)}; ${using}.`;
    layer.report.error([...layer.path, 'warnings'], text);
  }
  return resolveSingleWarning(layer, single, inherited);
}

function readSingleWarningKeys(layer: Layer): SingleWarningKeys {
  const { fields } = layer;
  return {
    ...(has(fields, 'warning_sec') ? { seconds: readWarningSeconds(fields.warning_sec) } : {}),
    ...(has(fields, 'warning_message') ? { message: readMessage(fields.warning_message) } : {}),
  };
}

function usesSingleForm(single: SingleWarningKeys): boolean {
  return single.seconds?.ok === true || single.message?.ok === true;
}

function noteIgnoredSingleKeys(layer: Layer): void {
  const listKey = formatPath([...layer.path, 'warnings']);
  for (const key of ['warning_sec', 'warning_message']) {
    if (has(layer.fields, key)) {
      const text = ` (${describeValue(layer.fields[key])}) is ignored because ${listKey} is set.`;
      layer.report.notice([...layer.path, key], text);
    }
  }
}

/**
 * The one-item form. A key the layer leaves out (or gets wrong) comes from the single inherited warning, or from the
 * defaults when the layer inherits zero or several warnings: there is no single inherited time or text to reuse.
 */
function resolveSingleWarning(
  layer: Layer,
  single: SingleWarningKeys,
  inherited: readonly DraftWarning[],
): readonly DraftWarning[] {
  if (!usesSingleForm(single)) {
    const keeping = inheritedWarningsText(inherited);
    reportSingleFailures(layer, single, keeping, keeping);
    return inherited;
  }
  const [only] = inherited;
  const template = inherited.length === 1 && only !== undefined ? only : DEFAULT_WARNING;
  reportSingleFailures(layer, single, `using ${timeSourceText(template)}`, `using ${messageSourceText(template)}`);
  const seconds = single.seconds?.ok === true ? single.seconds.value : undefined;
  const message = single.message?.ok === true ? single.message.value : undefined;
  const warning: DraftWarning = {
    beforeMs: seconds ?? template.beforeMs,
    timePath: seconds === undefined ? template.timePath : [...layer.path, 'warning_sec'],
    message: message ?? template.message,
    messagePath: message === undefined ? template.messagePath : [...layer.path, 'warning_message'],
  };
  return [warning];
}

function reportSingleFailures(
  layer: Layer,
  single: SingleWarningKeys,
  secondsUsing: string,
  messageUsing: string,
): void {
  const checks: Array<[string, Read<unknown> | undefined, string]> = [
    ['warning_sec', single.seconds, secondsUsing],
    ['warning_message', single.message, messageUsing],
  ];
  for (const [key, result, using] of checks) {
    if (result === undefined) continue;
    const path = [...layer.path, key];
    if (result.ok) {
      if (typeof result.value === 'string') notePlaceholders(layer.report, path, result.value);
    } else {
      layer.report.error(path, ` (${describeValue(layer.fields[key])}) ${result.expected}; ${using}.`);
    }
  }
}

function timeSourceText(warning: DraftWarning): string {
  const seconds = showSeconds(warning.beforeMs);
  return warning.timePath === null ? `the default ${seconds}` : `${seconds} from ${formatPath(warning.timePath)}`;
}

function messageSourceText(warning: DraftWarning): string {
  return warning.messagePath === null ? 'the default message' : `the message from ${formatPath(warning.messagePath)}`;
}

function inheritedWarningsText(inherited: readonly DraftWarning[]): string {
  if (inherited.length === 1 && inherited[0] === DEFAULT_WARNING) {
    return `using the default warning (${DEFAULT_WARNING_SEC} s before the deadline)`;
  }
  if (inherited.length === 0) return 'keeping the inherited setting of no warnings';
  return `keeping the inherited warnings (${inherited.map((w) => showSeconds(w.beforeMs)).join(' s, ')} s before the deadline)`;
}

function readWarningList(layer: Layer, list: readonly unknown[]): readonly DraftWarning[] {
  if (list.length > MAX_WARNINGS) {
    const text = ` (${describeValue(list)}) must have at most ${MAX_WARNINGS} items; warnings[${MAX_WARNINGS}] and later are dropped.`;
    layer.report.error([...layer.path, 'warnings'], text);
  }
  const kept: ListedWarning[] = [];
  list.slice(0, MAX_WARNINGS).forEach((item, index) => {
    const warning = readWarningItem(layer.report, [...layer.path, 'warnings', index], item);
    if (warning === undefined) return;
    const twin = kept.find((other) => other.beforeMs === warning.beforeMs);
    if (twin === undefined) {
      kept.push(warning);
      return;
    }
    const text = ` (${showSeconds(warning.beforeMs)}) repeats ${formatPath(twin.timePath)}; the later warning is dropped.`;
    layer.report.error(warning.timePath, text);
  });
  return kept;
}

function readWarningItem(report: Reporter, path: ConfigPath, item: unknown): ListedWarning | undefined {
  if (!isRecord(item)) {
    const text = ` (${describeValue(item)}) must be an object like {"before_sec": 60, "message": "..."}, got ${describeType(item)}; the warning is dropped.`;
    report.error(path, text);
    return undefined;
  }
  for (const key of Object.keys(item)) noteIfUnknown(report, [...path, key], WARNING_ITEM_KEYS);
  const seconds = readItemField(report, path, item, 'before_sec', readWarningSeconds);
  const message = readItemField(report, path, item, 'message', readMessage);
  if (seconds === undefined || message === undefined) return undefined;
  notePlaceholders(report, [...path, 'message'], message);
  return { beforeMs: seconds, message, timePath: [...path, 'before_sec'], messagePath: [...path, 'message'] };
}

function readItemField<T>(
  report: Reporter,
  path: ConfigPath,
  item: Fields,
  key: string,
  read: (value: unknown) => Read<T>,
): T | undefined {
  const fieldPath = [...path, key];
  if (!has(item, key)) {
    const what = key === 'message' ? 'the text to send' : 'seconds before the deadline';
    report.error(fieldPath, ` is missing (${what}); the warning is dropped.`);
    return undefined;
  }
  const result = read(item[key]);
  if (result.ok) return result.value;
  report.error(fieldPath, ` (${describeValue(item[key])}) ${result.expected}; the warning is dropped.`);
  return undefined;
}

/** A warning at or after the deadline could never be sent; it is dropped, naming the key the admin should change. */
function fitToTimer(layer: Layer, warnings: readonly DraftWarning[], timerMs: number): readonly DraftWarning[] {
  return warnings.filter((warning) => {
    if (warning.beforeMs < timerMs) return true;
    reportTimerConflict(layer, warning, timerMs);
    return false;
  });
}

function reportTimerConflict(layer: Layer, warning: DraftWarning, timerMs: number): void {
  const timer = showSeconds(timerMs);
  const at = showSeconds(warning.beforeMs);
  const timerPath = [...layer.path, 'timer_sec'];
  if (warning.timePath === null) {
    const text = ` (${timer}) is not greater than the default warning time (${at} s before the deadline); the default warning is dropped (set warning_sec below ${timer} to send one).`;
    layer.report.notice(timerPath, text);
  } else if (startsWith(warning.timePath, layer.path)) {
    layer.report.error(warning.timePath, ` (${at}) must be less than timer_sec (${timer}); the warning is dropped.`);
  } else {
    const scope = layer.known === QUEUE_KEYS ? 'queue' : 'channel';
    const text = ` (${timer}) must be greater than ${formatPath(warning.timePath)} (${at}); that warning is dropped for this ${scope}.`;
    layer.report.error(timerPath, text);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Readers: each checks one raw value and says what was expected when it is wrong.

function readBoolean(value: unknown): Read<boolean> {
  return typeof value === 'boolean' ? ok(value) : fail(`must be true or false, got ${describeType(value)}`);
}

function readStartOn(value: unknown): Read<StartOn> {
  if (isStartOn(value)) return ok(value);
  const expected = START_ON_VALUES.map((option) => JSON.stringify(option)).join(' or ');
  return fail(typeof value === 'string' ? `must be ${expected}` : `must be ${expected}, got ${describeType(value)}`);
}

function readTimerSeconds(value: unknown): Read<number> {
  return readSecondsBetween(value, MIN_TIMER_SEC, MAX_TIMER_SEC);
}

function readExtendSeconds(value: unknown): Read<number> {
  return readSecondsBetween(value, MIN_EXTEND_SEC, MAX_EXTEND_SEC);
}

function readSecondsBetween(value: unknown, min: number, max: number): Read<number> {
  const seconds = readFiniteSeconds(value);
  if (!seconds.ok) return seconds;
  if (seconds.value < min || seconds.value > max) return fail(`must be between ${min} and ${max} seconds`);
  return ok(secondsToMs(seconds.value));
}

/** The real upper bound is the layer's timer, checked once that is known (see `fitToTimer`). */
function readWarningSeconds(value: unknown): Read<number> {
  const seconds = readFiniteSeconds(value);
  if (!seconds.ok) return seconds;
  if (seconds.value <= 0) return fail('must be greater than 0 seconds');
  // Anything this large could never fit before any timer; rejecting it early also keeps its rendering exact.
  if (seconds.value >= MAX_TIMER_SEC) return fail(`must be less than ${MAX_TIMER_SEC} seconds (the longest timer)`);
  const ms = secondsToMs(seconds.value);
  return ms >= 1 ? ok(ms) : fail('must be at least 0.001 seconds (1 ms)');
}

function readFiniteSeconds(value: unknown): Read<number> {
  if (typeof value !== 'number') return fail(`must be a number of seconds, got ${describeType(value)}`);
  return Number.isFinite(value) ? ok(value) : fail('must be a finite number of seconds');
}

function readMessage(value: unknown): Read<string> {
  if (typeof value !== 'string') return fail(`must be a string, got ${describeType(value)}`);
  if (value.trim() === '') return fail('must not be empty');
  if (value.length > MAX_MESSAGE_LENGTH) {
    return fail(`must be at most ${MAX_MESSAGE_LENGTH} characters (the SMS and WhatsApp limit)`);
  }
  return ok(value);
}

/** Flex Insights shows the outcome as a label: short text. */
const MAX_OUTCOME_LENGTH = 255;

function readReportOutcome(value: unknown): Read<string | null> {
  if (value === null) return ok(null);
  if (typeof value !== 'string') return fail(`must be a string or null, got ${describeType(value)}`);
  if (value.trim() === '') return fail('must not be empty');
  if (value.length > MAX_OUTCOME_LENGTH) return fail(`must be at most ${MAX_OUTCOME_LENGTH} characters`);
  return ok(value);
}

function readClosingMessage(value: unknown): Read<string | null> {
  if (value === null) return ok(null);
  if (typeof value !== 'string') return fail(`must be a string or null, got ${describeType(value)}`);
  return readMessage(value);
}

/**
 * Unknown placeholders are not an error: the text is still sendable, just with the braces showing.
 * Spaces inside the braces are fine (`{{ remaining }}`) because the renderer tolerates them.
 */
function notePlaceholders(report: Reporter, path: ConfigPath, message: string): void {
  const found = new Set(message.match(/\{\{[^{}]*\}\}/g) ?? []);
  const known = KNOWN_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ');
  for (const placeholder of found) {
    if (KNOWN_PLACEHOLDERS.includes(placeholder.slice(2, -2).trim())) continue;
    const text = ` uses the unknown placeholder ${placeholder}; it will be sent literally (known placeholders: ${known}).`;
    report.notice(path, text);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function ok<T>(value: T): Read<T> {
  return { ok: true, value };
}

function fail<T>(expected: string): Read<T> {
  return { ok: false, expected };
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

function isStartOn(value: unknown): value is StartOn {
  return typeof value === 'string' && (START_ON_VALUES as readonly string[]).includes(value);
}

/** A key holding `undefined` cannot come from JSON; treating it as absent keeps JS callers unsurprised. */
function has(fields: Fields, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(fields, key) && fields[key] !== undefined;
}

function startsWith(path: ConfigPath, prefix: ConfigPath): boolean {
  return prefix.every((segment, index) => path[index] === segment);
}

function secondsToMs(seconds: number): number {
  return Math.round(seconds * 1000);
}

function showSeconds(ms: number): string {
  return describeValue(ms / 1000);
}

function showOutcome(outcome: string | null): string {
  return outcome === null ? 'null (no outcome written)' : describeValue(outcome);
}

function showClosing(message: string | null): string {
  return message === null ? 'null (no closing message)' : describeValue(message);
}

function toPolicy(draft: DraftPolicy): ChannelPolicy {
  const warnings = draft.warnings.map(({ beforeMs, message }) => Object.freeze({ beforeMs, message }));
  const { enabled, timerMs, startOn, closingMessage, extendMs, reportOutcome } = draft;
  // Frozen because one policy object is shared by every conversation on the channel.
  const frozenWarnings = Object.freeze(warnings);
  return Object.freeze({
    enabled,
    timerMs,
    startOn,
    warnings: frozenWarnings,
    closingMessage,
    extendMs,
    reportOutcome,
  });
}

/** Suggests the known key an unknown one was probably meant to be: same letters ignoring case and `_`, or 1-2 typos. */
function closestKey(key: string, known: readonly string[]): string | undefined {
  const normalize = (text: string): string => text.toLowerCase().replace(/[\s_-]/g, '');
  const target = normalize(key);
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(target, normalize(candidate));
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  // Keys far apart in length cannot be within the suggestion threshold; skipping them bounds the work on huge keys.
  if (Math.abs(a.length - b.length) > 2) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? Number.POSITIVE_INFINITY;
}

// ---------------------------------------------------------------------------------------------------------------
// Ordering: problems are listed in the order their keys appear in the admin's JSON.

function orderByAppearance(raw: Fields, collected: readonly CollectedProblem[]): ConfigProblem[] {
  const ranked = collected.map((entry) => ({ rank: appearanceRank(raw, entry.path), problem: entry.problem }));
  // Array.prototype.sort is stable, so problems about the same key keep the order they were found in.
  return ranked.sort((a, b) => compareRanks(a.rank, b.rank)).map((entry) => entry.problem);
}

function appearanceRank(root: unknown, path: ConfigPath): number[] {
  const rank: number[] = [];
  let node = root;
  for (const segment of path) {
    const [index, child] = locate(node, segment);
    rank.push(index);
    node = child;
  }
  return rank;
}

/** A key missing from the JSON (e.g. a timer conflict at an unset timer_sec) sorts after the keys present. */
function locate(node: unknown, segment: string | number): [number, unknown] {
  if (typeof segment === 'number') return [segment, isArray(node) ? node[segment] : undefined];
  const entries = isRecord(node) ? Object.entries(node) : [];
  const index = entries.findIndex(([key]) => key === segment);
  return index < 0 ? [entries.length, undefined] : [index, entries[index]?.[1]];
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
