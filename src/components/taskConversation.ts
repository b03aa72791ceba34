import type { ITask } from '@twilio/flex-ui';

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The conversation sid of a messaging task, read the way `TaskHelper.getTaskConversationSid` does
 * (`attributes.conversationSid`, else `attributes.channelSid`) without TaskHelper, which may throw outside a
 * logged-in Flex. Undefined for tasks without one (voice) or without a task at all.
 */
export function conversationSidOf(task: Pick<ITask, 'attributes'> | undefined): string | undefined {
  const attributes: unknown = task?.attributes;
  if (typeof attributes !== 'object' || attributes === null) return undefined;
  const { conversationSid, channelSid } = attributes as { conversationSid?: unknown; channelSid?: unknown };
  return nonEmptyString(conversationSid) ?? nonEmptyString(channelSid);
}
