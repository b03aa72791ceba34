import type { ChannelPolicy, WarningPolicy } from '../config/policy';
import type { ConversationTimer, HeldCountdown, MessageMoment, TimerPhaseState } from '../core/conversationTimer';
import { restoredTimer } from '../core/conversationTimer';
import { isRecord } from '../core/isRecord';
import type { Shape } from './jsonShapes';
import {
  arrayOf,
  byKind,
  count,
  flag,
  objectOf,
  oneOf,
  optional,
  orNull,
  sid,
  text,
  time,
  withDefault,
} from './jsonShapes';

/** Bump when the stored shape changes; older entries are discarded rather than misread. */
export const STORAGE_VERSION = 2;

/**
 * The localStorage key for one worker on one account: two agents sharing a browser profile, or one agent on two
 * accounts, never read each other's timers.
 */
export function storageKeyFor(accountSid: string, workerSid: string): string {
  return `flex-conversations-inactivity/v${STORAGE_VERSION}/${accountSid}/${workerSid}`;
}

const moment = objectOf<MessageMoment>({ at: time, messageIndex: optional(count) });

const bare = <K extends 'waiting' | 'done'>(kind: K): Shape<{ readonly kind: K }> => objectOf({ kind: oneOf(kind) });

// Saved before expired and wrapping-up timers kept their cycle's warning count: read as none sent.
const keptWarnings = withDefault(count, 0);

const phaseShape = byKind<TimerPhaseState>({
  waiting: bare('waiting'),
  expired: objectOf({ kind: oneOf('expired'), warningsSent: keptWarnings }),
  done: bare('done'),
  counting: objectOf({ kind: oneOf('counting'), deadlineAt: time, warningsSent: count }),
  paused: objectOf({ kind: oneOf('paused'), remainingMs: time, warningsSent: count, closingDone: optional(flag) }),
  transferPending: objectOf({
    kind: oneOf('transferPending'),
    held: orNull(
      objectOf<HeldCountdown>({
        remainingMs: time,
        warningsSent: count,
        pausedByAgent: flag,
        closingDone: optional(flag),
      }),
    ),
  }),
  wrappingUp: objectOf({ kind: oneOf('wrappingUp'), heldMessage: orNull(moment), warningsSent: keptWarnings }),
});

/** A stored policy is the parser's output written back: each field is checked, not re-validated as configuration. */
const policyShape = objectOf<ChannelPolicy>({
  enabled: flag,
  timerMs: time,
  startOn: oneOf('customer_message', 'agent_reply'),
  warnings: arrayOf(objectOf<WarningPolicy>({ beforeMs: time, message: text })),
  closingMessage: orNull(text),
  extendMs: time,
  reportOutcome: orNull(text),
});

const cycleNumber: Shape<number> = (value) => ((count(value) ?? 0) >= 1 ? (value as number) : undefined);

/**
 * Exactly the fields of a timer, each with the type and range the core relies on: what is written (so nothing else
 * a caller may have attached, a customer name or a message text, reaches the browser's storage) and what is trusted
 * when read back.
 */
const storedTimer = objectOf<ConversationTimer>({
  conversationSid: sid,
  reservationSid: sid,
  taskSid: sid,
  channelType: text,
  policy: policyShape,
  nextPolicy: orNull(policyShape),
  cycle: cycleNumber,
  cycleStartedAt: time,
  cycleStartIndex: orNull(count),
  history: oneOf('unread', 'reconciled'),
  lastCustomerAt: orNull(time),
  phase: phaseShape,
});

/**
 * What the stored document holds for one timer. A timer out of shape (a NaN deadline) is held as `null`, so reading
 * it back says that one timer was malformed.
 */
function storedTextOf(timer: ConversationTimer): string {
  return JSON.stringify(storedTimer(timer) ?? null);
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

/** Whether `value` is a timer as stored: every field of the type and range the core relies on. */
export function isStoredTimer(value: unknown): value is ConversationTimer {
  return storedTimer(value) !== undefined;
}

/**
 * Reads what `serializeTimers` wrote. Never throws: unreadable text, another version or malformed entries are
 * discarded and described in `problem`, and the valid entries are kept.
 */
export function parseStoredTimers(text: string | null): StoredTimersReading {
  if (text === null) return { timers: [], problem: null };
  const noneBecause = (reason: string): StoredTimersReading => ({
    timers: [],
    problem: `the stored timers ${reason}; starting without them`,
  });
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return noneBecause('are not valid JSON');
  }
  if (!isRecord(document) || !Array.isArray(document.timers)) return noneBecause('are not in the expected shape');
  if (document.version !== STORAGE_VERSION) {
    const version = JSON.stringify(document.version) ?? 'undefined';
    return noneBecause(`have version ${version}, this plugin reads version ${STORAGE_VERSION}`);
  }
  const entries: unknown[] = document.timers;
  const timers = entries.map(storedTimer).filter((timer): timer is ConversationTimer => timer !== undefined);
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
