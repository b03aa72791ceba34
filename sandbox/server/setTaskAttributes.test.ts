/**
 * @jest-environment ./sandbox/server/testing/nodeWithFetch.environment.ts
 */
import type { PushEvent, ReservationDto, TaskDto } from '../shared/protocol';
import type { PushReader } from './testing/sandboxHarness';
import { pause, useTestSandbox } from './testing/sandboxHarness';

type Created = { conversationSid: string; taskSid: string };
type ErrorBody = { error: string };
type Summary = { sid: string; status: string; attributes: Record<string, unknown> };
type Updated = Extract<PushEvent, { type: 'reservationUpdated' }>;

const suite = useTestSandbox();
const { api } = suite;
const create = async (body: unknown): Promise<Created> =>
  (await api<Created>('POST', '/sandbox/conversations', body)).body;
/** What the page's `Task.setAttributes` sends. */
const setAttributes = (taskSid: string, body: unknown) =>
  api<TaskDto & ErrorBody>('POST', `/sandbox/internal/tasks/${taskSid}/attributes`, body);
const summary = async (taskSid: string): Promise<Summary> =>
  (await api<Summary>('GET', `/sandbox/tasks/${taskSid}`)).body;
/** The task as a page first learns it (GET /sandbox/internal/worker, read when Flex starts). */
const pageTask = async (taskSid: string): Promise<TaskDto> => {
  const { reservations } = (await api<{ reservations: ReservationDto[] }>('GET', '/sandbox/internal/worker')).body;
  const found = reservations.find((reservation) => reservation.task.sid === taskSid);
  if (found === undefined) throw new Error(`no open reservation for ${taskSid}`);
  return found.task;
};

async function stream(query: string): Promise<PushReader> {
  const reader = await suite.stream(query);
  await reader.take((event) => event.type === 'hello');
  return reader;
}
const agentStream = () => stream('role=agent');
const attributesUpdate = async (reader: PushReader, taskSid: string): Promise<Updated> =>
  (await reader.take(
    (event) =>
      event.type === 'reservationUpdated' && event.event === 'updated' && event.reservation.task.sid === taskSid,
  )) as Updated;

describe('sandbox/server task attributes (POST /sandbox/internal/tasks/:sid/attributes)', () => {
  it('replaces the attributes whole, answers the updated task, and GET /sandbox/tasks/:sid shows them', async () => {
    const { taskSid, conversationSid } = await create({ channelType: 'sms' });
    const before = await summary(taskSid);
    expect(before.attributes).toMatchObject({ conversationSid, channelType: 'sms', direction: 'inbound' });

    const next: Record<string, unknown> = { ...before.attributes, priorityTier: 'gold', nested: { tags: ['a', 'b'] } };
    const answer = await setAttributes(taskSid, { attributes: next });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ sid: taskSid, attributes: next, assignmentStatus: 'assigned' });
    expect(await summary(taskSid)).toEqual({ ...before, attributes: next });

    // Replaced, not merged: a key left out is gone, as with TaskRouter's task update.
    const { from: _dropped, ...withoutFrom } = next;
    await setAttributes(taskSid, { attributes: withoutFrom });
    expect((await summary(taskSid)).attributes).toEqual(withoutFrom);
    expect((await pageTask(taskSid)).attributes).toEqual(withoutFrom);
  });

  it('pushes the task update to every agent page (the SDK task `updated`) and to no customer page', async () => {
    const { taskSid, conversationSid } = await create({ channelType: 'web' });
    const tabs = [await agentStream(), await agentStream()];
    const customer = await stream(`role=customer&conversationSid=${conversationSid}`);
    const before = await pageTask(taskSid);

    await pause(5);
    const attributes = { ...before.attributes, wrapReason: 'resolved' };
    await setAttributes(taskSid, { attributes });
    for (const tab of tabs) {
      const pushed = await attributesUpdate(tab, taskSid);
      expect(pushed.reservation.status).toBe('accepted');
      // The reservation did not change (it and the task were last updated by the accept); the task did.
      expect(pushed.reservation.dateUpdated).toBe(before.dateUpdated);
      expect(pushed.reservation.task.attributes).toEqual(attributes);
      expect(pushed.reservation.task.assignmentStatus).toBe('assigned');
      expect(Date.parse(pushed.reservation.task.dateUpdated)).toBeGreaterThan(Date.parse(before.dateUpdated));
    }
    await pause(50);
    expect(customer.events.map((event) => event.type)).toEqual(['hello']);
  });

  it('keeps every key in a read-modify-write after another tab wrote meanwhile', async () => {
    const { taskSid } = await create({ channelType: 'whatsapp' });
    const tabA = await agentStream();
    const tabB = await agentStream();
    // Both tabs start with the attributes Flex Conversations gave the task.
    const original = (await pageTask(taskSid)).attributes;

    // Tab B (a plugin in another tab) reads, adds a key, writes.
    await setAttributes(taskSid, { attributes: { ...original, crmId: 'C-42' } });
    // Tab A hears it before it reads: its task.attributes are the server's current ones.
    const seenByA = (await attributesUpdate(tabA, taskSid)).reservation.task.attributes;
    await attributesUpdate(tabB, taskSid);
    expect(seenByA).toEqual({ ...original, crmId: 'C-42' });

    // Tab A's plugin now reads task.attributes, adds its key and writes the whole object back.
    const answer = await setAttributes(taskSid, { attributes: { ...seenByA, surveyOptIn: true } });
    expect(answer.body.attributes).toEqual({ ...original, crmId: 'C-42', surveyOptIn: true });
    expect((await summary(taskSid)).attributes).toEqual({ ...original, crmId: 'C-42', surveyOptIn: true });
    expect((await attributesUpdate(tabB, taskSid)).reservation.task.attributes).toEqual({
      ...original,
      crmId: 'C-42',
      surveyOptIn: true,
    });
  });

  it('works for a pending task, and while the Conversations connection is down (it is a TaskRouter call)', async () => {
    const { taskSid } = await create({ channelType: 'web', autoAccept: false });
    const agent = await agentStream();
    await api('POST', '/sandbox/connection', { state: 'disconnected' });
    expect((await setAttributes(taskSid, { attributes: { k: 'v' } })).status).toBe(200);
    const pushed = await attributesUpdate(agent, taskSid);
    expect(pushed.reservation).toMatchObject({ status: 'pending', task: { attributes: { k: 'v' } } });
  });

  it('loses the push while the TaskRouter connection is down; the reconnect snapshot carries the attributes', async () => {
    const { taskSid } = await create({ channelType: 'web' });
    const agent = await agentStream();
    await api('POST', '/sandbox/worker/reconnect', { offlineMs: 200 });
    await agent.take((event) => event.type === 'workerDisconnected');
    expect((await setAttributes(taskSid, { attributes: { k: 'offline' } })).status).toBe(200);
    const ready = (await agent.take((event) => event.type === 'workerReconnected')) as Extract<
      PushEvent,
      { type: 'workerReconnected' }
    >;
    expect(agent.events.filter((event) => event.type === 'reservationUpdated')).toEqual([]);
    expect(ready.reservations.find((reservation) => reservation.task.sid === taskSid)?.task.attributes).toEqual({
      k: 'offline',
    });
  });

  it.each([
    [{ attributes: 'x' }, '"attributes" must be a JSON object (the task\'s new attributes, whole), got "x"'],
    [{ attributes: [1, 2] }, '"attributes" must be a JSON object (the task\'s new attributes, whole), got an array'],
    [{ attributes: null }, '"attributes" must be a JSON object (the task\'s new attributes, whole), got null'],
    [{ attributes: 3 }, '"attributes" must be a JSON object (the task\'s new attributes, whole), got 3'],
    [{}, '"attributes" must be a JSON object (the task\'s new attributes, whole), got nothing'],
    [{ attributes: {}, merge: true }, 'unknown field "merge"; expected only "attributes"'],
    [[{}], 'body must be a JSON object, got an array'],
    ['{not json', 'body must be JSON'],
  ])('answers 400 for %j naming the problem, and changes nothing', async (body, message) => {
    const { taskSid } = await create({ channelType: 'web' });
    const agent = await agentStream();
    const before = (await summary(taskSid)).attributes;
    const answer = await setAttributes(taskSid, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain(message);
    expect((await summary(taskSid)).attributes).toEqual(before);
    await pause(30);
    expect(agent.ofType('reservationUpdated')).toEqual([]);
  });

  it('answers 404 naming an unknown task, before looking at the body', async () => {
    const answer = await setAttributes('WT0000', 'not even an object');
    expect(answer).toEqual({ status: 404, body: { error: 'task WT0000 not found' } });
  });

  it('is forgotten by reset with the task', async () => {
    const { taskSid } = await create({ channelType: 'web' });
    await setAttributes(taskSid, { attributes: { k: 1 } });
    await api('POST', '/sandbox/reset');
    expect((await setAttributes(taskSid, { attributes: { k: 2 } })).status).toBe(404);
  });
});
