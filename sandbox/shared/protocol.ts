/**
 * The wire protocol between the sandbox server (the local stand-in for Twilio) and the browser-side replacements of
 * the Twilio SDKs that Flex uses (TaskRouter, Conversations). Shared by both sides so that drift is a type error.
 *
 * Push: the server streams `PushEvent`s to each page over Server-Sent Events at `GET /sandbox/internal/stream`.
 * Pull/act: the fakes call the JSON routes listed in `InternalRoutes`.
 * Times travel as ISO-8601 strings, as in Twilio's own APIs.
 */

/** Reservation statuses, as TaskRouter reports them to a worker. */
export type ReservationStatus =
  | 'pending'
  | 'accepted'
  | 'rejected'
  | 'timeout'
  | 'canceled'
  | 'rescinded'
  | 'wrapping'
  | 'completed';

/** The reservation events Flex subscribes to (twilio-taskrouter `Reservation` events). */
export type ReservationEventName =
  | 'accepted'
  | 'rejected'
  | 'timeout'
  | 'canceled'
  | 'rescinded'
  | 'completed'
  | 'wrapup'
  | 'updated';

export interface TaskDto {
  readonly sid: string; // WT...
  readonly attributes: Record<string, unknown>;
  readonly assignmentStatus: 'pending' | 'reserved' | 'assigned' | 'wrapping' | 'completed' | 'canceled';
  readonly age: number;
  readonly priority: number;
  readonly queueName: string;
  readonly queueSid: string; // WQ...
  readonly taskChannelSid: string; // TC...
  readonly taskChannelUniqueName: string; // chat, sms, whatsapp, ...
  readonly workflowName: string;
  readonly workflowSid: string; // WW...
  readonly reason: string | null;
  readonly timeout: number;
  readonly dateCreated: string;
  readonly dateUpdated: string;
}

export interface ReservationDto {
  readonly sid: string; // WR...
  readonly status: ReservationStatus;
  readonly workerSid: string; // WK...
  readonly workspaceSid: string; // WS...
  readonly timeout: number;
  readonly dateCreated: string;
  readonly dateUpdated: string;
  readonly task: TaskDto;
}

export interface WorkerDto {
  readonly sid: string; // WK...
  readonly friendlyName: string;
  readonly identity: string;
  readonly attributes: Record<string, unknown>;
  readonly activitySid: string;
  readonly activityName: string;
  readonly available: boolean;
  readonly workspaceSid: string;
  readonly dateCreated: string;
  readonly dateUpdated: string;
}

/** Who a participant is in the sandbox; Twilio itself does not say (Flex learns it from Interactions). */
export type ParticipantRole = 'customer' | 'agent' | 'supervisor' | 'bot';

export interface ParticipantDto {
  readonly sid: string; // MB...
  readonly conversationSid: string;
  readonly identity: string | null;
  /** Conversations participant type: chat for webchat and agents, sms, whatsapp, ... */
  readonly type: 'chat' | 'sms' | 'whatsapp' | 'messenger' | 'gbm' | 'email';
  /** For sms/whatsapp participants: the customer's address (`+1555...`, `whatsapp:+1555...`). */
  readonly address: string | null;
  readonly role: ParticipantRole;
  readonly attributes: Record<string, unknown>;
  readonly dateCreated: string;
  readonly dateUpdated: string;
  readonly lastReadMessageIndex: number | null;
}

export interface MessageDto {
  readonly sid: string; // IM...
  readonly conversationSid: string;
  readonly index: number;
  /** Identity of the author (`system` for messages posted without one), or the address for sms/whatsapp. */
  readonly author: string;
  readonly participantSid: string | null;
  readonly body: string;
  readonly attributes: Record<string, unknown>;
  readonly dateCreated: string;
  readonly dateUpdated: string;
}

export interface ConversationDto {
  readonly sid: string; // CH...
  readonly friendlyName: string;
  readonly uniqueName: string | null;
  readonly attributes: Record<string, unknown>;
  readonly state: 'active' | 'inactive' | 'closed';
  readonly dateCreated: string;
  readonly dateUpdated: string;
  readonly participants: readonly ParticipantDto[];
  /** Index of the newest message, null when there is none. */
  readonly lastMessageIndex: number | null;
  /** The Flex Interaction (KD...) and its channel (UO...) that route this conversation. */
  readonly interactionSid: string;
  readonly interactionChannelSid: string;
}

/**
 * A transfer of an Interactions channel, as the Interactions API lists it (the proxied `GET .../Transfers` Flex makes
 * when it loads a conversation).
 */
export interface TransferDto {
  readonly sid: string; // TR...
  readonly account_sid: string;
  readonly instance_sid: string;
  readonly interaction_sid: string;
  readonly channel_sid: string;
  readonly type: 'cold';
  /** The transferring agent's Interactions participant (UT...). */
  readonly from: string;
  /** The queue (WQ...) it goes to. */
  readonly to: string;
  readonly status: 'active' | 'completed' | 'failed';
  readonly note_sid: null;
  readonly summary_sid: null;
  readonly date_created: string;
  readonly date_updated: string;
}

/** Connection state of a page's Conversations client, as `@twilio/conversations` names it. */
export type ConversationsConnectionState = 'connecting' | 'connected' | 'disconnecting' | 'disconnected' | 'denied';

/** Everything the server pushes to pages. */
export type PushEvent =
  | { readonly type: 'hello'; readonly serverTime: string; readonly connectionState: ConversationsConnectionState }
  | { readonly type: 'reservationCreated'; readonly reservation: ReservationDto }
  | { readonly type: 'reservationUpdated'; readonly reservation: ReservationDto; readonly event: ReservationEventName }
  | { readonly type: 'conversationUpdated'; readonly conversation: ConversationDto }
  | { readonly type: 'conversationRemoved'; readonly conversationSid: string }
  | { readonly type: 'messageAdded'; readonly message: MessageDto }
  | { readonly type: 'participantJoined' | 'participantLeft'; readonly participant: ParticipantDto }
  | { readonly type: 'connectionState'; readonly state: ConversationsConnectionState }
  | { readonly type: 'configurationChanged' }
  /**
   * The agent's Flex started a transfer of this conversation and read its transfers again, as Flex's directory does
   * after `StartChannelTransfer`: the page puts the list into Flex's chat state.
   */
  | { readonly type: 'transfersLoaded'; readonly conversationSid: string; readonly transfers: readonly TransferDto[] }
  /** The agent's TaskRouter connection dropped: no reservation events reach the page until `workerReconnected`. */
  | { readonly type: 'workerDisconnected' }
  /**
   * The TaskRouter connection is back: the worker and the reservations it holds or is offered now (as
   * `GET /sandbox/internal/worker`). The SDK re-initialises from them and emits `ready`, with no event for what changed
   * meanwhile.
   */
  | {
      readonly type: 'workerReconnected';
      readonly worker: WorkerDto;
      readonly reservations: readonly ReservationDto[];
    };

/** A page of messages, oldest first, as `Conversation.getMessages` pages them. */
export interface MessagePageDto {
  readonly items: readonly MessageDto[];
  readonly hasPrevPage: boolean;
  readonly hasNextPage: boolean;
}

/**
 * JSON routes the browser fakes call (all under the page's own origin). While the agent desktop's Conversations
 * connection is `disconnected` (POST /sandbox/connection), the conversations routes answer 503 for the agent and
 * `messageAdded` pushes to agent pages are held back and delivered, in order, when it returns.
 */
export const InternalRoutes = {
  /** GET ?role=agent|customer[&conversationSid=CH...]: the Server-Sent Events stream of PushEvent (one JSON per `data:`). */
  stream: '/sandbox/internal/stream',
  /** GET -> { worker: WorkerDto, reservations: ReservationDto[] } (reservations the agent holds or is offered). */
  worker: '/sandbox/internal/worker',
  /** POST /sandbox/internal/reservations/:sid/:action with action accept|reject|wrap|complete -> ReservationDto. */
  reservationAction: '/sandbox/internal/reservations',
  /** GET -> ConversationDto[]: the conversations the agent is a participant of. */
  conversations: '/sandbox/internal/conversations',
  /** GET /sandbox/internal/conversations/:sid -> ConversationDto. */
  /** GET /sandbox/internal/conversations/:sid/messages?pageSize=&anchor=&direction=backwards|forward -> MessagePageDto. */
  /** POST /sandbox/internal/conversations/:sid/messages { author, body, attributes } -> MessageDto. */
  /**
   * POST /sandbox/internal/tasks/:sid/attributes SetTaskAttributesRequest -> TaskDto (TaskRouter's task update behind
   * `Task.setAttributes`): the attributes are replaced whole, then agent pages get `reservationUpdated` with event
   * `updated` (the SDK's task `updated`). 400 unless `attributes` is a JSON object, 404 for an unknown task.
   */
  tasks: '/sandbox/internal/tasks',
  /** GET /sandbox/internal/queues/:sid -> QueueDto (TaskRouter's queue fetch; Flex names a transfer's target by it). */
  queues: '/sandbox/internal/queues',
} as const;

/** A TaskRouter queue the sandbox knows: the default one, any a chat was routed to, any a transfer went to. */
export interface QueueDto {
  readonly sid: string; // WQ...
  readonly name: string;
}

/** Body of POST /sandbox/internal/tasks/:sid/attributes. */
export interface SetTaskAttributesRequest {
  /** The task's new attributes, whole: they replace the old ones, nothing is merged. */
  readonly attributes: Record<string, unknown>;
}

/** Body of POST /sandbox/internal/conversations/:sid/messages. */
export interface SendMessageRequest {
  readonly author: string;
  readonly body: string;
  readonly attributes?: Record<string, unknown>;
}

/** Identity of the sandbox's one agent. */
export const SANDBOX_AGENT_IDENTITY = 'agent@sandbox.local';
