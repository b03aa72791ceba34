/**
 * @jest-environment ./sandbox/server/testing/nodeWithFetch.environment.ts
 */
import type { ReservationDto } from '../shared/protocol';
import type { TestSandbox } from './testing/sandboxHarness';
import { call, startTestSandbox } from './testing/sandboxHarness';

type Created = { conversationSid: string; taskSid: string };
type ErrorBody = { error: string };
type WorkerView = { reservations: ReservationDto[] };
type Transcript = Array<{
  index: number;
  from: string;
  author: string;
  body: string;
  attributes: unknown;
  dateCreated: string;
}>;

const INITIAL_CONFIG = { timer_sec: 120, warning_sec: 30 };
const BAD_QUEUE_WAIT = '"queueWaitSec" must be a number of seconds from 0 to 86400, got';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ initialCustomerInactivity: INITIAL_CONFIG });
});
afterAll(() => sandbox.server.close());
beforeEach(() => call(sandbox.url, 'POST', '/sandbox/reset'));

const api = <T = unknown>(method: string, path: string, body?: unknown) => call<T>(sandbox.url, method, path, body);
const create = async (body: unknown): Promise<Created> =>
  (await api<Created>('POST', '/sandbox/conversations', body)).body;

describe('sandbox/server automation API', () => {
  it('reports health', async () => {
    expect(await api('GET', '/sandbox/health')).toEqual({ status: 200, body: { ok: true } });
  });

  describe('POST /sandbox/conversations', () => {
    it.each(['web', 'sms', 'whatsapp'])(
      'creates a %s conversation whose task is accepted at once',
      async (channelType) => {
        const created = await api<Created>('POST', '/sandbox/conversations', { channelType });
        expect(created.status).toBe(201);
        expect(created.body.conversationSid).toMatch(/^CH[0-9a-f]{32}$/);
        expect(created.body.taskSid).toMatch(/^WT[0-9a-f]{32}$/);
        const task = await api('GET', `/sandbox/tasks/${created.body.taskSid}`);
        expect(task.body).toEqual({
          sid: created.body.taskSid,
          status: 'accepted',
          conversationSid: created.body.conversationSid,
          queueName: 'Everyone',
          attributes: expect.objectContaining({
            conversationSid: created.body.conversationSid,
            channelType,
            direction: 'inbound',
          }) as unknown,
        });
      },
    );

    it('routes the task through the queue named by queueName, with a stable made-up WQ sid per name', async () => {
      const queueOf = async (taskSid: string): Promise<{ queueName: string; queueSid: string }> => {
        const { reservations } = (await api<WorkerView>('GET', '/sandbox/internal/worker')).body;
        const task = reservations.find((reservation) => reservation.task.sid === taskSid)?.task;
        if (task === undefined) throw new Error(`no reservation for ${taskSid}`);
        return { queueName: task.queueName, queueSid: task.queueSid };
      };
      const everyone = await queueOf((await create({ channelType: 'web' })).taskSid);
      const billing = await create({ channelType: 'sms', queueName: 'Billing' });
      const billingAgain = await create({ channelType: 'web', queueName: 'Billing', autoAccept: false });
      const spanish = await create({ channelType: 'whatsapp', queueName: 'Soporte en español' });

      expect(everyone.queueName).toBe('Everyone');
      expect(everyone.queueSid).toMatch(/^WQ[0-9a-f]{32}$/);
      const first = await queueOf(billing.taskSid);
      expect(first.queueName).toBe('Billing');
      expect(first.queueSid).toMatch(/^WQ[0-9a-f]{32}$/);
      expect(first.queueSid).not.toBe(everyone.queueSid);
      expect(await queueOf(billingAgain.taskSid)).toEqual(first);
      expect(await queueOf(spanish.taskSid)).toMatchObject({ queueName: 'Soporte en español' });
      expect((await queueOf(spanish.taskSid)).queueSid).not.toBe(first.queueSid);
      expect((await api<{ queueName: string }>('GET', `/sandbox/tasks/${billing.taskSid}`)).body.queueName).toBe(
        'Billing',
      );
      // The default queue keeps the sid the Flex configuration lists as the target queue.
      const configuration = await api<{ taskrouter_target_taskqueue_sid: string }>(
        'GET',
        '/twilio/flex-api.twilio.com/v1/Configuration',
      );
      expect(configuration.body.taskrouter_target_taskqueue_sid).toBe(everyone.queueSid);
    });

    it('creates the task queueWaitSec before its reservation, as a chat that waited in the queue', async () => {
      const reservationOf = async (taskSid: string): Promise<ReservationDto> => {
        const { reservations } = (await api<WorkerView>('GET', '/sandbox/internal/worker')).body;
        const reservation = reservations.find((each) => each.task.sid === taskSid);
        if (reservation === undefined) throw new Error(`no reservation for ${taskSid}`);
        return reservation;
      };
      const before = Date.now();
      const waited = await reservationOf((await create({ channelType: 'web', queueWaitSec: 60 })).taskSid);
      const after = Date.now();
      const offeredAt = Date.parse(waited.dateCreated);
      expect(offeredAt).toBeGreaterThanOrEqual(before);
      expect(offeredAt).toBeLessThanOrEqual(after);
      expect(Date.parse(waited.task.dateCreated)).toBe(offeredAt - 60_000);
      expect(waited.task.age).toBeGreaterThanOrEqual(60);
      expect(waited.task.age).toBeLessThan(62);
      // Without queueWaitSec the task and its reservation are created together.
      const straight = await reservationOf((await create({ channelType: 'sms', autoAccept: false })).taskSid);
      expect(straight.task.dateCreated).toBe(straight.dateCreated);
      expect(straight.task.age).toBeLessThan(2);
    });

    it('leaves the task pending when autoAccept is false', async () => {
      const { taskSid } = await create({ channelType: 'web', autoAccept: false, customerName: 'Ann' });
      expect((await api<{ status: string }>('GET', `/sandbox/tasks/${taskSid}`)).body.status).toBe('pending');
    });

    it.each([
      [{ channelType: 'fax' }, '"channelType" must be one of "web", "sms", "whatsapp", got "fax"'],
      [{}, '"channelType" is required'],
      [{ channelType: 'web', customerName: 7 }, '"customerName" must be a non-empty string, got 7'],
      [{ channelType: 'web', autoAccept: 'yes' }, '"autoAccept" must be true or false, got "yes"'],
      [{ channelType: 'web', queueName: 7 }, '"queueName" must be a non-empty string, got 7'],
      [{ channelType: 'web', queueName: '  ' }, '"queueName" must be a non-empty string, got "  "'],
      [{ channelType: 'web', queueName: null }, '"queueName" must be a non-empty string, got null'],
      [{ channelType: 'web', queueName: ['Billing'] }, '"queueName" must be a non-empty string, got an array'],
      [{ channelType: 'web', queueWaitSec: -1 }, `${BAD_QUEUE_WAIT} -1`],
      [{ channelType: 'web', queueWaitSec: '60' }, `${BAD_QUEUE_WAIT} "60"`],
      [{ channelType: 'web', queueWaitSec: null }, `${BAD_QUEUE_WAIT} null`],
      [{ channelType: 'web', queueWaitSec: 86_401 }, `${BAD_QUEUE_WAIT} 86401`],
      [{ channelType: 'web', channeltype: 'sms' }, 'unknown field "channeltype"'],
      [[1], 'body must be a JSON object, got an array'],
      ['{not json', 'body must be JSON'],
    ])('answers 400 for %j naming the problem', async (body, message) => {
      const answer = await api<ErrorBody>('POST', '/sandbox/conversations', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toContain(message);
    });
  });

  describe('conversation messages', () => {
    it('posts as each role and lists the messages with who wrote them', async () => {
      const { conversationSid } = await create({ channelType: 'sms' });
      for (const from of ['customer', 'agent', 'supervisor', 'bot']) {
        const posted = await api<{ from: string; index: number; sid: string }>(
          'POST',
          `/sandbox/conversations/${conversationSid}/messages`,
          { from, body: `hello from ${from}` },
        );
        expect(posted.status).toBe(201);
        expect(posted.body).toMatchObject({ from, body: `hello from ${from}`, conversationSid });
        expect(posted.body.sid).toMatch(/^IM[0-9a-f]{32}$/);
      }
      const { body: transcript } = await api<Transcript>('GET', `/sandbox/conversations/${conversationSid}/messages`);
      expect(transcript.map((m) => [m.index, m.from])).toEqual([
        [0, 'customer'],
        [1, 'agent'],
        [2, 'supervisor'],
        [3, 'bot'],
      ]);
      // An SMS customer's messages are authored by their phone number.
      expect(transcript[0]?.author).toMatch(/^\+1555\d{7}$/);
      expect(transcript[1]?.author).toBe('agent@sandbox.local');
      expect(transcript[2]?.author).toBe('supervisor@sandbox.local');
    });

    it('authors whatsapp customers by their whatsapp: address and webchat customers by identity', async () => {
      const whatsapp = await create({ channelType: 'whatsapp' });
      const web = await create({ channelType: 'web' });
      await api('POST', `/sandbox/conversations/${whatsapp.conversationSid}/messages`, {
        from: 'customer',
        body: 'hi',
      });
      await api('POST', `/sandbox/conversations/${web.conversationSid}/messages`, { from: 'customer', body: 'hi' });
      const [wa] = (await api<Transcript>('GET', `/sandbox/conversations/${whatsapp.conversationSid}/messages`)).body;
      const [wc] = (await api<Transcript>('GET', `/sandbox/conversations/${web.conversationSid}/messages`)).body;
      expect(wa?.author).toMatch(/^whatsapp:\+1555\d{7}$/);
      expect(wc?.author).toMatch(/^customer-[0-9a-f]+$/);
    });

    it('keeps attributes given with a message', async () => {
      const { conversationSid } = await create({ channelType: 'web' });
      await api('POST', `/sandbox/conversations/${conversationSid}/messages`, {
        from: 'bot',
        body: 'b',
        attributes: { k: 1 },
      });
      const [message] = (await api<Transcript>('GET', `/sandbox/conversations/${conversationSid}/messages`)).body;
      expect(message?.attributes).toEqual({ k: 1 });
    });

    it('stamps a message with the dateCreated given, as Twilio does for an imported message', async () => {
      const { conversationSid } = await create({ channelType: 'whatsapp' });
      const dayAgo = new Date(Date.now() - 25 * 3_600_000).toISOString();
      const posted = await api('POST', `/sandbox/conversations/${conversationSid}/messages`, {
        from: 'customer',
        body: 'Hello from yesterday',
        dateCreated: dayAgo,
      });
      expect(posted.status).toBe(201);
      await api('POST', `/sandbox/conversations/${conversationSid}/messages`, { from: 'customer', body: 'now' });
      const { body: transcript } = await api<Transcript>('GET', `/sandbox/conversations/${conversationSid}/messages`);
      expect(transcript.map((message) => message.dateCreated)[0]).toBe(dayAgo);
      expect(Date.parse(transcript[1]?.dateCreated ?? '')).toBeGreaterThan(Date.now() - 60_000);
    });

    it('refuses an agent message while the agent has not accepted (409)', async () => {
      const { conversationSid } = await create({ channelType: 'web', autoAccept: false });
      const answer = await api<ErrorBody>('POST', `/sandbox/conversations/${conversationSid}/messages`, {
        from: 'agent',
        body: 'x',
      });
      expect(answer.status).toBe(409);
      expect(answer.body.error).toContain('accept its task first');
    });

    it('answers 404 naming an unknown conversation sid', async () => {
      const sid = 'CH00000000000000000000000000000000';
      for (const method of ['GET', 'POST']) {
        const answer = await api<ErrorBody>(
          method,
          `/sandbox/conversations/${sid}/messages`,
          method === 'POST' ? { from: 'customer', body: 'x' } : undefined,
        );
        expect(answer.status).toBe(404);
        expect(answer.body.error).toContain(sid);
      }
    });

    it.each([
      [{ from: 'system', body: 'x' }, '"from" must be one of "customer", "agent", "supervisor", "bot", got "system"'],
      [{ from: 'customer' }, '"body" is required'],
      [{ from: 'customer', body: '   ' }, '"body" must be a non-empty string'],
      [{ from: 'customer', body: 'x', attributes: [] }, '"attributes" must be a JSON object, got an array'],
      [{ from: 'customer', body: 'x', dateCreated: 'yesterday' }, '"dateCreated" must be an ISO-8601 date and time'],
      [{ from: 'customer', body: 'x', dateCreated: 1714564800000 }, '"dateCreated" must be an ISO-8601 date and time'],
    ])('answers 400 for %j', async (body, message) => {
      const { conversationSid } = await create({ channelType: 'web' });
      const answer = await api<ErrorBody>('POST', `/sandbox/conversations/${conversationSid}/messages`, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toContain(message);
    });
  });

  describe('tasks', () => {
    it('answers 404 naming an unknown task sid', async () => {
      const answer = await api<ErrorBody>('GET', '/sandbox/tasks/WT123');
      expect(answer).toEqual({ status: 404, body: { error: 'task WT123 not found' } });
    });

    it('cancels a pending task, and refuses to cancel an accepted one', async () => {
      const pending = await create({ channelType: 'web', autoAccept: false });
      const canceled = await api('POST', `/sandbox/tasks/${pending.taskSid}/cancel`);
      expect(canceled).toMatchObject({ status: 200, body: { status: 'canceled' } });
      const accepted = await create({ channelType: 'web' });
      const refused = await api<ErrorBody>('POST', `/sandbox/tasks/${accepted.taskSid}/cancel`);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toContain('not accepted');
    });
  });

  describe('configuration', () => {
    const configuration = async (): Promise<Record<string, unknown>> =>
      (await api<{ ui_attributes: Record<string, unknown> }>('GET', '/twilio/flex-api.twilio.com/v1/Configuration'))
        .body.ui_attributes;

    it('starts with the configured customerInactivity', async () => {
      expect(await api('GET', '/sandbox/config')).toEqual({
        status: 200,
        body: { customerInactivity: INITIAL_CONFIG },
      });
      expect((await configuration()).customerInactivity).toEqual(INITIAL_CONFIG);
    });

    it('stores any customerInactivity as given, even one the plugin would reject', async () => {
      const odd = { timer_sec: '600', unknown_key: [1, 2], channels: { SMS: null } };
      expect(await api('PUT', '/sandbox/config', { customerInactivity: odd })).toEqual({
        status: 200,
        body: { customerInactivity: odd },
      });
      expect(await api('GET', '/sandbox/config')).toEqual({ status: 200, body: { customerInactivity: odd } });
      const uiAttributes = await configuration();
      expect(uiAttributes.customerInactivity).toEqual(odd);
      expect(uiAttributes.version_compatibility).toBe('yes');
    });

    it.each([
      [{}, '"customerInactivity" is required'],
      [{ customerInactivity: {}, other: 1 }, 'unknown field "other"'],
      ['"just a string"', 'body must be a JSON object'],
    ])('answers 400 for the body %j', async (body, message) => {
      const answer = await api<ErrorBody>('PUT', '/sandbox/config', body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toContain(message);
    });
  });

  describe('connection', () => {
    it('switches the agent connection and rejects unknown states', async () => {
      expect(await api('POST', '/sandbox/connection', { state: 'disconnected' })).toEqual({
        status: 200,
        body: { state: 'disconnected' },
      });
      expect((await api('GET', '/sandbox/internal/conversations')).status).toBe(503);
      expect(await api('POST', '/sandbox/connection', { state: 'connected' })).toEqual({
        status: 200,
        body: { state: 'connected' },
      });
      expect((await api('GET', '/sandbox/internal/conversations')).status).toBe(200);
      const bad = await api<ErrorBody>('POST', '/sandbox/connection', { state: 'offline' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toContain('"state" must be one of "connected", "disconnected"');
    });
  });

  describe('reset', () => {
    it('forgets conversations and tasks, restores the start-up config and reconnects', async () => {
      const { conversationSid, taskSid } = await create({ channelType: 'web' });
      await api('PUT', '/sandbox/config', { customerInactivity: { timer_sec: 9 } });
      await api('POST', '/sandbox/connection', { state: 'disconnected' });
      await api('GET', '/twilio/flex.twilio.com/api/v1/Session');
      expect((await api<unknown[]>('GET', '/sandbox/requests')).body).toHaveLength(1);
      expect(await api('POST', '/sandbox/reset')).toEqual({ status: 200, body: { ok: true } });
      expect((await api('GET', `/sandbox/tasks/${taskSid}`)).status).toBe(404);
      expect((await api('GET', `/sandbox/conversations/${conversationSid}/messages`)).status).toBe(404);
      expect((await api('GET', '/sandbox/config')).body).toEqual({ customerInactivity: INITIAL_CONFIG });
      expect(await api('GET', '/sandbox/internal/conversations')).toEqual({ status: 200, body: [] });
      expect((await api('GET', '/sandbox/requests')).body).toEqual([]);
    });
  });

  describe('routing', () => {
    it('answers 404 for unknown routes, naming the methods a known path supports', async () => {
      const unknown = await api<ErrorBody>('GET', '/sandbox/nothing-here');
      expect(unknown).toEqual({ status: 404, body: { error: 'no route GET /sandbox/nothing-here' } });
      const wrongMethod = await api<ErrorBody>('DELETE', '/sandbox/config');
      expect(wrongMethod.status).toBe(404);
      expect(wrongMethod.body.error).toContain('this path supports GET, PUT');
    });
  });
});
