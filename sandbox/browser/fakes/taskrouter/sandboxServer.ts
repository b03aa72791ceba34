/**
 * The TaskRouter fake's only way out of the page: JSON calls to the sandbox server's internal routes and its
 * Server-Sent Events stream (sandbox/shared/protocol.ts). Relative URLs, so they stay on the page's own origin.
 */
import type { PushEvent, ReservationDto, SetTaskAttributesRequest, TaskDto, WorkerDto } from '../../../shared/protocol';
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

/**
 * Opens the agent's event stream. `onOpen` runs on every (re)connection, so the caller can resynchronise state it
 * may have missed while the stream was down. EventSource retries dropped connections itself but gives up for good
 * on an HTTP error; then the stream is reopened after a pause.
 */
export function subscribeToPushes(onEvent: (event: PushEvent) => void, onOpen: () => void): PushSubscription {
  let closed = false;
  let source: EventSource | null = null;
  const open = (): void => {
    source = new EventSource(`${InternalRoutes.stream}?role=agent`);
    source.onopen = onOpen;
    source.onmessage = (message: MessageEvent<string>) => {
      // Typed boundary: each `data:` line is one PushEvent.
      onEvent(JSON.parse(message.data) as PushEvent);
    };
    source.onerror = () => {
      if (source?.readyState === EventSource.CLOSED && !closed) setTimeout(() => closed || open(), REOPEN_DELAY_MS);
    };
  };
  open();
  return {
    close: () => {
      closed = true;
      source?.close();
    },
  };
}
