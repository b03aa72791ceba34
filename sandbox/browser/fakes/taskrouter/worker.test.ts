import type { PushEvent, ReservationDto, ReservationStatus, TaskDto, WorkerDto } from '../../../shared/protocol';
import type { Reservation } from './reservation';
import type { WorkerSnapshot } from './sandboxServer';
import { Worker } from './worker';

// The worker's only way out of the page, replaced: the test is the mockServer.
const mockServer = {
  snapshot: { worker: workerDto(), reservations: [] } as WorkerSnapshot,
  onEvent: (_event: PushEvent): void => undefined,
  onOpen: (): void => undefined,
  /** Answers `postTaskAttributes`; records what was sent. */
  taskAttributes: (_taskSid: string, _attributes: object): Promise<TaskDto> => Promise.reject(new Error('unset')),
  sentAttributes: [] as Array<[string, object]>,
};
jest.mock('./sandboxServer', () => ({
  fetchWorkerSnapshot: () => Promise.resolve(mockServer.snapshot),
  postReservationAction: () => Promise.reject(new Error('not in this test')),
  postTaskAttributes: (taskSid: string, attributes: object) => {
    mockServer.sentAttributes.push([taskSid, attributes]);
    return mockServer.taskAttributes(taskSid, attributes);
  },
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

describe('sandbox TaskRouter Task.setAttributes', () => {
  const withAttributes = (dto: ReservationDto, attributes: Record<string, unknown>, at: string): ReservationDto => ({
    ...dto,
    task: { ...dto.task, attributes, dateUpdated: at },
  });

  it('sends the whole object to the server, resolves with the task refreshed, and emits `updated` from the push', async () => {
    const { worker } = await readyWorker([reservation(1, 'accepted')]);
    const held = worker.reservations.get('WR1') as Reservation;
    const task = held.task;
    const taskEvents = record(task);
    const reservationEvents = record(held);
    const next = { ...task.attributes, crmId: 'C-42' };
    const stored = withAttributes(reservation(1, 'accepted'), next, '2030-01-01T00:00:07.000Z');
    mockServer.sentAttributes = [];
    mockServer.taskAttributes = () => Promise.resolve(stored.task);

    await expect(task.setAttributes(next)).resolves.toBe(task);
    expect(mockServer.sentAttributes).toEqual([['WT1', next]]);
    expect(task.attributes).toEqual(next);
    expect(task.dateUpdated).toEqual(new Date('2030-01-01T00:00:07.000Z'));
    // The reply only refreshes; the event comes with the server's push, as from TaskRouter's socket.
    expect(taskEvents).toEqual([]);
    mockServer.onEvent({ type: 'reservationUpdated', reservation: stored, event: 'updated' });
    expect(taskEvents).toEqual([['updated', task]]);
    expect(reservationEvents).toEqual([]);
  });

  it('applies a push from another tab, so a read-modify-write keeps its key', async () => {
    const { worker } = await readyWorker([reservation(1, 'accepted')]);
    const task = (worker.reservations.get('WR1') as Reservation).task;
    const fromOtherTab = { conversationSid: 'CH1', crmId: 'C-42' };
    mockServer.onEvent({
      type: 'reservationUpdated',
      reservation: withAttributes(reservation(1, 'accepted'), fromOtherTab, '2030-01-01T00:00:03.000Z'),
      event: 'updated',
    });
    mockServer.sentAttributes = [];
    mockServer.taskAttributes = (_sid, attributes) =>
      Promise.resolve({ ...reservation(1, 'accepted').task, attributes: attributes as Record<string, unknown> });
    await task.setAttributes({ ...task.attributes, surveyOptIn: true });
    expect(mockServer.sentAttributes).toEqual([['WT1', { conversationSid: 'CH1', crmId: 'C-42', surveyOptIn: true }]]);
  });

  it.each([[null], [undefined], ['{"a":1}'], [42], [true]])(
    "throws at once for %p, with the SDK's TypeError, and sends nothing",
    async (value) => {
      const { worker } = await readyWorker([reservation(1, 'accepted')]);
      const task = (worker.reservations.get('WR1') as Reservation).task;
      mockServer.sentAttributes = [];
      expect(() => task.setAttributes(value as unknown as object)).toThrow(
        new TypeError('Unable to set attributes on Task. <object>attributes is a required parameter.'),
      );
      expect(mockServer.sentAttributes).toEqual([]);
    },
  );

  it("rejects with the server's refusal (an array passes the SDK's check, not the server's)", async () => {
    const { worker } = await readyWorker([reservation(1, 'accepted')]);
    const task = (worker.reservations.get('WR1') as Reservation).task;
    const refusal = new Error('set attributes of task WT1 failed: HTTP 400 {"error":"..."}');
    mockServer.taskAttributes = () => Promise.reject(refusal);
    await expect(task.setAttributes([1, 2])).rejects.toBe(refusal);
    expect(task.attributes).toEqual({ conversationSid: 'CH1' });
  });

  it('replays an attribute push that arrived before the first snapshot was applied', async () => {
    const accepted = reservation(1, 'accepted');
    mockServer.snapshot = { worker: workerDto(), reservations: [accepted] };
    const worker = new Worker('not.a.jwt');
    await settle();
    // Same reservation time as the snapshot: only the task moved.
    const updated = withAttributes(accepted, { conversationSid: 'CH1', late: true }, '2030-01-01T00:00:04.000Z');
    mockServer.onEvent({ type: 'reservationUpdated', reservation: updated, event: 'updated' });
    mockServer.onOpen();
    await settle();
    expect(worker.reservations.get('WR1')?.task.attributes).toEqual({ conversationSid: 'CH1', late: true });
  });
});
