import type { ConversationTimer } from '../core/conversationTimer';
import type { TimerPhase } from '../core/phase';
import { MINUTE, remainingInWords } from '../core/remainingInWords';
import { countdownViewAt } from '../state/selectors';
import { formatCountdown } from './formatCountdown';

/** What the countdown badge shows of one conversation. */
export interface BadgeModel {
  readonly phase: TimerPhase;
  /**
   * "m:ss" / "h:mm:ss" while a countdown exists, "—" while waiting, "…" while the history is being read, "0:00" once
   * time is up.
   */
  readonly text: string;
  /**
   * Time left when the model was made; the badge keeps the model it rendered until more than its text changes (about
   * once a minute above a minute left), so this may be older than the text on screen. Null while waiting or while
   * the history is being read.
   */
  readonly remainingMs: number | null;
  /** `remainingMs` as the aria-label says it ("45 seconds", "2 minutes"); null when `remainingMs` is. */
  readonly remainingWords: string | null;
  /** `remainingMs` in whole minutes rounded up (at least 1), as the row description says it; null when it is. */
  readonly remainingMinutes: number | null;
  readonly warningsSent: number;
  /** Ten seconds or less to go, or time is up. */
  readonly urgent: boolean;
}

/** At or below this many ms left a running countdown looks urgent. */
export const URGENT_MS = 10_000;

function countdownText(phase: TimerPhase, remainingMs: number | null): string {
  switch (phase) {
    case 'waiting':
      return '—';
    case 'awaitingHistory':
      return '…';
    case 'counting':
    case 'warned':
    case 'paused':
      return formatCountdown(remainingMs ?? 0);
    case 'transferPending':
      // The arrows tell a held transfer from an agent's pause at a glance; the label says it in words.
      return `⇄ ${remainingMs === null ? '—' : formatCountdown(remainingMs)}`;
    case 'expired':
    case 'wrappingUp':
    case 'done':
      return '0:00';
  }
}

function isUrgent(phase: TimerPhase, remainingMs: number | null): boolean {
  if (phase === 'expired' || phase === 'wrappingUp') return true;
  return (phase === 'counting' || phase === 'warned') && remainingMs !== null && remainingMs <= URGENT_MS;
}

/** The badge model of `timer` at `now`. */
export function badgeModelAt(timer: ConversationTimer, now: number): BadgeModel {
  const view = countdownViewAt(timer, now);
  const { phase, warningsSent } = view;
  // A deadline that may have missed a customer message is not shown, nor counted down as if it were going to fire.
  const remainingMs = phase === 'awaitingHistory' ? null : view.remainingMs;
  return {
    phase,
    remainingMs,
    remainingWords: remainingMs === null ? null : remainingInWords(remainingMs),
    remainingMinutes: remainingMs === null ? null : Math.max(1, Math.ceil(remainingMs / MINUTE)),
    warningsSent,
    text: countdownText(phase, remainingMs),
    urgent: isUrgent(phase, remainingMs),
  };
}

/**
 * Whether the badge renders `next` as it rendered `shown` apart from the text: same look, phase, words of the label
 * and minutes of the row description. Most second ticks change only the text (the label moves once a minute above
 * a minute left).
 */
export function differsOnlyInText(shown: BadgeModel, next: BadgeModel): boolean {
  return (
    shown.phase === next.phase &&
    shown.urgent === next.urgent &&
    shown.warningsSent === next.warningsSent &&
    shown.remainingWords === next.remainingWords &&
    shown.remainingMinutes === next.remainingMinutes
  );
}

/** Whether two models look and sound the same: `remainingMs`, which changes every millisecond, is not compared. */
export function sameBadge(shown: BadgeModel, next: BadgeModel): boolean {
  return shown.text === next.text && differsOnlyInText(shown, next);
}
