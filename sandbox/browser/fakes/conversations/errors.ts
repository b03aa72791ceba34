/**
 * Errors shaped like the real SDK's: an Error carrying the HTTP `status` and a Twilio-style error `code`, so code that
 * inspects `error.status` / `error.code` (Flex's error manager wraps them) finds them. The codes are in Twilio's
 * Conversations ranges but are not promised to match production exactly; Flex never branches on them.
 */
export class ConversationsError extends Error {
  readonly status: number;
  readonly code: number;
  /** Flex shows `description` for some failures (email sends); it repeats the message. */
  readonly description: string;

  constructor(message: string, status: number, code: number) {
    super(message);
    this.name = 'ConversationsError';
    this.status = status;
    this.code = code;
    this.description = message;
  }
}

/** The Conversations connection is down (sandbox "disconnected"): nothing that needs the service can succeed. */
export function notConnectedError(action: string, detail?: string): ConversationsError {
  return new ConversationsError(
    `Cannot ${action}: the Conversations client is not connected${detail ? ` (${detail})` : ''}`,
    503,
    51007,
  );
}

export function conversationNotFoundError(sid: string): ConversationsError {
  return new ConversationsError(`Conversation with SID ${sid} is not found`, 404, 50350);
}

export function userNotFoundError(identity: string): ConversationsError {
  return new ConversationsError(`User with identity ${identity} is not found`, 404, 50400);
}

export function notParticipantError(conversationSid: string): ConversationsError {
  return new ConversationsError(`The user is not a participant of conversation ${conversationSid}`, 403, 50432);
}

/** Something the real service does but the sandbox server has no route for (see protocolNeeds.md). */
export function unsupportedError(feature: string): ConversationsError {
  return new ConversationsError(`${feature} is not supported by the offline sandbox`, 501, 20501);
}

export function noPageError(which: 'next' | 'previous'): ConversationsError {
  return new ConversationsError(`No ${which} page`, 400, 20400);
}
