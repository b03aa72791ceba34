/// <reference types="node" />
import { clearTimeout, setTimeout } from 'timers';

import type { ReservationDto, WorkerDto } from '../shared/protocol';
import { SandboxError } from './errors';
import type { PushSink } from './push';
import { AGENT_ONLY } from './push';

/** Longest offline window accepted: far beyond any test's patience, short enough that a typo cannot last hours. */
export const MAX_WORKER_OFFLINE_MS = 600_000;

/** What POST /sandbox/worker/reconnect answers. */
export interface WorkerReconnect {
  readonly offlineMs: number;
  /** When the pages' Worker gets `workerReconnected` (and so emits `ready`), ISO-8601. */
  readonly reconnectAt: string;
}

/** The worker and its current reservations, as `workerReconnected` carries them. */
export interface WorkerSnapshotDto {
  readonly worker: WorkerDto;
  readonly reservations: readonly ReservationDto[];
}

export interface WorkerConnectionOptions {
  readonly push: PushSink;
  readonly now: () => number;
  /** The worker and the reservations it holds or is offered at the moment of reconnecting. */
  readonly snapshot: () => WorkerSnapshotDto;
}

/**
 * The agent pages' TaskRouter connection, dropped on request (POST /sandbox/worker/reconnect). `reconnect(offlineMs)`
 * pushes `workerDisconnected`; from then on the event hub drops reservation events for agent pages (a closed socket
 * loses them, nothing is replayed) until, `offlineMs` later, `workerReconnected` carries the worker's reservations as
 * they are then. The page's Worker rebuilds `worker.reservations` from it and emits `ready`, as twilio-taskrouter does
 * when its socket comes back.
 */
export class WorkerConnection {
  private offline: { readonly until: number; readonly timer: NodeJS.Timeout | null } | null = null;

  constructor(private readonly options: WorkerConnectionOptions) {}

  /** Whether the connection is down, and until when (epoch ms). */
  get offlineUntil(): number | null {
    return this.offline?.until ?? null;
  }

  /** Drops the connection for `offlineMs` (0: reconnects at once); 409 while it is already down. */
  reconnect(offlineMs: number): WorkerReconnect {
    if (this.offline !== null) {
      const until = new Date(this.offline.until).toISOString();
      throw new SandboxError(409, `the worker is already offline; it reconnects at ${until}`);
    }
    const until = this.options.now() + offlineMs;
    this.options.push({ type: 'workerDisconnected' }, AGENT_ONLY);
    if (offlineMs === 0) {
      this.connect();
    } else {
      const timer = setTimeout(() => this.connect(), offlineMs);
      // An offline window must never keep the process (or a test run) alive on its own.
      timer.unref();
      this.offline = { until, timer };
    }
    return { offlineMs, reconnectAt: new Date(until).toISOString() };
  }

  /** Reconnects at once if the connection is down (a reset): the pages hear `workerReconnected` now. */
  connectNow(): void {
    if (this.offline !== null) this.connect();
  }

  /** Forgets a pending reconnection without pushing anything (the server is closing). */
  stop(): void {
    if (this.offline?.timer) clearTimeout(this.offline.timer);
    this.offline = null;
  }

  private connect(): void {
    this.stop();
    const { worker, reservations } = this.options.snapshot();
    this.options.push({ type: 'workerReconnected', worker, reservations }, AGENT_ONLY);
  }
}
