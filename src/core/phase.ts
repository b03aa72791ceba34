import type { ConversationTimer } from './conversationTimer';

/** What the agent's badge and the planner see of one conversation at a given moment. */
export type TimerPhase =
  /** `agent_reply` mode: the customer spoke last, nothing counts. */
  | 'waiting'
  | 'counting'
  /** At least one warning of the current cycle went out (`warningsSent` says how many). */
  | 'warned'
  | 'paused'
  /** The deadline has passed and the wrap-up has not been asked for yet (e.g. while offline). */
  | 'expired'
  | 'wrappingUp'
  | 'done';

/** Milliseconds left at `now`, or null when nothing counts. Never negative; zero once the wrap-up is under way. */
export function remainingMsAt(timer: ConversationTimer, now: number): number | null {
  if (timer.wrapup === 'confirmed') return null;
  if (timer.wrapup === 'requested') return 0;
  const countdown = timer.countdown;
  switch (countdown.kind) {
    case 'waiting':
      return null;
    case 'paused':
      return countdown.remainingMs;
    case 'running':
      return Math.max(0, countdown.deadlineAt - now);
  }
}

/** The phase of `timer` at `now`: a pure function of the stored state and the clock. */
export function phaseAt(timer: ConversationTimer, now: number): TimerPhase {
  if (timer.wrapup === 'confirmed') return 'done';
  if (timer.wrapup === 'requested') return 'wrappingUp';
  const countdown = timer.countdown;
  if (countdown.kind === 'waiting') return 'waiting';
  if (countdown.kind === 'paused') return 'paused';
  if (now >= countdown.deadlineAt) return 'expired';
  return timer.warningsSent > 0 ? 'warned' : 'counting';
}
