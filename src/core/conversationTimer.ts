import type { ChannelPolicy } from '../config/policy';
import { samePolicy } from '../config/policy';

/** A message as the timer sees it: when it arrived (local clock) and, where known, its conversation index. */
export interface MessageMoment {
  readonly at: number;
  readonly messageIndex?: number;
}

/**
 * Where one conversation stands. Each phase carries exactly the data that is meaningful in it, so combinations
 * such as "paused while wrapping up" or "closing message sent while waiting" cannot be written down. Time is
 * absolute (epoch ms): a countdown is `deadlineAt - now`, never a count of ticks that drifts when a tab is throttled.
 */
export type TimerPhaseState =
  /** `agent_reply` mode after the customer spoke: nobody owes the agent a reply, nothing counts. */
  | { readonly kind: 'waiting' }
  /** Counting down; `warningsSent` of the cycle's warnings are done (warned k of n when k > 0). */
  | { readonly kind: 'counting'; readonly deadlineAt: number; readonly warningsSent: number }
  /**
   * Paused by the agent: the time that was left is kept and counts again on resume. `closingDone`: the pause came
   * while the closing message was on its way, which has gone out since: on resume the wrap-up is next.
   */
  | {
      readonly kind: 'paused';
      readonly remainingMs: number;
      readonly warningsSent: number;
      readonly closingDone?: boolean;
    }
  /**
   * The deadline passed and the closing message (if any) is done: the wrap-up is next. `warningsSent` is the cycle's
   * count, kept for the outcome the wrap-up records.
   */
  | { readonly kind: 'expired'; readonly warningsSent: number }
  /**
   * `WrapupTask` is in flight. A customer message arriving meanwhile is kept in `heldMessage`: if the wrap-up fails
   * and the task is still accepted, it restarts the countdown instead of being lost.
   */
  | { readonly kind: 'wrappingUp'; readonly heldMessage: MessageMoment | null; readonly warningsSent: number }
  /**
   * A transfer of the task to another agent or queue is pending: nothing counts and nothing is sent. `held` is the
   * countdown as it stood (null when nothing was counting), resumed exactly if the transfer fails.
   */
  | { readonly kind: 'transferPending'; readonly held: HeldCountdown | null }
  /** The task is in wrap-up (whoever moved it there), or transferred away: nothing more happens. */
  | { readonly kind: 'done' };

/** The countdown a pending transfer holds. */
export interface HeldCountdown {
  readonly remainingMs: number;
  readonly warningsSent: number;
  /** The agent had paused it (or paused it during the transfer): a failed transfer leaves it paused. */
  readonly pausedByAgent: boolean;
  /** The closing message went out as the transfer began: if it fails, the wrap-up is next (paused: on resume). */
  readonly closingDone?: boolean;
}

/** The kinds of {@link TimerPhaseState}. */
export type TimerPhaseKind = TimerPhaseState['kind'];

/**
 * Whether the timer is known to be up to date with the conversation. `unread` after a reload or a reconnect until
 * the recent history has been replayed: nothing is planned on a timer that may have missed a customer message.
 */
export type HistoryStatus = 'unread' | 'reconciled';

/**
 * Everything the plugin remembers about one tracked conversation. Serializable and free of personal data
 * (only SIDs, timestamps and counters), because it is persisted to localStorage and mirrored to other tabs.
 */
export interface ConversationTimer {
  readonly conversationSid: string;
  /** The reservation sid (WR...): what `WrapupTask` takes as `sid`. */
  readonly reservationSid: string;
  /** The task sid (WT...): the plugin's own messages carry it, so a later task on the conversation starts afresh. */
  readonly taskSid: string;
  readonly channelType: string;
  /**
   * The whole policy the current cycle runs under (timer, start mode, warnings, closing message, extension): a
   * configuration change never reinterprets a running cycle, and never mixes old and new settings.
   */
  readonly policy: ChannelPolicy;
  /** A policy the admin has set since the cycle began; it takes over, whole, when the next cycle starts. */
  readonly nextPolicy: ChannelPolicy | null;
  /** Increments each time the countdown restarts; warnings and the closing message are sent at most once per cycle. */
  readonly cycle: number;
  /** When the activity that started the current cycle happened. */
  readonly cycleStartedAt: number;
  /**
   * Conversation index of the message that started the cycle, null when acceptance started it. Every client sees
   * the same indices, so warnings marked with it are recognised after a reload, in another tab or on another device.
   */
  readonly cycleStartIndex: number | null;
  readonly history: HistoryStatus;
  /**
   * When the customer last wrote (local time), as far as this timer has seen; null before any customer message was
   * seen. Channels with a customer-service window (WhatsApp) take no free-form message long after it.
   */
  readonly lastCustomerAt: number | null;
  readonly phase: TimerPhaseState;
}

/** What is needed to start tracking a conversation. */
export interface TrackRequest {
  readonly conversationSid: string;
  readonly reservationSid: string;
  readonly taskSid: string;
  readonly channelType: string;
  /** The channel's policy at the moment tracking starts. */
  readonly policy: ChannelPolicy;
  /** When the task was accepted (or tracking otherwise began). */
  readonly at: number;
}

/**
 * A new timer, not yet reconciled with the history. In `customer_message` mode acceptance starts the first cycle
 * (the customer wrote to get the task routed); in `agent_reply` mode nothing counts until the agent writes.
 */
export function startTimer(request: TrackRequest): ConversationTimer {
  const { policy } = request;
  const phase: TimerPhaseState =
    policy.startOn === 'customer_message'
      ? { kind: 'counting', deadlineAt: request.at + policy.timerMs, warningsSent: 0 }
      : { kind: 'waiting' };
  return {
    conversationSid: request.conversationSid,
    reservationSid: request.reservationSid,
    taskSid: request.taskSid,
    channelType: request.channelType,
    policy,
    nextPolicy: null,
    cycle: 1,
    cycleStartedAt: request.at,
    cycleStartIndex: null,
    history: 'unread',
    lastCustomerAt: null,
    phase,
  };
}

/**
 * Activity already accounted for (a replayed, duplicated or reordered event) must not open a cycle: that would
 * re-arm warnings the customer already got. Message indices decide where both are known (they are the same on
 * every client); otherwise activity no later than the cycle start is stale.
 */
function isStale(timer: ConversationTimer, moment: MessageMoment): boolean {
  return !isLater(moment, { at: timer.cycleStartedAt, messageIndex: timer.cycleStartIndex ?? undefined });
}

/**
 * Just the moment of a message. Callers pass event payloads (which also carry the conversation sid): what is kept
 * in the timer must hold exactly these fields, or it would differ from its stored and mirrored copies.
 */
function momentOf({ at, messageIndex }: MessageMoment): MessageMoment {
  return messageIndex === undefined ? { at } : { at, messageIndex };
}

/** Whether `moment` came after `other`: by index where both have one, else by time. */
function isLater(moment: MessageMoment, other: MessageMoment): boolean {
  if (moment.messageIndex !== undefined && other.messageIndex !== undefined) {
    return moment.messageIndex > other.messageIndex;
  }
  return moment.at > other.at;
}

/**
 * Opens a new cycle, under the policy the admin set meanwhile if there is one, in the phase `phaseUnder` gives for
 * it; every warning becomes due again.
 */
function newCycle(
  timer: ConversationTimer,
  moment: MessageMoment,
  phaseUnder: (timer: ConversationTimer) => TimerPhaseState,
): ConversationTimer {
  const adopted = timer.nextPolicy === null ? timer : { ...timer, policy: timer.nextPolicy, nextPolicy: null };
  return {
    ...adopted,
    cycle: timer.cycle + 1,
    cycleStartedAt: Math.max(moment.at, timer.cycleStartedAt),
    cycleStartIndex: moment.messageIndex ?? timer.cycleStartIndex,
    phase: phaseUnder(adopted),
  };
}

/** A full countdown from `at`, kept paused if the agent paused it, and never shorter than what was left. */
function restartedCountdown(current: TimerPhaseState, at: number, timerMs: number): TimerPhaseState {
  if (current.kind === 'paused') {
    return { kind: 'paused', remainingMs: Math.max(timerMs, current.remainingMs), warningsSent: 0 };
  }
  const fullDeadline = at + timerMs;
  const deadlineAt = current.kind === 'counting' ? Math.max(fullDeadline, current.deadlineAt) : fullDeadline;
  return { kind: 'counting', deadlineAt, warningsSent: 0 };
}

/** The phase a customer message opens: counting again, or waiting for the agent in `agent_reply` mode. */
function phaseAfterCustomer(timer: ConversationTimer, at: number): TimerPhaseState {
  const { startOn, timerMs } = timer.policy;
  return startOn === 'agent_reply' ? { kind: 'waiting' } : restartedCountdown(timer.phase, at, timerMs);
}

/**
 * The customer wrote. In `customer_message` mode the countdown restarts (never to an earlier deadline than it had,
 * e.g. after an extension); in `agent_reply` mode it stops until the agent answers. While the wrap-up is in flight
 * the message is held, not dropped: it decides what happens if the wrap-up fails.
 */
export function onCustomerMessage(timer: ConversationTimer, moment: MessageMoment): ConversationTimer {
  return throughTransfer(timer, moment.at, (live) => customerMessageInto(live, moment));
}

function customerMessageInto(timer: ConversationTimer, moment: MessageMoment): ConversationTimer {
  const { phase } = timer;
  if (phase.kind === 'done' || isSeenByIndex(timer, moment)) return timer;
  // Older than the cycle (e.g. the message that got the task routed, read back from the history): it opens nothing,
  // but still tells when the customer last wrote.
  if (isStale(timer, moment)) return withCustomerSeenAt(timer, moment.at);
  if (phase.kind === 'wrappingUp') {
    if (phase.heldMessage !== null && !isLater(moment, phase.heldMessage)) return timer;
    const holding: ConversationTimer = { ...timer, phase: { ...phase, heldMessage: momentOf(moment) } };
    return withCustomerSeenAt(holding, moment.at);
  }
  const opened = newCycle(timer, moment, (adopted) => phaseAfterCustomer(adopted, moment.at));
  return withCustomerSeenAt(opened, moment.at);
}

/** A message at or before the one that started the cycle, by index: already accounted for, in every respect. */
function isSeenByIndex(timer: ConversationTimer, { messageIndex }: MessageMoment): boolean {
  return messageIndex !== undefined && timer.cycleStartIndex !== null && messageIndex <= timer.cycleStartIndex;
}

function withCustomerSeenAt(timer: ConversationTimer, at: number): ConversationTimer {
  if (timer.lastCustomerAt !== null && timer.lastCustomerAt >= at) return timer;
  return { ...timer, lastCustomerAt: at };
}

/**
 * The agent wrote (not one of the plugin's own messages). Only `agent_reply` mode cares: the customer now owes a
 * reply to this message, so a new cycle with a full countdown starts here.
 */
export function onAgentMessage(timer: ConversationTimer, moment: MessageMoment): ConversationTimer {
  return throughTransfer(timer, moment.at, (live) => agentMessageInto(live, moment));
}

function agentMessageInto(timer: ConversationTimer, moment: MessageMoment): ConversationTimer {
  const { phase } = timer;
  if (timer.policy.startOn !== 'agent_reply' || phase.kind === 'wrappingUp' || phase.kind === 'done') return timer;
  if (isStale(timer, moment)) return timer;
  return newCycle(timer, moment, (adopted) => restartedCountdown(phase, moment.at, adopted.policy.timerMs));
}

/**
 * The most a countdown that began at acceptance moves earlier when the acceptance turns out to have been heard late.
 * A busy or hidden page hears of an acceptance a fraction of a second late; a larger gap is a chat accepted before
 * this page could hear of it, whose countdown the page deliberately began when it found the chat (nothing was known
 * of the clock then), and moving it by minutes would warn and close it at once.
 */
export const ACCEPTANCE_REFINEMENT_MAX_MS = 5_000;

/**
 * The clock estimate now places the acceptance of `reservationSid` at `acceptedAt`, earlier than the countdown's
 * start: the first cycle, still counting, moves earlier by as much (warnings already sent stay sent). Anything else
 * (another reservation, a cycle a message opened, a pause, a later time, a gap beyond the cap) is left as it is.
 */
export function onAcceptanceRefined(
  timer: ConversationTimer,
  reservationSid: string,
  acceptedAt: number,
): ConversationTimer {
  const { phase } = timer;
  const earlierBy = timer.cycleStartedAt - acceptedAt;
  if (timer.reservationSid !== reservationSid || timer.cycle !== 1 || phase.kind !== 'counting') return timer;
  if (!(earlierBy > 0 && earlierBy <= ACCEPTANCE_REFINEMENT_MAX_MS)) return timer;
  return { ...timer, cycleStartedAt: acceptedAt, phase: { ...phase, deadlineAt: phase.deadlineAt - earlierBy } };
}

/** The countdown at `now`, paused by the agent or not as `pausedByAgent` says; anything but a countdown is left. */
function withPausedByAgent(timer: ConversationTimer, now: number, pausedByAgent: boolean): ConversationTimer {
  return throughTransfer(timer, now, (live) => {
    const held = holdOf(live.phase, now);
    if (held == null || held.pausedByAgent === pausedByAgent) return live;
    return { ...live, phase: heldPhaseAt({ ...held, pausedByAgent }, now) };
  });
}

/** The agent paused the countdown at `now`; the time left is kept. Pausing anything but a countdown does nothing. */
export function onPaused(timer: ConversationTimer, now: number): ConversationTimer {
  return withPausedByAgent(timer, now, true);
}

/** The agent resumed at `now`: the time that was left when pausing counts down again from here. */
export function onResumed(timer: ConversationTimer, now: number): ConversationTimer {
  return withPausedByAgent(timer, now, false);
}

/**
 * The agent gave the customer `byMs` more at `now`. Time already run out does not count against the extension.
 * The cycle stays the same, so warnings already sent are not repeated.
 */
export function onExtended(timer: ConversationTimer, now: number, byMs: number): ConversationTimer {
  if (byMs <= 0) return timer;
  return throughTransfer(timer, now, (live) => {
    const { phase } = live;
    if (phase.kind === 'counting') {
      return { ...live, phase: { ...phase, deadlineAt: Math.max(phase.deadlineAt, now) + byMs } };
    }
    if (phase.kind === 'paused') {
      // More time reopens a countdown whose closing message went out during the pause: the agent asked for it.
      const { remainingMs, warningsSent } = phase;
      return { ...live, phase: { kind: 'paused', remainingMs: remainingMs + byMs, warningsSent } };
    }
    return live;
  });
}

/** Warning `warningIndex` of `cycle` went out; it and every earlier warning of the cycle are done. */
export function onWarningSent(timer: ConversationTimer, cycle: number, warningIndex: number): ConversationTimer {
  // A warning sent just before a transfer began is still recorded in the held countdown; any `at` unwraps it exactly.
  return throughTransfer(timer, 0, (live) => {
    const { phase } = live;
    if (cycle !== live.cycle || (phase.kind !== 'counting' && phase.kind !== 'paused')) return live;
    if (warningIndex < phase.warningsSent) return live;
    return { ...live, phase: { ...phase, warningsSent: warningIndex + 1 } };
  });
}

/**
 * The closing message of `cycle` went out (or was given up on): the countdown is over and the wrap-up is next. A pause
 * or a transfer that began while it was on its way holds the wrap-up, not the message: the customer has been told, so
 * when the countdown runs again the wrap-up follows and the message is never sent twice.
 */
export function onClosingDone(timer: ConversationTimer, cycle: number): ConversationTimer {
  const { phase } = timer;
  if (cycle !== timer.cycle) return timer;
  if (phase.kind === 'counting') return { ...timer, phase: { kind: 'expired', warningsSent: phase.warningsSent } };
  if (phase.kind === 'paused') return { ...timer, phase: { ...phase, closingDone: true } };
  if (phase.kind !== 'transferPending' || phase.held === null) return timer;
  return { ...timer, phase: { ...phase, held: { ...phase.held, closingDone: true } } };
}

/** The wrap-up for `cycle` was asked of Flex: no warning or second wrap-up is planned while it is pending. */
export function onWrapupRequested(timer: ConversationTimer, cycle: number): ConversationTimer {
  const { phase } = timer;
  if (cycle !== timer.cycle || (phase.kind !== 'counting' && phase.kind !== 'expired')) return timer;
  return { ...timer, phase: { kind: 'wrappingUp', heldMessage: null, warningsSent: phase.warningsSent } };
}

/**
 * Flex did not wrap the task up and it is still accepted. A customer message that arrived meanwhile restarts the
 * countdown from its own time; otherwise the timer is expired again and the wrap-up may be planned once more.
 */
export function onWrapupFailed(timer: ConversationTimer): ConversationTimer {
  const { phase } = timer;
  if (phase.kind !== 'wrappingUp') return timer;
  const held = phase.heldMessage;
  const expired: ConversationTimer = { ...timer, phase: { kind: 'expired', warningsSent: phase.warningsSent } };
  return held === null ? expired : newCycle(expired, held, (adopted) => phaseAfterCustomer(adopted, held.at));
}

/** The task is in wrap-up (whoever moved it there): this conversation is done. */
export function onWrapupConfirmed(timer: ConversationTimer): ConversationTimer {
  return timer.phase.kind === 'done' ? timer : { ...timer, phase: { kind: 'done' } };
}

/**
 * The admin's configuration now gives this conversation `policy`. The running cycle keeps the policy it started
 * with; the new one takes over, whole, at the next cycle (the next customer message, or agent message in
 * `agent_reply` mode). Setting back the policy in force cancels a pending change.
 */
export function onPolicyChanged(timer: ConversationTimer, policy: ChannelPolicy): ConversationTimer {
  if (samePolicy(policy, timer.policy)) return timer.nextPolicy === null ? timer : { ...timer, nextPolicy: null };
  if (timer.nextPolicy !== null && samePolicy(policy, timer.nextPolicy)) return timer;
  return { ...timer, nextPolicy: policy };
}

function withHistory(timer: ConversationTimer, history: HistoryStatus): ConversationTimer {
  return timer.history === history ? timer : { ...timer, history };
}

/** The recent history has been replayed into the timer: from now on commands may be planned for it. */
export function onHistoryReconciled(timer: ConversationTimer): ConversationTimer {
  return withHistory(timer, 'reconciled');
}

/** Messages may have been missed (connection lost): the history must be read again before anything is planned. */
export function onHistoryOutdated(timer: ConversationTimer): ConversationTimer {
  return withHistory(timer, 'unread');
}

/**
 * A timer read back from a previous page. It must be reconciled again, and a wrap-up that was in flight when the
 * page went away is undone: the reservation is still accepted (else the timer would not be restored), so the
 * wrap-up is asked again once, or a customer message held meanwhile restarts the countdown.
 */
export function restoredTimer(timer: ConversationTimer): ConversationTimer {
  return onHistoryOutdated(onWrapupFailed(timer));
}

/** The countdown a pending transfer holds, as the phase it would be in at `at`. */
function heldPhaseAt(held: HeldCountdown | null, at: number): TimerPhaseState {
  if (held === null) return { kind: 'waiting' };
  const { remainingMs, warningsSent, closingDone } = held;
  if (held.pausedByAgent) return { kind: 'paused', remainingMs, warningsSent, ...(closingDone ? { closingDone } : {}) };
  return closingDone
    ? { kind: 'expired', warningsSent }
    : { kind: 'counting', deadlineAt: at + remainingMs, warningsSent };
}

/** What a transfer starting at `at` holds of `phase`; undefined for phases a transfer does not hold. */
function holdOf(phase: TimerPhaseState, at: number): HeldCountdown | null | undefined {
  switch (phase.kind) {
    case 'waiting':
      return null;
    case 'counting':
      return {
        remainingMs: Math.max(0, phase.deadlineAt - at),
        warningsSent: phase.warningsSent,
        pausedByAgent: false,
      };
    case 'paused': {
      const { remainingMs, warningsSent, closingDone } = phase;
      return { remainingMs, warningsSent, pausedByAgent: true, ...(closingDone ? { closingDone } : {}) };
    }
    default:
      return undefined;
  }
}

/**
 * Applies `change` as if the held countdown ran at `at`, then holds the result again: a customer message, an
 * extension or a pause during a pending transfer changes what resumes if it fails, and nothing counts meanwhile.
 */
function throughTransfer(
  timer: ConversationTimer,
  at: number,
  change: (live: ConversationTimer) => ConversationTimer,
): ConversationTimer {
  if (timer.phase.kind !== 'transferPending') return change(timer);
  const live = onTransferEnded(timer, at);
  const changed = change(live);
  return changed === live ? timer : onTransferStarted(changed, at);
}

/**
 * A transfer of the task began at `at` (Flex lists it as active): the countdown holds, so a chat on its way to
 * another agent is never wrapped up, which would close the channel and drop the customer. A deadline already passed
 * is not held: its wrap-up is due.
 */
export function onTransferStarted(timer: ConversationTimer, at: number): ConversationTimer {
  const held = holdOf(timer.phase, at);
  return held === undefined ? timer : { ...timer, phase: { kind: 'transferPending', held } };
}

/** The pending transfer failed or was withdrawn at `at`: the chat stays, and the held countdown goes on from there. */
export function onTransferEnded(timer: ConversationTimer, at: number): ConversationTimer {
  const { phase } = timer;
  return phase.kind === 'transferPending' ? { ...timer, phase: heldPhaseAt(phase.held, at) } : timer;
}

/** Another agent took the transferred chat: nothing more is sent or wrapped up from here. */
export function onTransferCompleted(timer: ConversationTimer): ConversationTimer {
  return onWrapupConfirmed(timer);
}
