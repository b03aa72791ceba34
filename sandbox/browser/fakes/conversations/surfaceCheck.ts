/**
 * Compile-time drift check against the real SDK 2.5.0 typings: every public member of the real classes (instance and
 * static) must exist on the fake, except the ones listed here on purpose. A member added to or removed from either
 * side breaks `npm run typecheck` with a message naming it. (The `implements Pick<...>` clauses in each class check
 * the member types where the real types can be satisfied.) Types only: nothing here reaches the bundle.
 */
import type { EventEmitter as NodeEventEmitter } from 'events';

import type { Client } from './client';
import type { Conversation } from './conversation';
import type { Message } from './message';
import type { MessageBuilder, UnsentMessage } from './messageBuilder';
import type { RestPaginator } from './paginator';
import type { Participant } from './participant';
import type {
  RealClient,
  RealConversation,
  RealMessage,
  RealMessageBuilder,
  RealPaginator,
  RealParticipant,
  RealUnsentMessage,
  RealUser,
} from './realTypes';
import type { User } from './user';

/**
 * Public members of `Real` that `Fake` lacks. String keys only: the one symbol key is Node's
 * `[captureRejectionSymbol]` hook, which the real classes inherit from Node's EventEmitter and nothing calls.
 */
type Missing<Real, Fake> = Exclude<Extract<keyof Real, string>, keyof Fake>;

/** Static helpers of Node's EventEmitter (`EventEmitter.once(emitter, name)`, ...), inherited by the real classes. */
type NodeEmitterStatics = Extract<keyof typeof NodeEventEmitter, string>;

/** Static members of `Real` that `Fake` lacks, apart from Node's. */
type MissingStatics<Real, Fake> = Exclude<Missing<Real, Fake>, NodeEmitterStatics>;

/**
 * Accepts only `never`: a leftover member name fails with "Type '"name"' does not satisfy the constraint 'never'",
 * which names the member.
 */
type NoneLeft<Names extends never> = Names;

// Omitted on purpose:
// - SDK internals marked @internal in lib.d.ts (`_update`, `_subscribe`, `_links`, ...): Flex does not call them.
// - push-notification parsing: no push channel exists offline.
type ClientOmitted = 'parsePushNotification';
type ClientStaticOmitted = 'parsePushNotification';
type ConversationOmitted =
  | '_links'
  | '_participants'
  | '_statusSource'
  | '_subscribe'
  | '_fetchStreams'
  | '_subscribeStreams'
  | '_unsubscribe'
  | '_setStatus'
  | '_update';
type MessageOmitted = '_update';
type ParticipantOmitted = '_startTyping' | '_endTyping' | '_update';
type UserOmitted = 'entityName' | '_update' | '_fetch' | '_ensureFetched' | '_resolveInitialization';

// Real members the fake lacks and does not list as omitted:
export type ClientGaps = NoneLeft<Exclude<Missing<RealClient, Client>, ClientOmitted>>;
export type ClientStaticGaps = NoneLeft<Exclude<MissingStatics<typeof RealClient, typeof Client>, ClientStaticOmitted>>;
export type ConversationGaps = NoneLeft<Exclude<Missing<RealConversation, Conversation>, ConversationOmitted>>;
export type ConversationStaticGaps = NoneLeft<MissingStatics<typeof RealConversation, typeof Conversation>>;
export type MessageGaps = NoneLeft<Exclude<Missing<RealMessage, Message>, MessageOmitted>>;
export type MessageStaticGaps = NoneLeft<MissingStatics<typeof RealMessage, typeof Message>>;
export type ParticipantGaps = NoneLeft<Exclude<Missing<RealParticipant, Participant>, ParticipantOmitted>>;
export type ParticipantStaticGaps = NoneLeft<MissingStatics<typeof RealParticipant, typeof Participant>>;
export type UserGaps = NoneLeft<Exclude<Missing<RealUser, User>, UserOmitted>>;
export type BuilderGaps = NoneLeft<Missing<RealMessageBuilder, MessageBuilder>>;
export type UnsentMessageGaps = NoneLeft<Missing<RealUnsentMessage, UnsentMessage>>;
export type PaginatorGaps = NoneLeft<Missing<RealPaginator<unknown>, RestPaginator<unknown>>>;

// Omitted names that are no longer missing (implemented since, or gone from the real typings):
export type ClientStale = NoneLeft<Exclude<ClientOmitted, Missing<RealClient, Client>>>;
export type ClientStaticStale = NoneLeft<
  Exclude<ClientStaticOmitted, MissingStatics<typeof RealClient, typeof Client>>
>;
export type ConversationStale = NoneLeft<Exclude<ConversationOmitted, Missing<RealConversation, Conversation>>>;
export type MessageStale = NoneLeft<Exclude<MessageOmitted, Missing<RealMessage, Message>>>;
export type ParticipantStale = NoneLeft<Exclude<ParticipantOmitted, Missing<RealParticipant, Participant>>>;
export type UserStale = NoneLeft<Exclude<UserOmitted, Missing<RealUser, User>>>;
