/**
 * The real `@twilio/conversations` 2.5.0 typings, the spec this fake is checked against.
 *
 * Imported through the package's deep path on purpose: at bundle time (and possibly in a `paths` mapping later) the
 * bare name `@twilio/conversations` resolves to this fake itself, which would turn every drift check into a tautology.
 * Type-only: nothing from the real SDK reaches the bundle.
 */
export type {
  AggregatedDeliveryReceipt as RealAggregatedDeliveryReceipt,
  ChannelMetadata as RealChannelMetadata,
  Client as RealClient,
  ClientOptions,
  ConnectionState,
  ContentData,
  ContentTemplate as RealContentTemplate,
  ContentTemplateVariable as RealContentTemplateVariable,
  Conversation as RealConversation,
  ConversationBindings,
  ConversationLimits,
  ConversationState,
  ConversationStatus,
  ConversationUpdateReason,
  CreateConversationOptions,
  DetailedDeliveryReceipt as RealDetailedDeliveryReceipt,
  JSONArray,
  JSONObject,
  JSONValue,
  LastMessage,
  Media as RealMedia,
  MediaCategory,
  Message as RealMessage,
  MessageBuilder as RealMessageBuilder,
  MessageType,
  MessageUpdateReason,
  NotificationLevel,
  NotificationsChannelType,
  Paginator as RealPaginator,
  Participant as RealParticipant,
  ParticipantBindings,
  ParticipantType,
  ParticipantUpdateReason,
  RecipientDescriptor,
  SendEmailOptions,
  SendMediaOptions,
  State,
  UnsentMessage as RealUnsentMessage,
  User as RealUser,
  UserUpdateReason,
} from '@twilio/conversations/builds/lib';
