import { isRecord } from '../core/isRecord';

/** The part of a task (a Flex `ITask` or any task-like object) that names its conversation. */
export interface TaskWithAttributes {
  /** Whatever the task's creator wrote: read defensively. */
  readonly attributes?: unknown;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The conversation sid of a messaging task, read the way `TaskHelper.getTaskConversationSid` does in Flex UI 2.x
 * (`attributes.conversationSid`, else `attributes.channelSid`, trimmed) but without TaskHelper, which may throw
 * outside a logged-in Flex. Undefined for tasks without one (voice) or without a task at all.
 *
 * The one reader of this attribute: the views find a task's timer by the sid the tracking stored it under, so both
 * must read it the same way.
 */
export function conversationSidOf(task: TaskWithAttributes | undefined): string | undefined {
  const attributes = task?.attributes;
  if (!isRecord(attributes)) return undefined;
  const { conversationSid, channelSid } = attributes;
  // Like Flex: a conversationSid of blanks is still the one chosen, and then trims to nothing.
  const sid = (nonEmptyString(conversationSid) ?? nonEmptyString(channelSid))?.trim();
  return sid === '' ? undefined : sid;
}
