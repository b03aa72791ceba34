/** Throws (so the action's invocation rejects) naming the action, the payload field and what it must be. */
export function throwInvalidPayload(action: string, field: string, expected: string): never {
  throw new Error(`${action}: payload.${field} must be ${expected}`);
}

/** The `conversationSid` of an action payload, which every plugin action requires. */
export function conversationSidIn(action: string, payload: unknown): string {
  const sid =
    typeof payload === 'object' && payload !== null
      ? (payload as { conversationSid?: unknown }).conversationSid
      : undefined;
  return typeof sid === 'string' && sid !== ''
    ? sid
    : throwInvalidPayload(action, 'conversationSid', 'a non-empty string');
}
