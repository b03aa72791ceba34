import type { ConversationTimer } from '../core/conversationTimer';
import type { InactivityEvent } from '../state/inactivityEvents';
import type { InactivityState } from '../state/inactivitySlice';
import { inactivityReducer } from '../state/inactivitySlice';
import type { TimedMessage } from './messageEvents';
import { eventsForMessage } from './messageEvents';

/**
 * The events that bring `timer` up to date with a page of the conversation's recent history (after a reload or a
 * reconnect): a customer message that arrived meanwhile restarts the cycle from its own time, and a warning already
 * in the history is recorded so it is not sent again. Messages are replayed in index order through the real
 * reducer and only the events that changed something are returned, so dispatching them is exact and idempotent.
 */
export function reconcileHistory(
  timer: ConversationTimer,
  taskSid: string,
  messages: readonly TimedMessage[],
): InactivityEvent[] {
  const sid = timer.conversationSid;
  const applied: InactivityEvent[] = [];
  let state: InactivityState = { timers: { [sid]: timer } };
  for (const message of [...messages].sort((a, b) => a.index - b.index)) {
    const current = state.timers[sid];
    if (current === undefined) break;
    for (const event of eventsForMessage(current, taskSid, message)) {
      const next = inactivityReducer(state, event);
      if (next !== state) applied.push(event);
      state = next;
    }
  }
  return applied;
}
