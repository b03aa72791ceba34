import type { TabChannel } from '../runtime/browserTabs';
import type { TabMessage, TimerIntent } from './tabMessages';

export interface IntentRouterDeps {
  readonly channel: TabChannel<TabMessage>;
  /** Whether this tab acts right now. */
  readonly isActing: () => boolean;
  /** Applies an intent in the acting tab (stamped with its clock, persisted by its writer). */
  readonly apply: (intent: TimerIntent) => void;
}

/** Routes agent controls to the acting tab. */
export interface IntentRouter {
  /** Applies `intent` here if this tab acts, else sends it to the acting tab. */
  submit(intent: TimerIntent): void;
  stop(): void;
}

/** How many applied intent ids are remembered to drop a duplicate delivery. */
const REMEMBERED_IDS = 100;

/**
 * One writer: a control used in a tab that does not act becomes an intent for the acting tab, which applies it once;
 * the result comes back to every tab through the mirrored timers.
 */
export function createIntentRouter({ channel, isActing, apply }: IntentRouterDeps): IntentRouter {
  const applied: string[] = [];
  const applyOnce = (intent: TimerIntent): void => {
    if (applied.includes(intent.id)) return;
    applied.push(intent.id);
    if (applied.length > REMEMBERED_IDS) applied.shift();
    apply(intent);
  };
  const stop = channel.subscribe((message) => {
    if (message.kind === 'intent' && isActing()) applyOnce(message.intent);
  });
  return {
    submit(intent) {
      if (isActing()) applyOnce(intent);
      else channel.post({ kind: 'intent', intent });
    },
    stop,
  };
}
