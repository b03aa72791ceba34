import type { SkipMessageCommand } from '../core/planner';
import type { InactivityEvent } from './inactivityEvents';
import { inactivityEvents } from './inactivityEvents';

/** A message skipped outside the channel's window counts as done: it is recorded as if it had gone out. */
export function skippedMessageEvent(command: SkipMessageCommand): InactivityEvent {
  const ref = { conversationSid: command.conversationSid, cycle: command.cycle };
  return command.message === 'warning'
    ? inactivityEvents.warningSent({ ...ref, warningIndex: command.warningIndex })
    : inactivityEvents.closingMessageDone(ref);
}
