/**
 * Which SDK events a change of a reservation produces, decided from data alone (no objects, no emitting), so the
 * SSE path and the resynchronisation path agree on what Flex gets told.
 */
import type { ReservationDto, ReservationEventName, ReservationStatus, TaskDto } from '../../../shared/protocol';
import type { TaskEventName } from './task';

/** Reservation events of twilio-taskrouter (`updated` is a task-level event there). */
export type ReservationSdkEvent = Exclude<ReservationEventName, 'updated'>;

export interface PlannedEvents {
  readonly reservation: ReservationSdkEvent | null;
  readonly task: TaskEventName | null;
}

const EVENT_OF_STATUS: Record<ReservationStatus, ReservationSdkEvent | null> = {
  pending: null,
  accepted: 'accepted',
  rejected: 'rejected',
  timeout: 'timeout',
  canceled: 'canceled',
  rescinded: 'rescinded',
  wrapping: 'wrapup',
  completed: 'completed',
};

/** Statuses after which the SDK forgets the reservation (it leaves `worker.reservations`). */
export const FINAL_STATUSES: ReadonlySet<ReservationStatus> = new Set([
  'rejected',
  'timeout',
  'canceled',
  'rescinded',
  'completed',
]);

function taskEventFor(previous: TaskDto['assignmentStatus'] | null, next: TaskDto): TaskEventName | null {
  if (previous === next.assignmentStatus) return null;
  switch (next.assignmentStatus) {
    case 'wrapping':
      return 'wrapup';
    case 'completed':
      return 'completed';
    case 'canceled':
      return 'canceled';
    case 'pending':
    case 'reserved':
    case 'assigned':
      return null;
  }
}

/** Events for a pushed `reservationUpdated`: the server names the reservation event; the task event follows its status. */
export function planPushedUpdate(
  previousTaskStatus: TaskDto['assignmentStatus'],
  next: ReservationDto,
  event: ReservationEventName,
): PlannedEvents {
  const taskEvent = taskEventFor(previousTaskStatus, next.task);
  return {
    reservation: event === 'updated' ? null : event,
    task: taskEvent ?? (event === 'updated' ? 'updated' : null),
  };
}

/** Events for a reservation whose new state was learned from a snapshot (after the stream reconnected). */
export function planResync(previous: ReservationDto, next: ReservationDto): PlannedEvents {
  const reservationEvent = previous.status === next.status ? null : EVENT_OF_STATUS[next.status];
  const taskEvent = taskEventFor(previous.task.assignmentStatus, next.task);
  const attributesChanged = JSON.stringify(previous.task.attributes) !== JSON.stringify(next.task.attributes);
  return { reservation: reservationEvent, task: taskEvent ?? (attributesChanged ? 'updated' : null) };
}
