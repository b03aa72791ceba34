/**
 * The events each fake object emits, with the real SDK's names and payloads (see the real `ClientEvents`,
 * `ConversationEvents`, ... in lib.d.ts) but typed with the fake classes.
 */
import type { Conversation } from './conversation';
import type { Message } from './message';
import type { Participant } from './participant';
import type {
  ConnectionState,
  ConversationUpdateReason,
  MessageUpdateReason,
  ParticipantUpdateReason,
  State,
  UserUpdateReason,
} from './realTypes';
import type { User } from './user';

export interface ConversationUpdatedArgs {
  conversation: Conversation;
  updateReasons: ConversationUpdateReason[];
}

export interface ParticipantUpdatedArgs {
  participant: Participant;
  updateReasons: ParticipantUpdateReason[];
}

export interface MessageUpdatedArgs {
  message: Message;
  updateReasons: MessageUpdateReason[];
}

export interface UserUpdatedArgs {
  user: User;
  updateReasons: UserUpdateReason[];
}

/** The payload of `connectionError` and `initFailed`, as the real SDK shapes it. */
export interface ConnectionErrorData {
  terminal: boolean;
  message: string;
}

export type ClientEvents = {
  conversationAdded: (conversation: Conversation) => void;
  conversationJoined: (conversation: Conversation) => void;
  conversationLeft: (conversation: Conversation) => void;
  conversationRemoved: (conversation: Conversation) => void;
  conversationUpdated: (data: ConversationUpdatedArgs) => void;
  participantJoined: (participant: Participant) => void;
  participantLeft: (participant: Participant) => void;
  participantUpdated: (data: ParticipantUpdatedArgs) => void;
  messageAdded: (message: Message) => void;
  messageRemoved: (message: Message) => void;
  messageUpdated: (data: MessageUpdatedArgs) => void;
  tokenAboutToExpire: () => void;
  tokenExpired: () => void;
  typingEnded: (participant: Participant) => void;
  typingStarted: (participant: Participant) => void;
  pushNotification: (pushNotification: unknown) => void;
  userSubscribed: (user: User) => void;
  userUnsubscribed: (user: User) => void;
  userUpdated: (data: UserUpdatedArgs) => void;
  stateChanged: (state: State) => void;
  initialized: () => void;
  initFailed: (data: { error?: ConnectionErrorData }) => void;
  connectionStateChanged: (state: ConnectionState) => void;
  connectionError: (data: ConnectionErrorData) => void;
};

export type ConversationEvents = {
  participantJoined: (participant: Participant) => void;
  participantLeft: (participant: Participant) => void;
  participantUpdated: (data: ParticipantUpdatedArgs) => void;
  messageAdded: (message: Message) => void;
  messageRemoved: (message: Message) => void;
  messageUpdated: (data: MessageUpdatedArgs) => void;
  typingEnded: (participant: Participant) => void;
  typingStarted: (participant: Participant) => void;
  updated: (data: ConversationUpdatedArgs) => void;
  removed: (conversation: Conversation) => void;
};

export type MessageEvents = {
  updated: (data: MessageUpdatedArgs) => void;
};

export type ParticipantEvents = {
  typingEnded: (participant: Participant) => void;
  typingStarted: (participant: Participant) => void;
  updated: (data: ParticipantUpdatedArgs) => void;
};

export type UserEvents = {
  updated: (data: UserUpdatedArgs) => void;
  userSubscribed: (user: User) => void;
  userUnsubscribed: (user: User) => void;
};

/** Lets a conversation (or user) re-emit its events on the client, as the real SDK's client does. */
export type ClientEmit = <E extends keyof ClientEvents>(event: E, ...args: Parameters<ClientEvents[E]>) => void;
