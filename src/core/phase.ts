import type { ConversationTimer } from './conversationTimer';

/** What the agent's badge and controls show of one conversation at a given moment. */
export type TimerPhase =
  /** `agent_reply` mode: the customer spoke last, nothing counts. */
  | 'waiting'
  | 'counting'
  /** At least one warning of the current cycle went out (`warningsSent` says how many). */
  | 'warned'
  | 'paused'
  /** A transfer of the task is pending: the countdown holds until it completes or fails. */
  | 'transferPending'
  /** The deadline has passed and the wrap-up has not been asked for yet (e.g. while offline). */
  | 'expired'
  | 'wrappingUp'
  | 'done'
  /** The countdown cannot be trusted until the recent history is read: nothing acts on it meanwhile. */
  | 'awaitingHistory';

/** Milliseconds left at `now`, or null when nothing counts. Never negative; zero once the deadline has passed. */
export function remainingMsAt(timer: ConversationTimer, now: number): number | null {
  const { phase } = timer;
  switch (phase.kind) {
    case 'waiting':
    case 'done':
      return null;
    case 'paused':
      return phase.remainingMs;
    case 'transferPending':
      return phase.held?.remainingMs ?? null;
    case 'counting':
      return Math.max(0, phase.deadlineAt - now);
    case 'expired':
    case 'wrappingUp':
      return 0;
  }
}

/** How many of the current cycle's warnings went out. */
export function warningsSentOf(timer: ConversationTimer): number {
  const { phase } = timer;
  if (phase.kind === 'transferPending') return phase.held?.warningsSent ?? 0;
  return 'warningsSent' in phase ? phase.warningsSent : 0;
}

/** The phase of `timer` at `now`: a pure function of the stored state and the clock. */
export function phaseAt(timer: ConversationTimer, now: number): TimerPhase {
  const { phase } = timer;
  switch (phase.kind) {
    case 'waiting':
    case 'paused':
    case 'transferPending':
    case 'wrappingUp':
    case 'done':
      return phase.kind;
    case 'expired':
      return timer.history === 'unread' ? 'awaitingHistory' : 'expired';
    case 'counting':
      if (timer.history === 'unread') return 'awaitingHistory';
      if (now >= phase.deadlineAt) return 'expired';
      return phase.warningsSent > 0 ? 'warned' : 'counting';
  }
}
