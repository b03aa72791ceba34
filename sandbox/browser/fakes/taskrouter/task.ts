/**
 * The sandbox's stand-in for twilio-taskrouter's `Task`: the task a reservation offers, kept up to date in place from
 * the server's TaskDto, as the real SDK updates its Task objects from TaskRouter events.
 */
import { EventEmitter } from 'events';
import type * as TaskRouter from 'twilio-taskrouter';
import type { TaskDto } from '../../../shared/protocol';
import { postTaskAttributes, type ReservationAction } from './sandboxServer';
import type { MethodsOf } from './surface';

type TaskData =
  | 'addOns'
  | 'age'
  | 'attributes'
  | 'dateCreated'
  | 'dateUpdated'
  | 'priority'
  | 'queueName'
  | 'queueSid'
  | 'reason'
  | 'sid'
  | 'status'
  | 'taskChannelSid'
  | 'taskChannelUniqueName'
  | 'timeout'
  | 'transfers'
  | 'workflowName'
  | 'workflowSid'
  | 'routingTarget'
  | 'version'
  | 'virtualStartTime';

type TaskMethods =
  | 'complete'
  | 'hold'
  | 'kick'
  | 'setAttributes'
  | 'setVirtualStartTime'
  | 'transfer'
  | 'wrapUp'
  | 'updateParticipant'
  | 'fetchLatestVersion';

/** Task events the fake emits (twilio-taskrouter `TaskEvents`, plus `participantAdded` which Flex also listens to). */
export type TaskEventName = 'canceled' | 'completed' | 'updated' | 'wrapup';

/** lodash's `isObject`, the SDK's check of `setAttributes`' argument. */
function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function unsupported(what: string): Promise<never> {
  return Promise.reject(new Error(`${what} is not supported by the sandbox TaskRouter`));
}

export class Task
  extends EventEmitter
  implements Pick<TaskRouter.Task, TaskData>, MethodsOf<TaskRouter.Task, TaskMethods>
{
  readonly addOns: object = {};
  readonly sid: string;
  readonly transfers: TaskRouter.Transfers = { incoming: null, outgoing: null };
  readonly routingTarget: string = '';
  age = 0;
  attributes: Record<string, unknown> = {};
  dateCreated = new Date(0);
  dateUpdated = new Date(0);
  priority = 0;
  queueName = '';
  queueSid = '';
  reason = '';
  status: TaskRouter.Task['status'] = 'pending';
  taskChannelSid = '';
  taskChannelUniqueName = '';
  timeout = 0;
  workflowName = '';
  workflowSid = '';
  version = '0';
  virtualStartTime = new Date(0);

  /** `act` runs a reservation action for this task (the sandbox routes task-level wrap-up/complete through it). */
  constructor(
    dto: TaskDto,
    private readonly act: (action: ReservationAction) => Promise<unknown>,
  ) {
    super();
    this.sid = dto.sid;
    this.update(dto);
  }

  /** Copies the server's view of the task onto this object (the SDK mutates its objects; Flex re-reads them). */
  update(dto: TaskDto): void {
    this.age = dto.age;
    this.attributes = dto.attributes;
    this.dateCreated = new Date(dto.dateCreated);
    this.dateUpdated = new Date(dto.dateUpdated);
    this.priority = dto.priority;
    this.queueName = dto.queueName;
    this.queueSid = dto.queueSid;
    this.reason = dto.reason ?? '';
    this.status = dto.assignmentStatus;
    this.taskChannelSid = dto.taskChannelSid;
    this.taskChannelUniqueName = dto.taskChannelUniqueName;
    this.timeout = dto.timeout;
    this.workflowName = dto.workflowName;
    this.workflowSid = dto.workflowSid;
    this.virtualStartTime = this.dateCreated;
  }

  async wrapUp(_options: TaskRouter.WrappingOptions): Promise<this> {
    await this.act('wrap');
    return this;
  }

  async complete(_reason: string): Promise<this> {
    await this.act('complete');
    return this;
  }

  /**
   * Replaces the task's attributes with `attributes` on the server and resolves with this task, refreshed from the
   * reply, as the SDK does; the `updated` event comes from the server's push, as the SDK's from TaskRouter's socket.
   * Like the SDK it throws at once (not a rejection) for a non-object; arrays, which the SDK lets through, are
   * refused by the server (a rejection).
   */
  setAttributes(attributes: object): Promise<this> {
    if (!isObject(attributes)) {
      throw new TypeError('Unable to set attributes on Task. <object>attributes is a required parameter.');
    }
    return this.saveAttributes(attributes);
  }

  private async saveAttributes(attributes: object): Promise<this> {
    this.update(await postTaskAttributes(this.sid, attributes));
    return this;
  }

  hold(_targetWorkerSid: string, _onHold: boolean, _options?: TaskRouter.TaskHoldOptions): Promise<never> {
    return unsupported('Task.hold');
  }

  kick(_workerSid: string): Promise<never> {
    return unsupported('Task.kick');
  }

  setVirtualStartTime(_date: Date): Promise<never> {
    return unsupported('Task.setVirtualStartTime');
  }

  transfer(_to: string, _options: TaskRouter.TransferOptions): Promise<never> {
    return unsupported('Task.transfer');
  }

  updateParticipant(_options: TaskRouter.TaskParticipantOptions): Promise<never> {
    return unsupported('Task.updateParticipant');
  }

  fetchLatestVersion(): Promise<this> {
    return Promise.resolve(this);
  }
}
