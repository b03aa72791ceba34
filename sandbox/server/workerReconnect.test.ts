/**
 * @jest-environment ./sandbox/server/testing/nodeWithFetch.environment.ts
 */
import type { PushEvent, ReservationDto } from '../shared/protocol';
import type { PushReader } from './testing/sandboxHarness';
import { pause, useTestSandbox } from './testing/sandboxHarness';

type Created = { conversationSid: string; taskSid: string };
type ErrorBody = { error: string };
type Reconnect = { offlineMs: number; reconnectAt: string };
type Reconnected = Extract<PushEvent, { type: 'workerReconnected' }>;

const suite = useTestSandbox();
const { api } = suite;
const reconnect = (body?: unknown) => api<Reconnect & ErrorBody>('POST', '/sandbox/worker/reconnect', body);
const create = async (body: unknown): Promise<Created> =>
  (await api<Created>('POST', '/sandbox/conversations', body)).body;
const reservationOf = async (taskSid: string): Promise<ReservationDto> => {
  const { reservations } = (await api<{ reservations: ReservationDto[] }>('GET', '/sandbox/internal/worker')).body;
  const found = reservations.find((reservation) => reservation.task.sid === taskSid);
  if (found === undefined) throw new Error(`no open reservation for ${taskSid}`);
  return found;
};
const complete = async (taskSid: string): Promise<void> => {
  const { sid } = await reservationOf(taskSid);
  expect((await api('POST', `/sandbox/internal/reservations/${sid}/complete`, {})).status).toBe(200);
};

async function agentStream(): Promise<PushReader> {
  const reader = await suite.stream('role=agent');
  await reader.take((event) => event.type === 'hello');
  return reader;
}

const isReservationEvent = (event: PushEvent): boolean =>
  event.type === 'reservationCreated' || event.type === 'reservationUpdated';
const reconnected = async (reader: PushReader, timeoutMs?: number): Promise<Reconnected> =>
  (await reader.take((event) => event.type === 'workerReconnected', timeoutMs)) as Reconnected;
const typesOf = (reader: PushReader): string[] => reader.events.map((event) => event.type);

describe('sandbox/server POST /sandbox/worker/reconnect', () => {
  it('without a body reconnects at once: 202, then disconnected and reconnected with the open reservations', async () => {
    const kept = await create({ channelType: 'web' });
    const offered = await create({ channelType: 'sms', autoAccept: false });
    const done = await create({ channelType: 'web' });
    await complete(done.taskSid);
    const agent = await agentStream();

    const before = Date.now();
    const answer = await reconnect();
    expect(answer.status).toBe(202);
    expect(answer.body.offlineMs).toBe(0);
    expect(Date.parse(answer.body.reconnectAt)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(answer.body.reconnectAt)).toBeLessThanOrEqual(Date.now());

    await agent.take((event) => event.type === 'workerDisconnected');
    const ready = await reconnected(agent);
    expect(typesOf(agent)).toEqual(['hello', 'workerDisconnected', 'workerReconnected']);
    expect(ready.worker).toMatchObject({ identity: 'agent@sandbox.local' });
    const byTask = new Map(ready.reservations.map((reservation) => [reservation.task.sid, reservation.status]));
    expect(byTask).toEqual(
      new Map([
        [kept.taskSid, 'accepted'],
        [offered.taskSid, 'pending'],
      ]),
    );
  });

  it('accepts an empty JSON object and offlineMs 0 alike', async () => {
    expect((await reconnect({})).status).toBe(202);
    expect((await reconnect({ offlineMs: 0 })).body.offlineMs).toBe(0);
  });

  it('delivers no reservation event during the offline window; ready then carries the current reservations', async () => {
    const stays = await create({ channelType: 'web' });
    const endsWhileOffline = await create({ channelType: 'web' });
    const wrapsWhileOffline = await create({ channelType: 'sms' });
    const agent = await agentStream();

    const answer = await reconnect({ offlineMs: 400 });
    expect(answer.status).toBe(202);
    expect(answer.body.offlineMs).toBe(400);
    await agent.take((event) => event.type === 'workerDisconnected');

    const arrives = await create({ channelType: 'whatsapp' });
    const offered = await create({ channelType: 'web', autoAccept: false });
    await complete(endsWhileOffline.taskSid);
    const { sid: wrapping } = await reservationOf(wrapsWhileOffline.taskSid);
    await api('POST', `/sandbox/internal/reservations/${wrapping}/wrap`, {});
    // Conversations events travel on their own connection: the agent joining the new chat is heard at once.
    await agent.take(
      (event) => event.type === 'participantJoined' && event.participant.conversationSid === arrives.conversationSid,
    );
    await pause(100);
    expect(agent.events.filter(isReservationEvent)).toEqual([]);
    expect(agent.ofType('workerReconnected')).toEqual([]);

    const ready = await reconnected(agent);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(answer.body.reconnectAt) - 5);
    const byTask = new Map(ready.reservations.map((reservation) => [reservation.task.sid, reservation.status]));
    expect(byTask).toEqual(
      new Map([
        [stays.taskSid, 'accepted'],
        [wrapsWhileOffline.taskSid, 'wrapping'],
        [arrives.taskSid, 'accepted'],
        [offered.taskSid, 'pending'],
      ]),
    );
    // What happened meanwhile is never replayed.
    await pause(100);
    expect(agent.events.filter(isReservationEvent)).toEqual([]);

    // Once reconnected, reservation events flow live again.
    await complete(stays.taskSid);
    const live = await agent.take(isReservationEvent);
    expect(live).toMatchObject({
      type: 'reservationUpdated',
      event: 'completed',
      reservation: { status: 'completed' },
    });
  });

  it('keeps reservation events from a stream opened during the window too', async () => {
    const agent = await agentStream();
    await reconnect({ offlineMs: 300 });
    const late = await agentStream();
    const chat = await create({ channelType: 'web' });
    const ready = await reconnected(late);
    expect(ready.reservations.map((reservation) => reservation.task.sid)).toEqual([chat.taskSid]);
    expect(late.events.filter(isReservationEvent)).toEqual([]);
    expect(agent.events.filter(isReservationEvent)).toEqual([]);
    await reconnected(agent);
  });

  it('refuses a second reconnect while offline (409) without changing when it returns', async () => {
    const agent = await agentStream();
    const first = await reconnect({ offlineMs: 300 });
    const second = await reconnect({ offlineMs: 5_000 });
    expect(second.status).toBe(409);
    expect(second.body.error).toBe(`the worker is already offline; it reconnects at ${first.body.reconnectAt}`);
    await reconnected(agent, 2_000);
    expect(agent.ofType('workerDisconnected')).toHaveLength(1);
    expect((await reconnect()).status).toBe(202);
  });

  it('is ended by reset: the worker reconnects at once, before the reset ends its tasks, and only once', async () => {
    const chat = await create({ channelType: 'web' });
    const agent = await agentStream();
    await reconnect({ offlineMs: 300 });
    await api('POST', '/sandbox/reset');
    const ready = await reconnected(agent, 100);
    expect(ready.reservations.map((reservation) => reservation.task.sid)).toEqual([chat.taskSid]);
    // The reset's own events reach the page live, as without a dropped connection.
    const ended = await agent.take(isReservationEvent);
    expect(ended).toMatchObject({ event: 'completed', reservation: { task: { sid: chat.taskSid } } });
    await pause(400);
    expect(agent.ofType('workerReconnected')).toHaveLength(1);
    expect((await reconnect()).status).toBe(202);
  });

  it.each([
    [{ offlineMs: -1 }, '"offlineMs" must be a whole number of milliseconds from 0 to 600000, got -1'],
    [{ offlineMs: 1.5 }, '"offlineMs" must be a whole number of milliseconds from 0 to 600000, got 1.5'],
    [{ offlineMs: '3000' }, '"offlineMs" must be a whole number of milliseconds from 0 to 600000, got "3000"'],
    [{ offlineMs: 600_001 }, '"offlineMs" must be a whole number of milliseconds from 0 to 600000, got 600001'],
    [{ offlineMs: null }, '"offlineMs" must be a whole number of milliseconds from 0 to 600000, got null'],
    [{ offlineMS: 100 }, 'unknown field "offlineMS"; expected only "offlineMs"'],
    [[1], 'body must be a JSON object, got an array'],
    ['{not json', 'body must be JSON'],
  ])('answers 400 for %j naming the problem, and stays connected', async (body, message) => {
    const agent = await agentStream();
    const answer = await reconnect(body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain(message);
    await create({ channelType: 'web' });
    await agent.take(isReservationEvent);
    expect(agent.ofType('workerDisconnected')).toEqual([]);
  });
});
