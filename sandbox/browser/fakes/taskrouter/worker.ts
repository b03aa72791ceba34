/**
 * The sandbox's stand-in for twilio-taskrouter's `Worker`: the agent's worker as the sandbox server describes it.
 * It connects like the SDK does (asynchronously after construction, then `ready`), turns the server's pushes into
 * `reservationCreated` and reservation/task events, and resynchronises from a snapshot when the stream reconnects.
 * When the server drops its TaskRouter connection (`workerDisconnected` ... `workerReconnected`, POST
 * /sandbox/worker/reconnect) it behaves as the SDK after its socket comes back: `disconnected`, then `reservations`
 * rebuilt from the server's current ones and `ready` again, with no event for what changed meanwhile.
 */
import { EventEmitter } from 'events';
import type * as TaskRouter from 'twilio-taskrouter';
import type { PushEvent, ReservationDto, WorkerDto } from '../../../shared/protocol';
import { Activity, buildActivities } from './activity';
import { Reservation } from './reservation';
import { FINAL_STATUSES } from './reservationEvents';
import { fetchWorkerSnapshot, subscribeToPushes, type PushSubscription, type WorkerSnapshot } from './sandboxServer';
import type { MethodsOf } from './surface';
import { readTokenClaims } from './tokenClaims';

type WorkerData =
  | 'accountSid'
  | 'activities'
  | 'activity'
  | 'activitySid'
  | 'available'
  | 'attributes'
  | 'channels'
  | 'connectActivitySid'
  | 'dateCreated'
  | 'dateStatusChanged'
  | 'dateUpdated'
  | 'disconnectActivitySid'
  | 'name'
  | 'reservations'
  | 'sid'
  | 'workspaceSid'
  | 'workerSid'
  | 'workerActivitySid'
  | 'dateActivityChanged'
  | 'friendlyName'
  | 'version';

type WorkerMethods = 'createTask' | 'setAttributes' | 'fetchLatestVersion';

/** Fields of the real Worker whose types mention the real Activity/Reservation classes: the fakes stand in for those. */
type WorkerDataFaked = Omit<Pick<TaskRouter.Worker, WorkerData>, 'activities' | 'activity' | 'reservations'> & {
  readonly activities: Map<string, Activity>;
  readonly activity: Activity;
  readonly reservations: Map<string, Reservation>;
};

/** When a reservation or its task last changed (an attribute change moves only the task's `dateUpdated`). */
function changedAt(dto: ReservationDto): number {
  return Math.max(Date.parse(dto.dateUpdated), Date.parse(dto.task.dateUpdated));
}

export class Worker
  extends EventEmitter
  implements
    WorkerDataFaked,
    MethodsOf<TaskRouter.Worker, WorkerMethods>,
    Pick<TaskRouter.Worker, 'updateToken' | 'disconnect'>
{
  readonly accountSid: string;
  readonly channels = new Map<string, TaskRouter.Channel>();
  readonly reservations = new Map<string, Reservation>();
  readonly connectActivitySid = '';
  readonly disconnectActivitySid = '';
  version = '0';
  sid = '';
  workerSid = '';
  name = '';
  friendlyName = '';
  workspaceSid = '';
  attributes: Record<string, unknown> = {};
  activities = new Map<string, Activity>();
  activity: Activity;
  activitySid = '';
  workerActivitySid = '';
  available = false;
  dateCreated = new Date(0);
  dateUpdated = new Date(0);
  dateStatusChanged = new Date(0);
  dateActivityChanged = new Date(0);

  private ready = false;
  /** Between `workerDisconnected` and `workerReconnected`: the server sends no reservation events meanwhile. */
  private offline = false;
  /** Pushes that arrived before the first snapshot was applied. */
  private early: PushEvent[] = [];
  private subscription: PushSubscription | null = null;

  constructor(token: string, _options?: TaskRouter.WorkerOptions) {
    super();
    this.accountSid = readTokenClaims(token).accountSid;
    this.activity = new Activity('', 'Offline', false, this.accountSid, '', () => undefined);
    // The SDK connects after the constructor returns: Flex subscribes to `ready`/`error` first.
    queueMicrotask(() => this.connect());
  }

  private connect(): void {
    this.subscription = subscribeToPushes(
      (event) => (this.ready ? this.onPush(event) : this.early.push(event)),
      () => void this.onStreamOpen(),
    );
  }

  private async onStreamOpen(): Promise<void> {
    // While TaskRouter is down nothing may be announced: `workerReconnected` brings the state when it returns.
    if (this.ready && this.offline) return;
    try {
      const snapshot = await fetchWorkerSnapshot();
      if (this.ready) this.resync(snapshot);
      else this.start(snapshot);
    } catch (error) {
      // Before `ready` Flex gives up on this worker on `error` (and later builds a new one): leave no stream behind.
      if (!this.ready) this.closeStream();
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** First contact: take the snapshot silently, say `ready`, then replay what was pushed meanwhile. */
  private start(snapshot: WorkerSnapshot): void {
    this.applyWorker(snapshot.worker);
    this.activities = buildActivities(snapshot.worker, this.accountSid, (activity) => this.makeCurrent(activity));
    this.setActivity(this.activities.get(snapshot.worker.activitySid) ?? this.activity);
    for (const dto of snapshot.reservations) {
      if (!FINAL_STATUSES.has(dto.status)) this.reservations.set(dto.sid, new Reservation(dto, this.accountSid));
    }
    this.ready = true;
    this.emit('ready', this);
    const snapshotTimes = new Map(snapshot.reservations.map((dto) => [dto.sid, changedAt(dto)]));
    for (const event of this.early.splice(0)) {
      const known = 'reservation' in event ? snapshotTimes.get(event.reservation.sid) : undefined;
      // Skip pushes the snapshot already contains.
      if (known === undefined || !('reservation' in event) || changedAt(event.reservation) > known) {
        this.onPush(event);
      }
    }
  }

  private resync(snapshot: WorkerSnapshot): void {
    const attributesBefore = JSON.stringify(this.attributes);
    this.applyWorker(snapshot.worker);
    if (JSON.stringify(this.attributes) !== attributesBefore) this.emit('attributesUpdated', this);
    for (const dto of snapshot.reservations) this.receive(dto, null);
    const current = new Set(snapshot.reservations.map((dto) => dto.sid));
    const vanished = [...this.reservations.keys()].filter((sid) => !current.has(sid));
    // The protocol does not say how they ended (the server may have restarted): they stay until Flex is reloaded.
    if (vanished.length > 0)
      console.warn(`[sandbox] reservations unknown to the server after reconnecting: ${vanished.join(', ')}`);
  }

  private onPush(event: PushEvent): void {
    switch (event.type) {
      case 'reservationCreated':
        this.receive(event.reservation, null);
        return;
      case 'reservationUpdated':
        this.receive(event.reservation, event.event);
        return;
      case 'workerDisconnected':
        this.offline = true;
        // The SDK's payload when its socket stops answering.
        this.emit('disconnected', { message: 'Connection lost' });
        return;
      case 'workerReconnected':
        this.reinitialize(event);
        return;
      case 'hello':
      case 'conversationUpdated':
      case 'conversationRemoved':
      case 'messageAdded':
      case 'participantJoined':
      case 'participantLeft':
      case 'connectionState':
      case 'configurationChanged':
      case 'transfersLoaded':
        return; // Conversations, configuration and Flex's transfer list are not TaskRouter's business.
    }
  }

  /**
   * The TaskRouter connection is back. Like the SDK's re-initialisation (it clears its reservation map, fetches the
   * active reservations as new objects and emits `ready`): the worker's fields are re-read, `reservations` holds only
   * the server's current open reservations, as new objects, and nothing is emitted for reservations created, changed
   * or ended while the connection was down. The page's activity stays as it is (protocolNeeds.md).
   */
  private reinitialize(snapshot: {
    readonly worker: WorkerDto;
    readonly reservations: readonly ReservationDto[];
  }): void {
    this.offline = false;
    this.applyWorker(snapshot.worker);
    this.reservations.clear();
    for (const dto of snapshot.reservations) {
      if (!FINAL_STATUSES.has(dto.status)) this.reservations.set(dto.sid, new Reservation(dto, this.accountSid));
    }
    this.emit('ready', this);
  }

  /** A reservation's new state, from a push (`event` set) or a snapshot/creation (`event` null). */
  private receive(dto: ReservationDto, event: Parameters<Reservation['applyPush']>[1] | null): void {
    const existing = this.reservations.get(dto.sid);
    if (existing === undefined) {
      if (FINAL_STATUSES.has(dto.status)) return;
      const reservation = new Reservation(dto, this.accountSid);
      this.reservations.set(dto.sid, reservation);
      this.emit('reservationCreated', reservation);
      return;
    }
    if (event === null) existing.applySnapshot(dto);
    else existing.applyPush(dto, event);
    if (FINAL_STATUSES.has(dto.status)) this.reservations.delete(dto.sid);
  }

  /** The worker's own fields; its activity is the page's business once started (protocolNeeds.md). */
  private applyWorker(dto: WorkerDto): void {
    this.sid = dto.sid;
    this.workerSid = dto.sid;
    this.name = dto.friendlyName;
    this.friendlyName = dto.friendlyName;
    this.workspaceSid = dto.workspaceSid;
    this.attributes = dto.attributes;
    this.dateCreated = new Date(dto.dateCreated);
    this.dateUpdated = new Date(dto.dateUpdated);
  }

  private setActivity(activity: Activity): void {
    for (const each of this.activities.values()) each.isCurrent = each === activity;
    this.activity = activity;
    this.activitySid = activity.sid;
    this.workerActivitySid = activity.sid;
    this.available = activity.available;
    this.dateStatusChanged = new Date();
    this.dateActivityChanged = this.dateStatusChanged;
  }

  /** Activity changes stay in the page: the protocol has no route for them yet (protocolNeeds.md). */
  private makeCurrent(activity: Activity): void {
    this.setActivity(activity);
    this.emit('activityUpdated', this);
  }

  /** Attribute changes stay in the page: the protocol has no route for them yet (protocolNeeds.md). */
  setAttributes(attributes: Record<string, unknown>): Promise<this> {
    this.attributes = attributes;
    this.emit('attributesUpdated', this);
    return Promise.resolve(this);
  }

  createTask(
    _to: string,
    _from: string,
    _workflowSid: string,
    _taskQueueSid: string,
    _options?: TaskRouter.TaskOptions,
  ): Promise<never> {
    return Promise.reject(new Error('Worker.createTask is not supported by the sandbox TaskRouter'));
  }

  updateToken(_newToken: string): void {
    this.emit('tokenUpdated');
  }

  fetchLatestVersion(): Promise<this> {
    return Promise.resolve(this);
  }

  disconnect(): void {
    this.closeStream();
    this.emit('disconnected', this);
  }

  private closeStream(): void {
    this.subscription?.close();
    this.subscription = null;
  }
}
