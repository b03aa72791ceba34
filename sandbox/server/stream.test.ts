/**
 * @jest-environment ./sandbox/server/testing/nodeWithFetch.environment.ts
 */
import type { PushEvent } from '../shared/protocol';
import type { PushReader, TestSandbox } from './testing/sandboxHarness';
import { PushReader as Reader, call, pause, startTestSandbox } from './testing/sandboxHarness';

type Created = { conversationSid: string; taskSid: string };

let sandbox: TestSandbox;
const open: PushReader[] = [];
beforeAll(async () => {
  sandbox = await startTestSandbox({ keepAliveMs: 50 });
});
afterAll(() => sandbox.server.close());
beforeEach(() => call(sandbox.url, 'POST', '/sandbox/reset'));
afterEach(() => open.splice(0).forEach((reader) => reader.close()));

const api = <T = unknown>(method: string, path: string, body?: unknown) => call<T>(sandbox.url, method, path, body);
const create = async (body: unknown): Promise<Created> =>
  (await api<Created>('POST', '/sandbox/conversations', body)).body;
const say = (sid: string, from: string, body: string) =>
  api('POST', `/sandbox/conversations/${sid}/messages`, { from, body });

async function stream(query: string): Promise<PushReader> {
  const reader = await Reader.open(`${sandbox.url}/sandbox/internal/stream?${query}`);
  open.push(reader);
  await reader.take((event) => event.type === 'hello');
  return reader;
}

const is =
  <K extends PushEvent['type']>(type: K) =>
  (event: PushEvent): event is Extract<PushEvent, { type: K }> =>
    event.type === type;
const bodyOf = (event: PushEvent): string | undefined =>
  event.type === 'messageAdded' ? event.message.body : undefined;

describe('sandbox/server SSE stream', () => {
  it('starts with hello carrying the agent connection state', async () => {
    const reader = await Reader.open(`${sandbox.url}/sandbox/internal/stream?role=agent`);
    open.push(reader);
    const first = await reader.take(() => true);
    expect(first).toMatchObject({ type: 'hello', connectionState: 'connected' });
    expect(reader.events[0]).toBe(first);
  });

  it('pushes the offer, the acceptance and the agent joining when a conversation is auto-accepted', async () => {
    const agent = await stream('role=agent');
    const { taskSid, conversationSid } = await create({ channelType: 'web' });
    const created = await agent.take(is('reservationCreated'));
    const accepted = await agent.take(is('reservationUpdated'));
    const joined = await agent.take(is('participantJoined'));
    expect(created).toMatchObject({
      reservation: { status: 'pending', task: { sid: taskSid, attributes: { conversationSid } } },
    });
    expect(accepted).toMatchObject({
      event: 'accepted',
      reservation: { status: 'accepted', task: { assignmentStatus: 'assigned' } },
    });
    expect(joined).toMatchObject({ participant: { identity: 'agent@sandbox.local', role: 'agent', conversationSid } });
    // The order a real client sees: offer, acceptance, then the agent is added to the conversation.
    expect(agent.events.indexOf(created)).toBeLessThan(agent.events.indexOf(accepted));
    expect(agent.events.indexOf(accepted)).toBeLessThan(agent.events.indexOf(joined));
  });

  it('gives tasks the attributes of Flex Conversations tasks', async () => {
    const agent = await stream('role=agent');
    const { conversationSid } = await create({ channelType: 'sms', customerName: 'Ann' });
    const created = await agent.take(is('reservationCreated'));
    const attributes = created.type === 'reservationCreated' ? created.reservation.task.attributes : {};
    expect(attributes).toMatchObject({
      conversationSid,
      channelType: 'sms',
      customerName: 'Ann',
      name: 'Ann',
      direction: 'inbound',
      flexInteractionSid: expect.stringMatching(/^KD[0-9a-f]{32}$/) as unknown,
      flexInteractionChannelSid: expect.stringMatching(/^UO[0-9a-f]{32}$/) as unknown,
      flexChannelInviteSid: expect.stringMatching(/^KG[0-9a-f]{32}$/) as unknown,
      customerAddress: expect.stringMatching(/^\+1555\d{7}$/) as unknown,
    });
    expect(attributes.from).toBe(attributes.customerAddress);
  });

  it('delivers messageAdded to the agent only for conversations it is in', async () => {
    const agent = await stream('role=agent');
    const pending = await create({ channelType: 'web', autoAccept: false });
    const accepted = await create({ channelType: 'web' });
    await say(pending.conversationSid, 'customer', 'not for the agent yet');
    await say(accepted.conversationSid, 'customer', 'for the agent');
    const added = await agent.take(is('messageAdded'));
    expect(bodyOf(added)).toBe('for the agent');
    await pause(100);
    expect(agent.ofType('messageAdded')).toHaveLength(1);
  });

  it("gives a customer stream only its own conversation's messages", async () => {
    const mine = await create({ channelType: 'web' });
    const other = await create({ channelType: 'web' });
    const customer = await stream(`role=customer&conversationSid=${mine.conversationSid}`);
    await say(other.conversationSid, 'customer', 'elsewhere');
    await say(mine.conversationSid, 'agent', 'hello customer');
    await create({ channelType: 'sms' });
    const added = await customer.take(is('messageAdded'));
    expect(bodyOf(added)).toBe('hello customer');
    await pause(100);
    expect(customer.events.map((event) => event.type)).toEqual(['hello', 'messageAdded']);
  });

  it('holds agent messages while disconnected and delivers them in order after connectionState connected', async () => {
    const { conversationSid } = await create({ channelType: 'web' });
    const agent = await stream('role=agent');
    const customer = await stream(`role=customer&conversationSid=${conversationSid}`);
    await api('POST', '/sandbox/connection', { state: 'disconnected' });
    expect(await agent.take(is('connectionState'))).toEqual({ type: 'connectionState', state: 'disconnected' });
    await say(conversationSid, 'customer', 'one');
    await say(conversationSid, 'customer', 'two');
    // The customer's page is not affected by the agent's connection.
    await customer.take((event) => bodyOf(event) === 'two');
    await pause(100);
    expect(agent.ofType('messageAdded')).toHaveLength(0);
    // TaskRouter events travel on their own connection and keep flowing.
    await create({ channelType: 'web', autoAccept: false });
    await agent.take(is('reservationCreated'));

    await api('POST', '/sandbox/connection', { state: 'connected' });
    const reconnected = await agent.take((event) => event.type === 'connectionState' && event.state === 'connected');
    const first = await agent.take(is('messageAdded'));
    const second = await agent.take(is('messageAdded'));
    expect([bodyOf(first), bodyOf(second)]).toEqual(['one', 'two']);
    expect(agent.events.indexOf(reconnected)).toBeLessThan(agent.events.indexOf(first));
  });

  it('says disconnected in the hello of a stream opened while disconnected', async () => {
    await api('POST', '/sandbox/connection', { state: 'disconnected' });
    const reader = await Reader.open(`${sandbox.url}/sandbox/internal/stream?role=agent`);
    open.push(reader);
    expect(await reader.take(() => true)).toMatchObject({ type: 'hello', connectionState: 'disconnected' });
  });

  it('pushes configurationChanged when the config is stored', async () => {
    const agent = await stream('role=agent');
    await api('PUT', '/sandbox/config', { customerInactivity: { timer_sec: 60 } });
    expect(await agent.take(is('configurationChanged'))).toEqual({ type: 'configurationChanged' });
  });

  it('sends keep-alive comments', async () => {
    const agent = await stream('role=agent');
    await pause(200);
    expect(agent.comments).toBeGreaterThan(0);
  });

  it.each([
    ['role=robot', 400, 'query "role" must be "agent" or "customer"'],
    ['role=customer', 400, 'query "conversationSid" is required'],
    ['role=customer&conversationSid=CHnope', 404, 'conversation CHnope not found'],
  ])('refuses the stream query %s', async (query, status, message) => {
    const answer = await api<{ error: string }>('GET', `/sandbox/internal/stream?${query}`);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toContain(message);
  });
});
