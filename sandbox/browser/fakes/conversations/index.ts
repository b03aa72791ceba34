/**
 * Browser-side replacement of `@twilio/conversations` 2.5.0 for the offline sandbox: the bundle aliases the package
 * to this file, so the real Flex UI talks to the sandbox server instead of Twilio. Exports the classes Flex uses
 * (`Client`, `ContentTemplateVariable`) and the rest of the SDK's object model it receives from them, plus the SDK's
 * types (re-exported from the real typings, so type-only imports keep their real meaning).
 */
export { Client } from './client';
export { Conversation } from './conversation';
export { Message } from './message';
export { MessageBuilder, UnsentMessage } from './messageBuilder';
export { Participant } from './participant';
export { User } from './user';
export { RestPaginator } from './paginator';
export { ContentTemplateVariable } from './contentTemplate';
export { NotificationTypes } from './notificationTypes';
export { ConversationsError } from './errors';
export { setSandboxEnvironment } from './environment';
export type { EventSourceLike, SandboxEnvironment } from './environment';

export type {
  ClientOptions,
  ConnectionState,
  ContentData,
  ConversationBindings,
  ConversationLimits,
  ConversationState,
  ConversationStatus,
  ConversationUpdateReason,
  CreateConversationOptions,
  JSONArray,
  JSONObject,
  JSONValue,
  LastMessage,
  MediaCategory,
  MessageType,
  MessageUpdateReason,
  NotificationLevel,
  NotificationsChannelType,
  ParticipantBindings,
  ParticipantType,
  ParticipantUpdateReason,
  RealPaginator as Paginator,
  RecipientDescriptor,
  SendEmailOptions,
  SendMediaOptions,
  State,
  UserUpdateReason,
} from './realTypes';
