import { isRecord } from './isRecord';

/** What the task's attributes say of an inactivity wrap-up, under `inactivity`, for reporting. */
export interface InactivityOutcome {
  readonly reason: 'customer_inactive';
  /** When the plugin moved the task to wrap-up (ISO 8601). */
  readonly closed_at: string;
  /** Warnings the customer got in the cycle that ran out. */
  readonly warnings_sent: number;
  /** The timer of that cycle, in seconds. */
  readonly timer_sec: number;
}

/**
 * The task's attributes after an inactivity wrap-up: everything in `latest` kept, `inactivity` added, and, when
 * the admin asked for it, `conversations.outcome` (which Flex Insights reports on) set unless an outcome is already
 * there: another plugin's or the agent's choice wins.
 */
export function outcomeAttributes(
  latest: Readonly<Record<string, unknown>>,
  outcome: InactivityOutcome,
  reportOutcome: string | null,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...latest, inactivity: outcome };
  if (reportOutcome === null) return next;
  const conversations = isRecord(latest.conversations) ? latest.conversations : {};
  const current = conversations.outcome;
  if (typeof current === 'string' && current.trim() !== '') return next;
  return { ...next, conversations: { ...conversations, outcome: reportOutcome } };
}
