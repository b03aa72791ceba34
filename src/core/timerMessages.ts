import type { ConversationTimer } from './conversationTimer';
import {
  onAgentMessage,
  onClosingDone,
  onCustomerMessage,
  onHistoryReconciled,
  onWarningSent,
} from './conversationTimer';
import type { InactivityMarker } from './inactivityMarker';
import type { MessageAuthorKind } from './messageAuthor';

/**
 * A message ready for the timer: who wrote it, when in local time, and the plugin's marker if it is one of ours.
 * Digested from the Conversations message so that no body or customer attribute enters the store.
 */
export interface TimedMessage {
  readonly index: number;
  readonly authorKind: MessageAuthorKind;
  /** Local time: receive time for live messages, skew-corrected server time for reconciled ones. */
  readonly at: number;
  readonly marker: InactivityMarker | null;
}

/**
 * Our own messages count only when they belong to this task and to the cycle in force, so a warning is recorded as
 * sent whichever tab or device sent it, and never re-armed by a replay.
 */
function applyOwnMessage(timer: ConversationTimer, marker: InactivityMarker | null): ConversationTimer {
  if (marker === null || marker.taskSid !== timer.taskSid || marker.cycleStartIndex !== timer.cycleStartIndex) {
    return timer;
  }
  if (marker.kind === 'closing') return onClosingDone(timer, timer.cycle);
  return onWarningSent(timer, timer.cycle, marker.warningIndex ?? 0);
}

/** What one message does to `timer`. */
export function applyMessage(timer: ConversationTimer, message: TimedMessage): ConversationTimer {
  const moment = { at: message.at, messageIndex: message.index };
  switch (message.authorKind) {
    case 'customer':
      return onCustomerMessage(timer, moment);
    case 'agent':
      return onAgentMessage(timer, moment);
    case 'plugin':
      return applyOwnMessage(timer, message.marker);
    case 'other':
      return timer;
  }
}

/**
 * Brings `timer` up to date with a page of the conversation's recent history (after a reload or a reconnect) and
 * marks it reconciled: a customer message that arrived meanwhile restarts the cycle from its own time, and a warning
 * already in the history is recorded so it is not sent again. Messages are replayed in index order, and every
 * transition ignores what it has already seen, so replaying the same page twice changes nothing.
 */
export function replayHistory(timer: ConversationTimer, messages: readonly TimedMessage[]): ConversationTimer {
  const ordered = [...messages].sort((a, b) => a.index - b.index);
  return onHistoryReconciled(ordered.reduce(applyMessage, timer));
}
