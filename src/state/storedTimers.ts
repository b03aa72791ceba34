import type { ChannelPolicy, WarningPolicy } from '../config/policy';
import type { ConversationTimer, HeldCountdown, MessageMoment, TimerPhaseState } from '../core/conversationTimer';
import { restoredTimer } from '../core/conversationTimer';

/** Bump when the stored shape changes; older entries are discarded rather than misread. */
export const STORAGE_VERSION = 2;

/**
 * The localStorage key for one worker on one account: two agents sharing a browser profile, or one agent on two
 * accounts, never read each other's timers.
 */
export function storageKeyFor(accountSid: string, workerSid: string): string {
  return `flex-conversations-inactivity/v${STORAGE_VERSION}/${accountSid}/${workerSid}`;
}

/**
 * Copies exactly the fields of a timer, so that nothing else (a customer name, a message text) a caller may have
 * attached is ever written to, or read back from, the browser's storage.
 */
function storedFieldsOf(timer: ConversationTimer): ConversationTimer {
  return {
    conversationSid: timer.conversationSid,
    reservationSid: timer.reservationSid,
    taskSid: timer.taskSid,
    channelType: timer.channelType,
    policy: policyFieldsOf(timer.policy),
    nextPolicy: timer.nextPolicy === null ? null : policyFieldsOf(timer.nextPolicy),
    cycle: timer.cycle,
    cycleStartedAt: timer.cycleStartedAt,
    cycleStartIndex: timer.cycleStartIndex,
    history: timer.history,
    lastCustomerAt: timer.lastCustomerAt,
    phase: phaseFieldsOf(timer.phase),
  };
}

function policyFieldsOf(policy: ChannelPolicy): ChannelPolicy {
  return {
    enabled: policy.enabled,
    timerMs: policy.timerMs,
    startOn: policy.startOn,
    warnings: policy.warnings.map(({ beforeMs, message }) => ({ beforeMs, message })),
    closingMessage: policy.closingMessage,
    extendMs: policy.extendMs,
    reportOutcome: policy.reportOutcome,
  };
}

function momentFieldsOf(moment: MessageMoment): MessageMoment {
  return moment.messageIndex === undefined ? { at: moment.at } : { at: moment.at, messageIndex: moment.messageIndex };
}

function phaseFieldsOf(phase: TimerPhaseState): TimerPhaseState {
  switch (phase.kind) {
    case 'waiting':
    case 'expired':
    case 'done':
      return { kind: phase.kind };
    case 'counting':
      return { kind: 'counting', deadlineAt: phase.deadlineAt, warningsSent: phase.warningsSent };
    case 'paused':
      return { kind: 'paused', remainingMs: phase.remainingMs, warningsSent: phase.warningsSent };
    case 'transferPending': {
      const { held } = phase;
      if (held === null) return { kind: 'transferPending', held: null };
      const { remainingMs, warningsSent, pausedByAgent } = held;
      return { kind: 'transferPending', held: { remainingMs, warningsSent, pausedByAgent } };
    }
    case 'wrappingUp': {
      const held = phase.heldMessage;
      return { kind: 'wrappingUp', heldMessage: held === null ? null : momentFieldsOf(held) };
    }
  }
}

/** What the stored document holds for one timer. */
function storedTextOf(timer: ConversationTimer): string {
  return JSON.stringify(storedFieldsOf(timer));
}

/**
 * The stored document's text, for a writer that saves the timers again and again: the text of each timer object is
 * kept while the object lives and only new objects are serialised, so a save costs what changed plus joining the
 * pieces. Timers are immutable (the reducers make a new object for every change), which is what makes the cache valid.
 */
export function createTimerSerializer(): (timers: Readonly<Record<string, ConversationTimer>>) => string {
  const texts = new WeakMap<ConversationTimer, string>();
  const textOf = (timer: ConversationTimer): string => {
    const known = texts.get(timer);
    if (known !== undefined) return known;
    const text = storedTextOf(timer);
    texts.set(timer, text);
    return text;
  };
  // The JSON of `{ version, timers: [...] }`, each entry written just as JSON.stringify writes an array element.
  return (timers) => `{"version":${STORAGE_VERSION},"timers":[${Object.values(timers).map(textOf).join(',')}]}`;
}

/** The stored form of the timers, `{ version, timers }`: only SIDs, timestamps and counters. */
export function serializeTimers(timers: Readonly<Record<string, ConversationTimer>>): string {
  return createTimerSerializer()(timers);
}

/** What was read back: the valid timers, and a description of anything that was discarded. */
export interface StoredTimersReading {
  readonly timers: ConversationTimer[];
  readonly problem: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isSid(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

function isMoment(value: unknown): value is MessageMoment {
  return isRecord(value) && isTime(value.at) && (value.messageIndex === undefined || isCount(value.messageIndex));
}

function isHeldCountdown(value: unknown): value is HeldCountdown {
  return (
    isRecord(value) &&
    isTime(value.remainingMs) &&
    isCount(value.warningsSent) &&
    typeof value.pausedByAgent === 'boolean'
  );
}

function isPhase(value: unknown): value is TimerPhaseState {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'waiting':
    case 'expired':
    case 'done':
      return true;
    case 'counting':
      return isTime(value.deadlineAt) && isCount(value.warningsSent);
    case 'paused':
      return isTime(value.remainingMs) && isCount(value.warningsSent);
    case 'transferPending':
      return value.held === null || isHeldCountdown(value.held);
    case 'wrappingUp':
      return value.heldMessage === null || isMoment(value.heldMessage);
    default:
      return false;
  }
}

function isWarning(value: unknown): value is WarningPolicy {
  return isRecord(value) && isTime(value.beforeMs) && typeof value.message === 'string';
}

/** A stored policy is the parser's output written back: each field is checked, not re-validated as configuration. */
function isPolicy(value: unknown): value is ChannelPolicy {
  return (
    isRecord(value) &&
    typeof value.enabled === 'boolean' &&
    isTime(value.timerMs) &&
    (value.startOn === 'customer_message' || value.startOn === 'agent_reply') &&
    Array.isArray(value.warnings) &&
    (value.warnings as unknown[]).every(isWarning) &&
    (value.closingMessage === null || typeof value.closingMessage === 'string') &&
    isTime(value.extendMs) &&
    (value.reportOutcome === null || typeof value.reportOutcome === 'string')
  );
}

/** A stored entry is only trusted when every field has the type and range the core relies on. */
export function isStoredTimer(value: unknown): value is ConversationTimer {
  return (
    isRecord(value) &&
    isSid(value.conversationSid) &&
    isSid(value.reservationSid) &&
    isSid(value.taskSid) &&
    typeof value.channelType === 'string' &&
    isPolicy(value.policy) &&
    (value.nextPolicy === null || isPolicy(value.nextPolicy)) &&
    Number.isInteger(value.cycle) &&
    (value.cycle as number) >= 1 &&
    isTime(value.cycleStartedAt) &&
    (value.cycleStartIndex === null || isCount(value.cycleStartIndex)) &&
    (value.history === 'unread' || value.history === 'reconciled') &&
    (value.lastCustomerAt === null || isTime(value.lastCustomerAt)) &&
    isPhase(value.phase)
  );
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Reads what `serializeTimers` wrote. Never throws: unreadable text, another version or malformed entries are
 * discarded and described in `problem`, and the valid entries are kept.
 */
export function parseStoredTimers(text: string | null): StoredTimersReading {
  if (text === null) return { timers: [], problem: null };
  const parsed = parseJson(text);
  if (!parsed.ok) return { timers: [], problem: 'the stored timers are not valid JSON; starting without them' };
  const document = parsed.value;
  if (!isRecord(document) || !Array.isArray(document.timers)) {
    return { timers: [], problem: 'the stored timers are not in the expected shape; starting without them' };
  }
  if (document.version !== STORAGE_VERSION) {
    const version = JSON.stringify(document.version) ?? 'undefined';
    return {
      timers: [],
      problem: `the stored timers have version ${version}, this plugin reads version ${STORAGE_VERSION}; starting without them`,
    };
  }
  const entries: unknown[] = document.timers;
  const timers = entries.filter(isStoredTimer).map(storedFieldsOf);
  const dropped = entries.length - timers.length;
  const problem = dropped === 0 ? null : `${dropped} stored timer(s) were malformed and have been discarded`;
  return { timers, problem };
}

/**
 * The stored timers a newly acting tab starts from: only those of reservations the worker still holds accepted and
 * still times (a task that ended while no tab acted, or whose channel or queue the admin has disabled since, leaves
 * nothing behind), each prepared by {@link restoredTimer}.
 */
export function restorableTimers(
  timers: readonly ConversationTimer[],
  timedReservationSids: ReadonlySet<string>,
): ConversationTimer[] {
  return timers.filter((timer) => timedReservationSids.has(timer.reservationSid)).map(restoredTimer);
}
