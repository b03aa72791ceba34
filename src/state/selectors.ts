import type { ConversationTimer } from '../core/conversationTimer';
import type { TimerPhase } from '../core/phase';
import { phaseAt, remainingMsAt, warningsSentOf } from '../core/phase';
import type { InactivityState } from './inactivitySlice';
import { INACTIVITY_NAMESPACE, initialInactivityState } from './inactivitySlice';

/** Flex's root state as far as this plugin is concerned: our slice sits beside `flex` once the reducer is added. */
export interface StateWithInactivity {
  readonly [INACTIVITY_NAMESPACE]?: InactivityState;
}

/** The slice, or an empty one before the reducer is registered. */
export function selectInactivity(state: StateWithInactivity): InactivityState {
  return state[INACTIVITY_NAMESPACE] ?? initialInactivityState;
}

/** The timer of one conversation, if it is tracked. */
export function selectTimer(state: StateWithInactivity, conversationSid: string): ConversationTimer | undefined {
  return selectInactivity(state).timers[conversationSid];
}

/** What a badge shows at `now`: derived, never stored, so ticking never touches the store. */
export interface CountdownView {
  readonly phase: TimerPhase;
  readonly remainingMs: number | null;
  readonly warningsSent: number;
}

/** The countdown of `timer` at `now`. */
export function countdownViewAt(timer: ConversationTimer, now: number): CountdownView {
  return { phase: phaseAt(timer, now), remainingMs: remainingMsAt(timer, now), warningsSent: warningsSentOf(timer) };
}
