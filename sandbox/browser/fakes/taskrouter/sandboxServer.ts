/**
 * The TaskRouter fake's only way out of the page: JSON calls to the sandbox server's internal routes and its
 * Server-Sent Events stream (sandbox/shared/protocol.ts). Relative URLs, so they stay on the page's own origin.
 */
import type {
  PushEvent,
  QueueDto,
  ReservationDto,
  SetTaskAttributesRequest,
  TaskDto,
  WorkerDto,
} from '../../../shared/protocol';
import { InternalRoutes } from '../../../shared/protocol';

export type ReservationAction = 'accept' | 'reject' | 'wrap' | 'complete';

export interface WorkerSnapshot {
  readonly worker: WorkerDto;
  readonly reservations: readonly ReservationDto[];
}

async function readJson<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) {
    const detail = await response.text().catch(() => '');
    throw new Error(`${what} failed: HTTP ${response.status} ${detail}`.trim());
  }
  // Typed boundary: the server answers with the protocol's shapes.
  return (await response.json()) as T;
}

/** TaskRouter's queue `queueSid` as the sandbox server knows it; null when it knows no such queue. */
export async function fetchQueue(queueSid: string): Promise<QueueDto | null> {
  const response = await fetch(`${InternalRoutes.queues}/${encodeURIComponent(queueSid)}`);
  // Typed boundary: the sandbox server answers a QueueDto.
  return response.ok ? ((await response.json()) as QueueDto) : null;
}

export async function fetchWorkerSnapshot(): Promise<WorkerSnapshot> {
  const response = await fetch(InternalRoutes.worker, { headers: { accept: 'application/json' } });
  return readJson<WorkerSnapshot>(response, 'GET worker');
}

export async function postReservationAction(
  reservationSid: string,
  action: ReservationAction,
): Promise<ReservationDto> {
  const url = `${InternalRoutes.reservationAction}/${encodeURIComponent(reservationSid)}/${action}`;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return readJson<ReservationDto>(response, `${action} reservation ${reservationSid}`);
}

/** Replaces the task's attributes on the server (TaskRouter's task update); answers the updated task. */
export async function postTaskAttributes(taskSid: string, attributes: object): Promise<TaskDto> {
  const url = `${InternalRoutes.tasks}/${encodeURIComponent(taskSid)}/attributes`;
  // Typed boundary: the server checks that `attributes` is a JSON object and says so when it is not.
  const request = { attributes } as SetTaskAttributesRequest;
  const body = JSON.stringify(request);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return readJson<TaskDto>(response, `set attributes of task ${taskSid}`);
}

export interface PushSubscription {
  close(): void;
}

/** Delay before reopening a stream the browser gave up on (the server restarted, or answered with an error). */
const REOPEN_DELAY_MS = 2000;

interface Subscriber {
  readonly onEvent: (event: PushEvent) => void;
  readonly onOpen: () => void;
}

/** The page's one agent stream, shared by every subscriber: a browser opens at most 6 connections per host. */
let shared: { source: EventSource | null; readonly subscribers: Set<Subscriber> } | null = null;

function openShared(stream: { source: EventSource | null; readonly subscribers: Set<Subscriber> }): void {
  const source = new EventSource(`${InternalRoutes.stream}?role=agent`);
  stream.source = source;
  source.onopen = () => [...stream.subscribers].forEach((subscriber) => subscriber.onOpen());
  source.onmessage = (message: MessageEvent<string>) => {
    // Typed boundary: each `data:` line is one PushEvent.
    const event = JSON.parse(message.data) as PushEvent;
    [...stream.subscribers].forEach((subscriber) => subscriber.onEvent(event));
  };
  source.onerror = () => {
    if (source.readyState !== EventSource.CLOSED) return;
    setTimeout(() => {
      if (shared === stream) openShared(stream);
    }, REOPEN_DELAY_MS);
  };
}

/**
 * Follows the agent's event stream. `onOpen` runs on every (re)connection, so the caller can resynchronise state it
 * may have missed while the stream was down. EventSource retries dropped connections itself but gives up for good
 * on an HTTP error; then the stream is reopened after a pause. Every subscriber of a page shares one connection
 * (two agent pages of one browser would otherwise use up the browser's connections to the sandbox with streams);
 * one joining an open stream is told `onOpen` at once.
 */
export function subscribeToPushes(onEvent: (event: PushEvent) => void, onOpen: () => void): PushSubscription {
  const subscriber: Subscriber = { onEvent, onOpen };
  if (shared === null) {
    shared = { source: null, subscribers: new Set([subscriber]) };
    openShared(shared);
  } else {
    shared.subscribers.add(subscriber);
    if (shared.source?.readyState === EventSource.OPEN) queueMicrotask(onOpen);
  }
  const stream = shared;
  return {
    close: () => {
      stream.subscribers.delete(subscriber);
      if (stream.subscribers.size > 0 || shared !== stream) return;
      shared = null;
      stream.source?.close();
    },
  };
}
