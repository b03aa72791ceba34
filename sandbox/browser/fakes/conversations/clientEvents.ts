/**
 * The events the client emits, with the real SDK's names and payloads (see the real `ClientEvents` in lib.d.ts) but
 * typed with the fake classes: its own, and those it repeats for its conversations and users (whose event maps stand
 * beside their classes).
 */
import type { Conversation, ConversationClientEvents } from './conversation';
import type { Emit } from './emitter';
import type { ConnectionState, State } from './realTypes';
import type { UserClientEvents } from './user';

/** The payload of `connectionError` and `initFailed`, as the real SDK shapes it. */
export interface ConnectionErrorData {
  terminal: boolean;
  message: string;
}

export type ClientEvents = ConversationClientEvents &
  UserClientEvents & {
    conversationAdded: (conversation: Conversation) => void;
    conversationJoined: (conversation: Conversation) => void;
    conversationLeft: (conversation: Conversation) => void;
    conversationRemoved: (conversation: Conversation) => void;
    tokenAboutToExpire: () => void;
    tokenExpired: () => void;
    pushNotification: (pushNotification: unknown) => void;
    stateChanged: (state: State) => void;
    initialized: () => void;
    initFailed: (data: { error?: ConnectionErrorData }) => void;
    connectionStateChanged: (state: ConnectionState) => void;
    connectionError: (data: ConnectionErrorData) => void;
  };

/** Emits on the client; the conversation registry announces conversations through it. */
export type ClientEmit = Emit<ClientEvents>;
