import type { ITask } from '@twilio/flex-ui';

import { isRecord } from '../core/isRecord';
import { conversationSidOf } from './taskConversation';

/**
 * The fields of a Flex task the plugin reads. In Flex UI 2's task, `dateCreated` and `dateUpdated` are its
 * reservation's, `age` is its TaskRouter task's, and `sourceObject` is the twilio-taskrouter Reservation.
 */
export type TaskLike = Pick<ITask, 'sid' | 'taskSid' | 'status' | 'attributes' | 'taskChannelUniqueName'> &
  Partial<Pick<ITask, 'dateUpdated' | 'dateCreated' | 'age' | 'queueName'>> & {
    /** Typed `any` by Flex: read as unknown, through checks, so nothing untyped leaks past this boundary. */
    readonly sourceObject?: unknown;
  };

/**
 * Twilio's time when this task snapshot was taken: the TaskRouter task's own `dateCreated` plus the `age` TaskRouter
 * computed when it sent the task (whole seconds). Each snapshot Flex hands over was taken moments before, at page load
 * or with the event that carries it, so it tells how far this PC's clock is from Twilio's.
 *
 * Both are read from the reservation's task (`sourceObject.task`): Flex's own `dateCreated` is the reservation's,
 * while its `age` is the task's, so their sum would run ahead of Twilio by the chat's queue wait. Null when the
 * snapshot does not carry the task's creation time and age (other task kinds, stripped-down hosts): no bound at all
 * is safer than a bound that could make a chat close early.
 */
export function snapshotServerTime(task: TaskLike): number | null {
  // Flex types `sourceObject` as any; it is the twilio-taskrouter Reservation, whose `task` is the SDK's Task.
  const reservation = task.sourceObject;
  const sdkTask = isRecord(reservation) && isRecord(reservation.task) ? reservation.task : {};
  const { dateCreated, age } = sdkTask;
  const created = dateCreated instanceof Date ? dateCreated.getTime() : NaN;
  if (!Number.isFinite(created) || typeof age !== 'number' || !Number.isFinite(age)) return null;
  return created + age * 1_000;
}

/** Whether the agent holds `task` accepted: the only state in which a chat is timed. */
export function isAccepted(task: TaskLike): boolean {
  return task.status === 'accepted';
}

/** What the plugin needs to know about a messaging task. */
export interface MessagingTaskFacts {
  /** Reservation sid (WR...): the key of `state.flex.worker.tasks` and what `WrapupTask` takes. */
  readonly reservationSid: string;
  readonly taskSid: string;
  readonly conversationSid: string;
  /** `attributes.channelType` (web, sms, whatsapp, ...), else the task channel's unique name. */
  readonly channelType: string;
  /** The TaskRouter queue the task came through, which may have its own settings; absent when Flex does not say. */
  readonly queueName?: string | undefined;
  readonly customerName: string | undefined;
  /** The Interactions channel (UO...) whose participants tell the customer apart; absent on legacy tasks. */
  readonly interactionChannelSid: string | undefined;
  /** Addresses the customer writes from (identity, phone number, whatsapp:+...), for when participants are unknown. */
  readonly customerAddresses: readonly string[];
}

function stringAttribute(attributes: Record<string, unknown>, key: string): string | undefined {
  const value = attributes[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Channels where `from` is a person's display name rather than a phone number or address. */
const NAME_IN_FROM = new Set(['web', 'chat']);

function customerNameOf(attributes: Record<string, unknown>, channelType: string): string | undefined {
  const name = stringAttribute(attributes, 'customerName') ?? stringAttribute(attributes, 'name');
  if (name !== undefined) return name;
  return NAME_IN_FROM.has(channelType) ? stringAttribute(attributes, 'from') : undefined;
}

/**
 * The facts of a Conversations-based messaging task, or null for tasks this plugin does not time (voice, tasks
 * without a conversation). Reads the attributes defensively: they are whatever the task's creator wrote.
 */
export function messagingTaskFacts(task: TaskLike): MessagingTaskFacts | null {
  const attributes = isRecord(task.attributes) ? task.attributes : {};
  const conversationSid = conversationSidOf(task);
  if (conversationSid === undefined) return null;
  const channelType = stringAttribute(attributes, 'channelType') ?? task.taskChannelUniqueName ?? 'chat';
  const addresses = ['customerAddress', 'from'].map((key) => stringAttribute(attributes, key));
  return {
    reservationSid: task.sid,
    taskSid: task.taskSid,
    conversationSid,
    channelType,
    queueName: task.queueName,
    customerName: customerNameOf(attributes, channelType),
    interactionChannelSid: stringAttribute(attributes, 'flexInteractionChannelSid'),
    customerAddresses: addresses.filter((address): address is string => address !== undefined),
  };
}
