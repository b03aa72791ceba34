import type { ReservationEventName, ReservationStatus, TaskDto } from '../shared/protocol';

/** What can be done to a reservation: the worker's actions plus cancelling its task. */
export type ReservationAction = 'accept' | 'reject' | 'wrap' | 'complete' | 'cancel';

/** The actions the browser fakes may ask for (twilio-taskrouter `Reservation` methods). */
export const WORKER_ACTIONS: readonly ReservationAction[] = ['accept', 'reject', 'wrap', 'complete'];

interface Transition {
  readonly from: readonly ReservationStatus[];
  readonly to: ReservationStatus;
  readonly event: ReservationEventName;
}

// TaskRouter's own rules: only a pending offer can be accepted, rejected or canceled; wrap-up needs an accepted
// reservation; completing is allowed from accepted (skipping wrap-up) or wrapping.
const TRANSITIONS: Readonly<Record<ReservationAction, Transition>> = {
  accept: { from: ['pending'], to: 'accepted', event: 'accepted' },
  reject: { from: ['pending'], to: 'rejected', event: 'rejected' },
  wrap: { from: ['accepted'], to: 'wrapping', event: 'wrapup' },
  complete: { from: ['accepted', 'wrapping'], to: 'completed', event: 'completed' },
  cancel: { from: ['pending'], to: 'canceled', event: 'canceled' },
};

/** The outcome of applying an action to a reservation in `status`. */
export type TransitionResult =
  | { readonly ok: true; readonly to: ReservationStatus; readonly event: ReservationEventName }
  | { readonly ok: false; readonly reason: string };

/** Where `action` takes a reservation in `status`, or why TaskRouter would refuse it. */
export function transition(action: ReservationAction, status: ReservationStatus): TransitionResult {
  const rule = TRANSITIONS[action];
  if (rule.from.includes(status)) return { ok: true, to: rule.to, event: rule.event };
  return { ok: false, reason: `${action} needs a reservation that is ${rule.from.join(' or ')}, not ${status}` };
}

/** Task status as the automation API reports it: what the agent's reservation says about the task. */
export type AutomationTaskStatus = 'pending' | 'accepted' | 'wrapping' | 'completed' | 'canceled';

/** Maps a reservation status to the task status the automation API reports. */
export function automationTaskStatus(status: ReservationStatus): AutomationTaskStatus {
  switch (status) {
    case 'accepted':
    case 'wrapping':
    case 'completed':
    case 'canceled':
    case 'pending':
      return status;
    // Nobody else can take the task: it waits in the queue again.
    case 'rejected':
    case 'timeout':
    case 'rescinded':
      return 'pending';
  }
}

/** TaskRouter's `assignmentStatus` of a task whose (only) reservation is in `status`. */
export function assignmentStatus(status: ReservationStatus): TaskDto['assignmentStatus'] {
  switch (status) {
    case 'pending':
      return 'reserved';
    case 'accepted':
      return 'assigned';
    case 'wrapping':
    case 'completed':
    case 'canceled':
      return status;
    case 'rejected':
    case 'timeout':
    case 'rescinded':
      return 'pending';
  }
}
