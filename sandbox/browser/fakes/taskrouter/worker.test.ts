import type { PushEvent, ReservationDto, ReservationStatus, TaskDto, WorkerDto } from '../../../shared/protocol';
import type { Reservation } from './reservation';
import type { WorkerSnapshot } from './sandboxServer';
import { Worker } from './worker';

// The worker's only way out of the page, replaced: the test is the mockServer.
const mockServer = {
  snapshot: { worker: workerDto(), reservations: [] } as WorkerSnapshot,
  onEvent: (_event: PushEvent): void => undefined,
  onOpen: (): void => undefined,
};
jest.mock('./sandboxServer', () => ({
  fetchWorkerSnapshot: () => Promise.resolve(mockServer.snapshot),
  postReservationAction: () => Promise.reject(new Error('not in this test')),
  subscribeToPushes: (onEvent: (event: PushEvent) => void, onOpen: () => void) => {
    mockServer.onEvent = onEvent;
    mockServer.onOpen = onOpen;
    return { close: () => undefined };
  },
}));

function workerDto(): WorkerDto {
  return {
    sid: 'WK1',
    friendlyName: 'Agent',
    identity: 'agent@sandbox.local',
    attributes: { full_name: 'Agent' },
    activitySid: 'WA1',
    activityName: 'Available',
    available: true,
    workspaceSid: 'WS1',
    dateCreated: '2030-01-01T00:00:00.000Z',
    dateUpdated: '2030-01-01T00:00:00.000Z',
  };
}

function reservation(n: number, status: ReservationStatus, updated = '2030-01-01T00:00:01.000Z'): ReservationDto {
  const assignment: Record<ReservationStatus, TaskDto['assignmentStatus']> = {
    pending: 'reserved',
    accepted: 'assigned',
    wrapping: 'wrapping',
    completed: 'completed',
    canceled: 'canceled',
    rejected: 'pending',
    timeout: 'pending',
    rescinded: 'pending',
  };
  return {
    sid: `WR${n}`,
    status,
    workerSid: 'WK1',
    workspaceSid: 'WS1',
    timeout: 120,
    dateCreated: '2030-01-01T00:00:00.000Z',
    dateUpdated: updated,
    task: {
      sid: `WT${n}`,
      attributes: { conversationSid: `CH${n}` },
      assignmentStatus: assignment[status],
      age: 0,
      priority: 0,
      queueName: 'Everyone',
      queueSid: 'WQ1',
      taskChannelSid: 'TC1',
      taskChannelUniqueName: 'chat',
      workflowName: 'Assign',
      workflowSid: 'WW1',
      reason: null,
      timeout: 86_400,
      dateCreated: '2030-01-01T00:00:00.000Z',
      dateUpdated: updated,
    },
  };
}

/** Everything `emitter` emits, by name, with the first argument. */
function record(emitter: { emit: (name: string, ...args: unknown[]) => boolean }): Array<[string, unknown]> {
  const seen: Array<[string, unknown]> = [];
  const emit = emitter.emit.bind(emitter);
  emitter.emit = (name: string, ...args: unknown[]) => {
    seen.push([name, args[0]]);
    return emit(name, ...args);
  };
  return seen;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function readyWorker(
  reservations: ReservationDto[],
): Promise<{ worker: Worker; events: Array<[string, unknown]> }> {
  mockServer.snapshot = { worker: workerDto(), reservations };
  const worker = new Worker('not.a.jwt');
  const events = record(worker as unknown as Parameters<typeof record>[0]);
  await settle();
  mockServer.onOpen();
  await settle();
  expect(events.map(([name]) => name)).toEqual(['ready']);
  events.length = 0;
  return { worker, events };
}

describe('sandbox TaskRouter Worker: reconnection (workerDisconnected / workerReconnected)', () => {
  it('emits disconnected, then ready with reservations rebuilt from the server, and no per-reservation event', async () => {
    const { worker, events } = await readyWorker([reservation(1, 'accepted'), reservation(2, 'accepted')]);
    const before = new Map(worker.reservations);
    const oldEvents = [...before.values()].map((each) => [record(each), record(each.task)]).flat();

    mockServer.onEvent({ type: 'workerDisconnected' });
    expect(events).toEqual([['disconnected', { message: 'Connection lost' }]]);

    // While offline reservation 2 was completed, reservation 1 wrapped up, 3 arrived (accepted), 4 was offered.
    const renamed = { ...workerDto(), friendlyName: 'Agent Renamed', attributes: { full_name: 'Agent Renamed' } };
    const current = [reservation(1, 'wrapping', '2030-01-01T00:00:05.000Z'), reservation(3, 'accepted')];
    mockServer.onEvent({
      type: 'workerReconnected',
      worker: renamed,
      reservations: [...current, reservation(4, 'pending')],
    });

    expect(events.map(([name]) => name)).toEqual(['disconnected', 'ready']);
    expect(events[1]?.[1]).toBe(worker);
    expect([...worker.reservations.keys()]).toEqual(['WR1', 'WR3', 'WR4']);
    const rebuilt = worker.reservations.get('WR1') as Reservation;
    // New objects, as the SDK creates them on re-initialisation; their state is the server's current one.
    expect(rebuilt).not.toBe(before.get('WR1'));
    expect(rebuilt.status).toBe('wrapping');
    expect(rebuilt.task.status).toBe('wrapping');
    expect(worker.reservations.get('WR4')?.status).toBe('pending');
    expect(worker.friendlyName).toBe('Agent Renamed');
    expect(worker.attributes).toEqual({ full_name: 'Agent Renamed' });
    // The objects Flex knew before hear nothing about what happened meanwhile.
    expect(oldEvents.flat()).toEqual([]);
  });

  it('drops final reservations from a reconnect snapshot', async () => {
    const { worker } = await readyWorker([reservation(1, 'accepted')]);
    mockServer.onEvent({ type: 'workerDisconnected' });
    mockServer.onEvent({ type: 'workerReconnected', worker: workerDto(), reservations: [reservation(1, 'completed')] });
    expect(worker.reservations.size).toBe(0);
  });

  it('handles live pushes again after the reconnect, against the rebuilt reservations', async () => {
    const { worker, events } = await readyWorker([]);
    mockServer.onEvent({ type: 'workerDisconnected' });
    mockServer.onEvent({ type: 'workerReconnected', worker: workerDto(), reservations: [reservation(1, 'accepted')] });
    const rebuilt = worker.reservations.get('WR1') as Reservation;
    const reservationEvents = record(rebuilt);
    mockServer.onEvent({
      type: 'reservationUpdated',
      reservation: reservation(1, 'wrapping', '2030-01-01T00:00:09.000Z'),
      event: 'wrapup',
    });
    expect(reservationEvents.map(([name]) => name)).toEqual(['wrapup']);
    mockServer.onEvent({ type: 'reservationCreated', reservation: reservation(2, 'pending') });
    expect(events.map(([name]) => name)).toEqual(['disconnected', 'ready', 'reservationCreated']);
  });

  it('does not resynchronise (and so announces nothing) when its stream reopens while offline', async () => {
    const { worker, events } = await readyWorker([reservation(1, 'accepted')]);
    mockServer.onEvent({ type: 'workerDisconnected' });
    const old = worker.reservations.get('WR1') as Reservation;
    const oldEvents = record(old);
    mockServer.snapshot = { worker: workerDto(), reservations: [reservation(2, 'pending')] };
    mockServer.onOpen();
    await settle();
    expect(events.map(([name]) => name)).toEqual(['disconnected']);
    expect(oldEvents).toEqual([]);
    expect([...worker.reservations.keys()]).toEqual(['WR1']);
  });
});
