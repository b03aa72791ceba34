import type { ParticipantDto, ParticipantRole, ReservationStatus } from '../shared/protocol';

/** Channel types a sandbox conversation can have (`task.attributes.channelType`). */
export type ChannelType = 'web' | 'sms' | 'whatsapp';

/** Every channel type, for validation messages. */
export const CHANNEL_TYPES: readonly ChannelType[] = ['web', 'sms', 'whatsapp'];

/** A Conversations participant, plus the Interactions participant (UT...) that represents it. */
export interface ParticipantRecord {
  readonly sid: string;
  readonly conversationSid: string;
  readonly identity: string | null;
  readonly address: string | null;
  readonly type: ParticipantDto['type'];
  readonly role: ParticipantRole;
  readonly interactionParticipantSid: string;
  readonly attributes: Record<string, unknown>;
  readonly createdAt: number;
  updatedAt: number;
  /** The newest message index the participant has read (Conversations' read horizon). */
  lastReadMessageIndex: number | null;
  /** When the participant left; kept so that earlier messages still say who wrote them. */
  leftAt: number | null;
}

/** One message; times are epoch milliseconds. */
export interface MessageRecord {
  readonly sid: string;
  readonly conversationSid: string;
  readonly index: number;
  readonly author: string;
  readonly participantSid: string | null;
  readonly body: string;
  readonly attributes: Record<string, unknown>;
  readonly createdAt: number;
}

/** A conversation with its Flex Interaction; `participants` and `messages` grow in place. */
export interface ConversationRecord {
  readonly sid: string;
  readonly friendlyName: string;
  readonly channelType: ChannelType;
  readonly interactionSid: string;
  readonly interactionChannelSid: string;
  /** The channel invite (KG...) Flex accepts or declines for the agent: `task.attributes.flexChannelInviteSid`. */
  readonly inviteSid: string;
  readonly createdAt: number;
  updatedAt: number;
  state: 'active' | 'inactive' | 'closed';
  /** Everyone who ever joined, including those who left (see `leftAt`). */
  readonly participants: ParticipantRecord[];
  readonly messages: MessageRecord[];
}

/** The reservation offered to the sandbox's one worker for a task. */
export interface ReservationRecord {
  readonly sid: string;
  readonly createdAt: number;
  updatedAt: number;
  status: ReservationStatus;
}

/** A TaskRouter task; the sandbox has one worker, so each task has exactly one reservation. */
export interface TaskRecord {
  readonly sid: string;
  readonly conversationSid: string;
  /** Replaced as a whole by `Task.setAttributes`, as TaskRouter's task update does. */
  attributes: Record<string, unknown>;
  /** The TaskRouter queue (friendly name) the workflow routed the task to. */
  readonly queueName: string;
  readonly createdAt: number;
  /** Last change of the task itself: its attributes or its assignment status. */
  updatedAt: number;
  readonly reservation: ReservationRecord;
}
