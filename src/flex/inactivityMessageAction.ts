import type { Conversation, JSONObject } from '@twilio/conversations';
import type * as Flex from '@twilio/flex-ui';

import type { InactivityMessagePayload } from '../actions/timerActionNames';
import { SEND_INACTIVITY_MESSAGE } from '../actions/timerActionNames';
import { isRecord } from '../core/isRecord';
import { conversationSidIn, throwInvalidPayload } from './actionPayload';

/** The part of a Conversations `Conversation` the action sends with. */
export type SendingConversation = Pick<Conversation, 'sendMessage'>;

export interface InactivityMessageActionDeps {
  readonly actions: Pick<typeof Flex.Actions, 'registerAction'>;
  /** The conversation, from the Conversations client Flex already runs. */
  readonly conversation: (conversationSid: string) => Promise<SendingConversation>;
}

/** The payload, checked field by field; throws (so the invocation rejects) naming the action and the field. */
function payloadOf(payload: unknown): InactivityMessagePayload {
  const fields = isRecord(payload) ? payload : {};
  const conversationSid = conversationSidIn(SEND_INACTIVITY_MESSAGE, fields);
  const { body, messageAttributes } = fields;
  if (typeof body !== 'string' || body.trim() === '') {
    throwInvalidPayload(SEND_INACTIVITY_MESSAGE, 'body', 'a non-empty string');
  }
  if (!isRecord(messageAttributes)) throwInvalidPayload(SEND_INACTIVITY_MESSAGE, 'messageAttributes', 'an object');
  // A round trip through JSON keeps exactly what Conversations can store, whatever a listener put there.
  return { conversationSid, body, messageAttributes: JSON.parse(JSON.stringify(messageAttributes)) as JSONObject };
}

/**
 * Registers `SendInactivityMessage`. It sends straight through the conversation, not through Flex's `SendMessage`,
 * which empties the agent's message input after a send and writes its own body into the input when a send fails:
 * the agent's half-typed reply must survive the plugin's warnings. Being a Flex action, it still lets other plugins
 * observe, change or cancel each message.
 */
export function registerInactivityMessageAction({ actions, conversation }: InactivityMessageActionDeps): void {
  actions.registerAction(SEND_INACTIVITY_MESSAGE, async (payload: unknown) => {
    const { conversationSid, body, messageAttributes } = payloadOf(payload);
    return (await conversation(conversationSid)).sendMessage(body, messageAttributes);
  });
}
