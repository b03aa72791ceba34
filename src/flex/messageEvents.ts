import type { ConversationTimer } from '../core/conversationTimer';
import type { InactivityEvent } from '../state/inactivityEvents';
import { inactivityEvents } from '../state/inactivityEvents';
import { readMarker } from './inactivityMarker';
import type { MessageAuthorKind } from './messageAuthor';

/** A message ready for the timer: who wrote it, and when in local time. */
export interface TimedMessage {
  readonly index: number;
  readonly authorKind: MessageAuthorKind;
  /** Local time: receive time for live messages, skew-corrected server time for reconciled ones. */
  readonly at: number;
  readonly attributes: unknown;
}

/**
 * The events one message means for `timer` of the task `taskSid`. Our own messages are recognised by their marker
 * and only count when they belong to this task and to the cycle in force, so a warning is recorded as sent
 * whichever tab or device sent it, and never re-armed by a replay.
 */
export function eventsForMessage(timer: ConversationTimer, taskSid: string, message: TimedMessage): InactivityEvent[] {
  const { conversationSid } = timer;
  const moment = { conversationSid, at: message.at, messageIndex: message.index };
  switch (message.authorKind) {
    case 'customer':
      return [inactivityEvents.customerMessageReceived(moment)];
    case 'agent':
      return [inactivityEvents.agentMessageSent(moment)];
    case 'plugin':
      return eventsForOwnMessage(timer, taskSid, message.attributes);
    case 'other':
      return [];
  }
}

function eventsForOwnMessage(timer: ConversationTimer, taskSid: string, attributes: unknown): InactivityEvent[] {
  const marker = readMarker(attributes);
  if (marker === null || marker.taskSid !== taskSid || marker.cycleStartIndex !== timer.cycleStartIndex) return [];
  const ref = { conversationSid: timer.conversationSid, cycle: timer.cycle };
  if (marker.kind === 'closing') return [inactivityEvents.closingMessageDone(ref)];
  return [inactivityEvents.warningSent({ ...ref, warningIndex: marker.warningIndex ?? 0 })];
}
