import type { PushEvent } from '../shared/protocol';

/** Which pages a push event is for. */
export interface Audience {
  /** Agent desktop pages (only for conversations the agent is in, as a real Conversations client). */
  readonly agent: boolean;
  /** Customer pages of this conversation (they only ever get its messageAdded). */
  readonly customerOf: string | null;
}

/** Where the world sends what happened; the SSE hub in production, a recorder in tests. */
export type PushSink = (event: PushEvent, audience: Audience) => void;

/** Audience of events only the agent desktop hears (TaskRouter, configuration, connection). */
export const AGENT_ONLY: Audience = Object.freeze({ agent: true, customerOf: null });
