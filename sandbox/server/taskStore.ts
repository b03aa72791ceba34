import type { ReservationEventName } from '../shared/protocol';
import { notFound, SandboxError } from './errors';
import type { TaskRecord } from './records';
import type { ReservationAction } from './reservationRules';
import { transition } from './reservationRules';
import { newSid } from './sids';

/** TaskRouter for the sandbox's one worker: tasks and the reservation each offers the agent. */
export class TaskStore {
  private readonly bySid = new Map<string, TaskRecord>();

  constructor(private readonly now: () => number) {}

  /**
   * A new task (WT...) for `conversationSid`, routed to queue `queueName` and offered to the agent with a pending
   * reservation (WR...). The task was created `queueWaitMs` before its reservation: how long the customer waited in
   * the queue, as TaskRouter's task `dateCreated` and `age` show while the reservation's `dateCreated` is the offer.
   */
  create(conversationSid: string, attributes: Record<string, unknown>, queueName: string, queueWaitMs = 0): TaskRecord {
    const offeredAt = this.now();
    const reservation = { sid: newSid('WR'), createdAt: offeredAt, updatedAt: offeredAt, status: 'pending' as const };
    const task: TaskRecord = {
      sid: newSid('WT'),
      conversationSid,
      attributes,
      queueName,
      createdAt: offeredAt - queueWaitMs,
      // Reserving the task changes its assignment status: its last update is the offer.
      updatedAt: offeredAt,
      reservation,
    };
    this.bySid.set(task.sid, task);
    return task;
  }

  /** The task `taskSid`; 404 when there is none. */
  get(taskSid: string): TaskRecord {
    const task = this.bySid.get(taskSid);
    if (task === undefined) throw notFound('task', taskSid);
    return task;
  }

  /** The task whose reservation is `reservationSid`; 404 when there is none. */
  byReservation(reservationSid: string): TaskRecord {
    const task = this.all().find((t) => t.reservation.sid === reservationSid);
    if (task === undefined) throw notFound('reservation', reservationSid);
    return task;
  }

  /** The task that routes `conversationSid`. */
  byConversation(conversationSid: string): TaskRecord | undefined {
    return this.all().find((t) => t.conversationSid === conversationSid);
  }

  /** Every task, oldest first. */
  all(): TaskRecord[] {
    return [...this.bySid.values()];
  }

  /** Applies `action` to the task's reservation and returns the event to push; 409 when TaskRouter would refuse. */
  apply(task: TaskRecord, action: ReservationAction): ReservationEventName {
    const result = transition(action, task.reservation.status);
    if (!result.ok) throw new SandboxError(409, `reservation ${task.reservation.sid}: ${result.reason}`);
    task.reservation.status = result.to;
    task.reservation.updatedAt = this.now();
    task.updatedAt = task.reservation.updatedAt;
    return result.event;
  }

  /** Replaces the task's attributes with `attributes` (TaskRouter keeps nothing of the old ones). */
  setAttributes(task: TaskRecord, attributes: Record<string, unknown>): void {
    task.attributes = attributes;
    task.updatedAt = this.now();
  }

  /** Forgets every task. */
  clear(): void {
    this.bySid.clear();
  }
}
