import type { TabChannel } from '../runtime/browserTabs';
import type { Clock, IntervalHandle } from '../runtime/clock';
import { dropOldestBeyond } from './boundedMemory';
import type { TabMessage, TimerIntent } from './tabMessages';

export interface IntentRouterDeps {
  readonly channel: TabChannel<TabMessage>;
  /** Whether this tab acts right now. */
  readonly isActing: () => boolean;
  /**
   * Applies an intent in the acting tab (stamped with its clock, persisted by its writer); false when it cannot yet
   * (the tab acts but its engine has not started), so the intent keeps waiting.
   */
  readonly apply: (intent: TimerIntent) => boolean;
  readonly clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
  readonly log: Pick<Console, 'warn'>;
}

/** Routes agent controls to the acting tab. */
export interface IntentRouter {
  /** Applies `intent` here if this tab acts, else posts it to the acting tab until a tab acknowledges it. */
  submit(intent: TimerIntent): void;
  /** This tab started acting: it applies the intents it still holds and the other tabs post theirs again. */
  startedActing(): void;
  /** Stops listening and posting; intents still unacknowledged are dropped with this tab. */
  stop(): void;
}

/** How many applied intent ids are remembered to drop a duplicate delivery. */
const REMEMBERED_IDS = 100;

/** How often an unacknowledged intent is posted again while leadership is being handed over. */
export const INTENT_RETRY_MS = 1_000;

/** How old an unacknowledged intent may get: a click older than this is stale, abandoned and never applied. */
export const INTENT_STALE_AFTER_MS = 10_000;

/** What the agent asked for, as a console warning names it. */
const CONTROL_NAMES: Readonly<Record<TimerIntent['kind'], string>> = {
  pause: 'pause',
  resume: 'resume',
  extend: 'more time',
};

interface PendingIntent {
  readonly intent: TimerIntent;
  readonly submittedAt: number;
  /** The next retry or abandonment; null while none is scheduled. */
  retry: { readonly handle: IntervalHandle } | null;
}

/**
 * One writer: a control used in a tab that does not act becomes an intent for the acting tab, which applies it once
 * and acknowledges it; the result comes back to every tab through the mirrored timers. The submitting tab posts it
 * again when a tab starts acting and every second until acknowledged (a handover can leave no tab acting when it
 * arrives), applies it itself if it comes to act, and abandons it, with a warning, once it is stale.
 *
 * Each tab remembers the ids every acting tab acknowledged, so a tab that comes to act later drops a re-post the old
 * acting tab applied. An intent is applied twice only if the old acting tab died between applying it and posting the
 * acknowledgement, which happen in one task (as does saving the timers), or within the moment the acknowledgement
 * is in flight when the lead changes: pause and resume applied twice change nothing, an extension applied twice only
 * keeps the chat open longer, never closes it early.
 */
export function createIntentRouter({ channel, isActing, apply, clock, log }: IntentRouterDeps): IntentRouter {
  const applied = new Set<string>();
  const pending = new Map<string, PendingIntent>();

  const remember = (id: string): void => {
    applied.add(id);
    dropOldestBeyond(applied, REMEMBERED_IDS);
  };
  /** Applies `intent` unless it was applied before; true when it is done with (now or before). */
  const applyOnce = (intent: TimerIntent): boolean => {
    if (applied.has(intent.id)) return true;
    if (!apply(intent)) return false;
    remember(intent.id);
    return true;
  };
  // A tab still on the previous version posts no submittedAt: its intents are applied, as they were then.
  const isStale = (submittedAt: number): boolean =>
    Number.isFinite(submittedAt) && clock.now() - submittedAt >= INTENT_STALE_AFTER_MS;

  /** Applies and acknowledges in one task (which saves the timers too): a tab that dies does so before both or after. */
  const applyAndAcknowledge = (intent: TimerIntent, submittedAt: number): boolean => {
    if (!isActing() || isStale(submittedAt) || !applyOnce(intent)) return false;
    channel.post({ kind: 'intentApplied', id: intent.id });
    return true;
  };

  const cancelRetry = (entry: PendingIntent): void => {
    if (entry.retry !== null) clock.clearTimeout(entry.retry.handle);
    entry.retry = null;
  };

  const settle = (id: string): void => {
    const entry = pending.get(id);
    if (entry === undefined) return;
    cancelRetry(entry);
    pending.delete(id);
  };

  /** Applies a waiting intent here if this tab acts, else posts it again; abandons it once stale. */
  const deliver = (entry: PendingIntent): void => {
    const { intent, submittedAt } = entry;
    cancelRetry(entry);
    if (isStale(submittedAt)) {
      settle(intent.id);
      const seconds = INTENT_STALE_AFTER_MS / 1_000;
      log.warn(
        `Inactivity: the ${CONTROL_NAMES[intent.kind]} asked for ${intent.conversationSid} was not applied: ` +
          `no tab acted on it within ${seconds} s, so it was abandoned.`,
      );
      return;
    }
    if (applyAndAcknowledge(intent, submittedAt)) {
      settle(intent.id);
      return;
    }
    channel.post({ kind: 'intent', intent, submittedAt });
    // Abandoned exactly when stale, not at the next retry; at least 1 ms later, so a clock firing early cannot spin.
    const untilStale = submittedAt + INTENT_STALE_AFTER_MS - clock.now();
    const delayMs = Math.max(1, Math.min(INTENT_RETRY_MS, untilStale));
    entry.retry = { handle: clock.setTimeout(() => deliver(entry), delayMs) };
  };
  const deliverAllPending = (): void => [...pending.values()].forEach(deliver);

  const stopListening = channel.subscribe((message) => {
    if (message.kind === 'intent') applyAndAcknowledge(message.intent, message.submittedAt);
    if (message.kind === 'intentApplied') {
      remember(message.id);
      settle(message.id);
    }
    if (message.kind === 'actingStarted') deliverAllPending();
  });

  return {
    submit(intent) {
      if (isActing() && applyOnce(intent)) return;
      const entry: PendingIntent = { intent, submittedAt: clock.now(), retry: null };
      pending.set(intent.id, entry);
      deliver(entry);
    },
    startedActing() {
      deliverAllPending();
      channel.post({ kind: 'actingStarted' });
    },
    stop() {
      stopListening();
      [...pending.keys()].forEach(settle);
    },
  };
}
