/**
 * The sandbox's stand-in for twilio-taskrouter's `Reservation`. Actions go to the sandbox server; like the real SDK,
 * the HTTP reply only refreshes the fields and the events (accepted, wrapup, completed, ...) come from the server's
 * push, so Flex sees the same sequence it sees against TaskRouter.
 */
import { EventEmitter } from 'events';
import type * as TaskRouter from 'twilio-taskrouter';
import type { ReservationDto, ReservationEventName } from '../../../shared/protocol';
import { planPushedUpdate, planResync, type PlannedEvents } from './reservationEvents';
import { postReservationAction, type ReservationAction } from './sandboxServer';
import type { MethodsOf } from './surface';
import { Task } from './task';

type ReservationData =
  | 'accountSid'
  | 'dateCreated'
  | 'dateUpdated'
  | 'sid'
  | 'status'
  | 'timeout'
  | 'workerSid'
  | 'workspaceSid'
  | 'version';

type ReservationMethods =
  | 'accept'
  | 'complete'
  | 'wrap'
  | 'call'
  | 'conference'
  | 'dequeue'
  | 'redirect'
  | 'reject'
  | 'updateParticipant'
  | 'fetchLatestVersion';

function unsupported(what: string): Promise<never> {
  return Promise.reject(new Error(`${what} is not supported by the sandbox TaskRouter (no voice)`));
}

export class Reservation
  extends EventEmitter
  implements Pick<TaskRouter.Reservation, ReservationData>, MethodsOf<TaskRouter.Reservation, ReservationMethods>
{
  readonly sid: string;
  readonly accountSid: string;
  readonly task: Task;
  readonly version = '0';
  dateCreated = new Date(0);
  dateUpdated = new Date(0);
  status: TaskRouter.Reservation['status'] = 'pending';
  timeout = 0;
  workerSid = '';
  workspaceSid = '';
  /** The last state Flex was told about: events are planned against it, not against silent HTTP refreshes. */
  private announced: ReservationDto;

  constructor(dto: ReservationDto, accountSid: string) {
    super();
    this.sid = dto.sid;
    this.accountSid = accountSid;
    this.announced = dto;
    this.task = new Task(dto.task, (action) => this.act(action));
    this.refresh(dto);
  }

  /** Copies the server's state onto this object and its task without telling anyone (an HTTP reply). */
  refresh(dto: ReservationDto): void {
    this.dateCreated = new Date(dto.dateCreated);
    this.dateUpdated = new Date(dto.dateUpdated);
    this.status = dto.status;
    this.timeout = dto.timeout;
    this.workerSid = dto.workerSid;
    this.workspaceSid = dto.workspaceSid;
    this.task.update(dto.task);
  }

  /** Applies a pushed `reservationUpdated` and emits what the real SDK would; returns the events emitted. */
  applyPush(dto: ReservationDto, event: ReservationEventName): PlannedEvents {
    return this.announce(dto, planPushedUpdate(this.announced.task.assignmentStatus, dto, event));
  }

  /** Applies a state learned from a snapshot after a reconnection; emits only what changed. */
  applySnapshot(dto: ReservationDto): PlannedEvents {
    return this.announce(dto, planResync(this.announced, dto));
  }

  private announce(dto: ReservationDto, planned: PlannedEvents): PlannedEvents {
    this.refresh(dto);
    this.announced = dto;
    // Reservation first, then task: after a final reservation event Flex drops its task listeners, as with TaskRouter.
    if (planned.reservation !== null) this.emit(planned.reservation, this);
    if (planned.task !== null) this.task.emit(planned.task, this.task);
    return planned;
  }

  private async act(action: ReservationAction): Promise<this> {
    this.refresh(await postReservationAction(this.sid, action));
    return this;
  }

  accept(): Promise<this> {
    return this.act('accept');
  }

  reject(_options?: TaskRouter.RejectOptions): Promise<this> {
    return this.act('reject');
  }

  wrap(): Promise<this> {
    return this.act('wrap');
  }

  complete(): Promise<this> {
    return this.act('complete');
  }

  call(_from: string, _url: string, _options?: TaskRouter.CallOptions): Promise<never> {
    return unsupported('Reservation.call');
  }

  conference(_options?: TaskRouter.ConferenceOptions): Promise<never> {
    return unsupported('Reservation.conference');
  }

  dequeue(_options?: TaskRouter.DequeueOptions): Promise<never> {
    return unsupported('Reservation.dequeue');
  }

  redirect(_callSid: string, _url: string, _options?: TaskRouter.RedirectOptions): Promise<never> {
    return unsupported('Reservation.redirect');
  }

  updateParticipant(_options: TaskRouter.ReservationParticipantOptions): Promise<never> {
    return unsupported('Reservation.updateParticipant');
  }

  fetchLatestVersion(): Promise<this> {
    return Promise.resolve(this);
  }
}
