import type { StartOn } from '../config/policy';

/**
 * Where the countdown of one conversation stands. Time is always absolute (epoch ms) so that a countdown is
 * `deadlineAt - now`, never a count of ticks that drifts when the browser throttles timers.
 */
export type Countdown =
  /** `agent_reply` mode after the customer spoke: nobody owes the agent a reply, nothing counts. */
  | { readonly kind: 'waiting' }
  | { readonly kind: 'running'; readonly deadlineAt: number }
  /** Paused by the agent: the time that was left is kept and counts again on resume. */
  | { readonly kind: 'paused'; readonly remainingMs: number };

/** Whether this conversation's wrap-up has been asked of Flex, and whether Flex did it. */
export type WrapupProgress = 'none' | 'requested' | 'confirmed';

/**
 * Everything the plugin remembers about one tracked conversation. Serializable and free of personal data
 * (only SIDs, timestamps and counters), because it is persisted to localStorage.
 */
export interface ConversationTimer {
  readonly conversationSid: string;
  /** The reservation sid (WR...): what `WrapupTask` takes as `sid`. */
  readonly reservationSid: string;
  readonly channelType: string;
  /** Fixed when tracking starts, so a configuration change never reinterprets a running cycle. */
  readonly startOn: StartOn;
  readonly timerMs: number;
  /** Increments each time the countdown restarts; warnings and the closing message are sent at most once per cycle. */
  readonly cycle: number;
  /** When the activity that started the current cycle happened. */
  readonly cycleStartedAt: number;
  /**
   * Conversation index of the message that started the cycle, null when acceptance started it. Every client sees
   * the same indices, so warnings marked with it are recognised after a reload, in another tab or on another device.
   */
  readonly cycleStartIndex: number | null;
  readonly countdown: Countdown;
  /** How many of the cycle's warnings are done: warnings `0..warningsSent-1` are never sent again this cycle. */
  readonly warningsSent: number;
  /** The closing message was sent (or given up on) for this cycle: the wrap-up may follow. */
  readonly closingDone: boolean;
  readonly wrapup: WrapupProgress;
}

/** What is needed to start tracking a conversation. */
export interface TrackRequest {
  readonly conversationSid: string;
  readonly reservationSid: string;
  readonly channelType: string;
  readonly startOn: StartOn;
  readonly timerMs: number;
  /** When the task was accepted (or tracking otherwise began). */
  readonly at: number;
}

/**
 * A new timer. In `customer_message` mode acceptance starts the first cycle (the customer wrote to get the task
 * routed); in `agent_reply` mode nothing counts until the agent writes.
 */
export function startTimer(request: TrackRequest): ConversationTimer {
  const countdown: Countdown =
    request.startOn === 'customer_message'
      ? { kind: 'running', deadlineAt: request.at + request.timerMs }
      : { kind: 'waiting' };
  return {
    conversationSid: request.conversationSid,
    reservationSid: request.reservationSid,
    channelType: request.channelType,
    startOn: request.startOn,
    timerMs: request.timerMs,
    cycle: 1,
    cycleStartedAt: request.at,
    cycleStartIndex: null,
    countdown,
    warningsSent: 0,
    closingDone: false,
    wrapup: 'none',
  };
}

/** A timer whose fate is settled ignores further activity: the wrap-up is under way or done. */
function isSettled(timer: ConversationTimer): boolean {
  return timer.wrapup !== 'none';
}

/** A message as the timer sees it: when it arrived (local clock) and, where known, its conversation index. */
export interface MessageMoment {
  readonly at: number;
  readonly messageIndex?: number;
}

/**
 * Activity already accounted for (a replayed, duplicated or reordered event) must not open a cycle: that would
 * re-arm warnings the customer already got. Message indices decide where both are known (they are the same on
 * every client); otherwise activity no later than the cycle start is stale.
 */
function isStale(timer: ConversationTimer, { at, messageIndex }: MessageMoment): boolean {
  if (messageIndex !== undefined && timer.cycleStartIndex !== null) return messageIndex <= timer.cycleStartIndex;
  return at <= timer.cycleStartedAt;
}

/** Opens a new cycle with the given countdown; every warning becomes due again. */
function newCycle(timer: ConversationTimer, moment: MessageMoment, countdown: Countdown): ConversationTimer {
  return {
    ...timer,
    cycle: timer.cycle + 1,
    cycleStartedAt: Math.max(moment.at, timer.cycleStartedAt),
    cycleStartIndex: moment.messageIndex ?? timer.cycleStartIndex,
    countdown,
    warningsSent: 0,
    closingDone: false,
  };
}

/**
 * The customer wrote at `at`. In `customer_message` mode the countdown restarts (never to an earlier deadline
 * than it had, e.g. after an extension); in `agent_reply` mode it stops until the agent answers.
 */
export function onCustomerMessage(timer: ConversationTimer, moment: MessageMoment): ConversationTimer {
  if (isSettled(timer) || isStale(timer, moment)) return timer;
  const countdown: Countdown =
    timer.startOn === 'agent_reply'
      ? { kind: 'waiting' }
      : restartedCountdown(timer.countdown, moment.at, timer.timerMs);
  return newCycle(timer, moment, countdown);
}

/**
 * The agent wrote at `at` (not one of the plugin's own messages). Only `agent_reply` mode cares: the customer now
 * owes a reply to this message, so a new cycle with a full countdown starts here.
 */
export function onAgentMessage(timer: ConversationTimer, moment: MessageMoment): ConversationTimer {
  if (timer.startOn !== 'agent_reply' || isSettled(timer) || isStale(timer, moment)) return timer;
  return newCycle(timer, moment, restartedCountdown(timer.countdown, moment.at, timer.timerMs));
}

/** A full countdown from `at`, kept paused if the agent paused it, and never shorter than what was left. */
function restartedCountdown(current: Countdown, at: number, timerMs: number): Countdown {
  if (current.kind === 'paused') return { kind: 'paused', remainingMs: Math.max(timerMs, current.remainingMs) };
  const fullDeadline = at + timerMs;
  const deadlineAt = current.kind === 'running' ? Math.max(fullDeadline, current.deadlineAt) : fullDeadline;
  return { kind: 'running', deadlineAt };
}

/** The agent paused the countdown at `now`; the time left is kept. Pausing twice, or while waiting, does nothing. */
export function onPaused(timer: ConversationTimer, now: number): ConversationTimer {
  if (isSettled(timer) || timer.countdown.kind !== 'running') return timer;
  return { ...timer, countdown: { kind: 'paused', remainingMs: Math.max(0, timer.countdown.deadlineAt - now) } };
}

/** The agent resumed at `now`: the time that was left when pausing counts down again from here. */
export function onResumed(timer: ConversationTimer, now: number): ConversationTimer {
  if (isSettled(timer) || timer.countdown.kind !== 'paused') return timer;
  return { ...timer, countdown: { kind: 'running', deadlineAt: now + timer.countdown.remainingMs } };
}

/**
 * The agent gave the customer `byMs` more at `now`. Time already run out does not count against the extension.
 * The cycle stays the same, so warnings already sent are not repeated.
 */
export function onExtended(timer: ConversationTimer, now: number, byMs: number): ConversationTimer {
  if (isSettled(timer) || byMs <= 0) return timer;
  const current = timer.countdown;
  if (current.kind === 'running') {
    return { ...timer, countdown: { kind: 'running', deadlineAt: Math.max(current.deadlineAt, now) + byMs } };
  }
  if (current.kind === 'paused') {
    return { ...timer, countdown: { kind: 'paused', remainingMs: current.remainingMs + byMs } };
  }
  return timer;
}

/** Warning `warningIndex` of `cycle` went out; it and every earlier warning of the cycle are done. */
export function onWarningSent(timer: ConversationTimer, cycle: number, warningIndex: number): ConversationTimer {
  if (cycle !== timer.cycle || warningIndex < timer.warningsSent) return timer;
  return { ...timer, warningsSent: warningIndex + 1 };
}

/** The closing message of `cycle` went out (or was given up on): the wrap-up may proceed. */
export function onClosingDone(timer: ConversationTimer, cycle: number): ConversationTimer {
  if (cycle !== timer.cycle || timer.closingDone) return timer;
  return { ...timer, closingDone: true };
}

/** The wrap-up for `cycle` was asked of Flex: no further warning or wrap-up is planned while it is pending. */
export function onWrapupRequested(timer: ConversationTimer, cycle: number): ConversationTimer {
  if (cycle !== timer.cycle || timer.wrapup !== 'none') return timer;
  return { ...timer, wrapup: 'requested' };
}

/** Flex did not wrap the task up: the timer is expired again and the wrap-up may be planned once more. */
export function onWrapupFailed(timer: ConversationTimer): ConversationTimer {
  return timer.wrapup === 'requested' ? { ...timer, wrapup: 'none' } : timer;
}

/** The task is in wrap-up (whoever moved it there): this conversation is done. */
export function onWrapupConfirmed(timer: ConversationTimer): ConversationTimer {
  return timer.wrapup === 'confirmed' ? timer : { ...timer, wrapup: 'confirmed' };
}
