import type { AgentNotice } from './commandRunner';

/** What an agent control asks of the acting tab, from whichever tab it was used in. */
export interface TimerIntent {
  readonly kind: 'pause' | 'resume' | 'extend';
  readonly conversationSid: string;
  /** Unique per use, so the acting tab applies each intent once even if it is delivered twice. */
  readonly id: string;
}

/** Everything the agent's tabs tell each other. */
export type TabMessage =
  /**
   * An agent control for the acting tab, posted again until a tab acknowledges it. `submittedAt` is the submitting
   * tab's clock when the agent used it: the tabs share the PC's clock, so any acting tab can tell a stale one.
   */
  | { readonly kind: 'intent'; readonly intent: TimerIntent; readonly submittedAt: number }
  /** The acting tab applied intent `id` (or had already): the submitting tab stops posting it. */
  | { readonly kind: 'intentApplied'; readonly id: string }
  /** A tab started acting: intents still waiting for an acting tab are posted again at once. */
  | { readonly kind: 'actingStarted' }
  /** A notice for the agent, published by the acting tab, shown where the agent is looking. */
  | { readonly kind: 'notice'; readonly id: string; readonly notice: AgentNotice }
  /** A tab showed notice `id`: hidden tabs no longer need to keep it for later. */
  | { readonly kind: 'noticeShown'; readonly id: string };
