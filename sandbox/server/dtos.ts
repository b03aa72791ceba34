import type {
  ConversationDto,
  MessageDto,
  ParticipantDto,
  ReservationDto,
  TaskDto,
  WorkerDto,
} from '../shared/protocol';
import type { ActivityDto } from './protocolAdditions';
import type { ConversationRecord, MessageRecord, ParticipantRecord, TaskRecord } from './records';
import { assignmentStatus } from './reservationRules';
import { queueSidFor, SANDBOX_ACCOUNT } from './sandboxAccount';

// Converters from the world's records to the wire shapes of sandbox/shared/protocol.ts. Times become ISO strings.

const iso = (ms: number): string => new Date(ms).toISOString();

/** How long a pending reservation would wait for the agent (TaskRouter's default, seconds). */
const RESERVATION_TIMEOUT_SEC = 120;
/** How long a task may live (TaskRouter's default, seconds). */
export const TASK_TIMEOUT_SEC = 86_400;

/** The wire shape of a participant. */
export function toParticipantDto(participant: ParticipantRecord): ParticipantDto {
  return {
    sid: participant.sid,
    conversationSid: participant.conversationSid,
    identity: participant.identity,
    type: participant.type,
    address: participant.address,
    role: participant.role,
    attributes: participant.attributes,
    dateCreated: iso(participant.createdAt),
    dateUpdated: iso(participant.updatedAt),
    lastReadMessageIndex: participant.lastReadMessageIndex,
  };
}

/** The wire shape of a message. */
export function toMessageDto(message: MessageRecord): MessageDto {
  return {
    sid: message.sid,
    conversationSid: message.conversationSid,
    index: message.index,
    author: message.author,
    participantSid: message.participantSid,
    body: message.body,
    attributes: message.attributes,
    dateCreated: iso(message.createdAt),
    dateUpdated: iso(message.createdAt),
  };
}

/** The wire shape of a conversation, with its current participants. */
export function toConversationDto(conversation: ConversationRecord): ConversationDto {
  const last = conversation.messages[conversation.messages.length - 1];
  return {
    sid: conversation.sid,
    friendlyName: conversation.friendlyName,
    uniqueName: null,
    attributes: {},
    state: conversation.state,
    dateCreated: iso(conversation.createdAt),
    dateUpdated: iso(conversation.updatedAt),
    participants: conversation.participants.filter((p) => p.leftAt === null).map(toParticipantDto),
    lastMessageIndex: last === undefined ? null : last.index,
    interactionSid: conversation.interactionSid,
    interactionChannelSid: conversation.interactionChannelSid,
  };
}

/** The wire shape of a task at time `now` (its age grows). */
export function toTaskDto(task: TaskRecord, now: number): TaskDto {
  return {
    sid: task.sid,
    attributes: task.attributes,
    assignmentStatus: assignmentStatus(task.reservation.status),
    age: Math.max(0, Math.floor((now - task.createdAt) / 1000)),
    priority: 0,
    queueName: task.queueName,
    queueSid: queueSidFor(task.queueName),
    taskChannelSid: SANDBOX_ACCOUNT.chatTaskChannelSid,
    // Flex Conversations routes web, SMS and WhatsApp alike on the chat task channel; channelType tells them apart.
    taskChannelUniqueName: 'chat',
    workflowName: SANDBOX_ACCOUNT.workflowName,
    workflowSid: SANDBOX_ACCOUNT.workflowSid,
    reason: null,
    timeout: TASK_TIMEOUT_SEC,
    dateCreated: iso(task.createdAt),
    dateUpdated: iso(task.updatedAt),
  };
}

/** The wire shape of a task's reservation, with the task inside as twilio-taskrouter nests it. */
export function toReservationDto(task: TaskRecord, now: number): ReservationDto {
  return {
    sid: task.reservation.sid,
    status: task.reservation.status,
    workerSid: SANDBOX_ACCOUNT.workerSid,
    workspaceSid: SANDBOX_ACCOUNT.workspaceSid,
    timeout: RESERVATION_TIMEOUT_SEC,
    dateCreated: iso(task.reservation.createdAt),
    dateUpdated: iso(task.reservation.updatedAt),
    task: toTaskDto(task, now),
  };
}

/** The sandbox's one worker, in `activity` since `updatedAt`. */
export function workerDto(createdAt: number, updatedAt: number, activity: ActivityDto): WorkerDto {
  const identity = SANDBOX_ACCOUNT.agentIdentity;
  return {
    sid: SANDBOX_ACCOUNT.workerSid,
    friendlyName: SANDBOX_ACCOUNT.workerFriendlyName,
    identity,
    // The attributes Flex writes for its users: contact_uri and full_name are what its UI reads.
    attributes: {
      contact_uri: `client:${identity}`,
      full_name: SANDBOX_ACCOUNT.workerFriendlyName,
      email: identity,
      image_url: '',
      roles: ['agent'],
      routing: { skills: [], levels: {} },
    },
    activitySid: activity.sid,
    activityName: activity.name,
    available: activity.available,
    workspaceSid: SANDBOX_ACCOUNT.workspaceSid,
    dateCreated: iso(createdAt),
    dateUpdated: iso(updatedAt),
  };
}
