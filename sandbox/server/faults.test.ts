/**
 * @jest-environment ./sandbox/server/testing/nodeWithFetch.environment.ts
 */
import type { LoggedRequest } from './requestLog';
import { useTestSandbox } from './testing/sandboxHarness';

type Created = { conversationSid: string; taskSid: string };
type ErrorBody = { error: string };
type TwilioErrorBody = { code: number; message: string; more_info: string; status: number };
type Attributes = { flexInteractionSid: string; flexInteractionChannelSid: string };
type Chat = Created & { channelUrl: string };

const suite = useTestSandbox();
const { api } = suite;
const taskStatus = async (taskSid: string): Promise<string> =>
  (await api<{ status: string }>('GET', `/sandbox/tasks/${taskSid}`)).body.status;

/** An accepted web chat, with the Interactions channel URL Flex's WrapupTask posts to. */
async function acceptedChat(): Promise<Chat> {
  const agent = await suite.stream('role=agent');
  const created = (await api<Created>('POST', '/sandbox/conversations', { channelType: 'web' })).body;
  const offer = await agent.take((event) => event.type === 'reservationCreated');
  agent.close();
  if (offer.type !== 'reservationCreated') throw new Error('no offer');
  const attributes = offer.reservation.task.attributes as Attributes;
  const channelUrl = `v1/Interactions/${attributes.flexInteractionSid}/Channels/${attributes.flexInteractionChannelSid}`;
  return { ...created, channelUrl };
}

/** The request Flex's WrapupTask makes for a Flex Conversations task, through TaskRouter's HTTP proxy. */
const wrapUp = (chat: Chat) =>
  api<{ payload: { status: string } } & TwilioErrorBody>('POST', '/twilio/event-bridge.twilio.com/v1/wschannels', {
    url: chat.channelUrl,
    method: 'POST',
    params: { status: 'closed', routing: { status: 'wrapup' } },
    token: 'x',
  });

const fault = (body: unknown) => api<Record<string, unknown> & ErrorBody>('POST', '/sandbox/faults', body);

describe('sandbox/server fault injection', () => {
  it('sets faults with their default delays and lists the pending ones in order', async () => {
    const chat = await acceptedChat();
    const failed = await fault({ taskSid: chat.taskSid, action: 'wrapup', outcome: 'fail' });
    expect(failed).toEqual({
      status: 201,
      body: { taskSid: chat.taskSid, action: 'wrapup', outcome: 'fail', delayMs: 0 },
    });
    const hung = await fault({ taskSid: chat.taskSid, action: 'wrapup', outcome: 'hang' });
    expect(hung.body).toEqual({ taskSid: chat.taskSid, action: 'wrapup', outcome: 'hang', delayMs: 30_000 });
    const slow = await fault({ taskSid: chat.taskSid, action: 'wrapup', outcome: 'fail', delayMs: 250 });
    expect(slow.body.delayMs).toBe(250);
    expect(await api('GET', '/sandbox/faults')).toEqual({ status: 200, body: [failed.body, hung.body, slow.body] });
  });

  it('fails the next wrap-up with a Twilio error and leaves the task accepted and the chat open', async () => {
    const chat = await acceptedChat();
    const agent = await suite.stream('role=agent');
    await fault({ taskSid: chat.taskSid, action: 'wrapup', outcome: 'fail' });

    const refused = await wrapUp(chat);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      code: 45360,
      message: expect.stringContaining('Failed to close Channel UO') as unknown,
      more_info: 'https://www.twilio.com/docs/errors/45360',
      status: 400,
    });
    expect(await taskStatus(chat.taskSid)).toBe('accepted');
    const customer = await api('POST', `/sandbox/conversations/${chat.conversationSid}/messages`, {
      from: 'customer',
      body: 'still here',
    });
    expect(customer.status).toBe(201);
    await agent.take((event) => event.type === 'messageAdded');
    expect(agent.ofType('reservationUpdated')).toEqual([]);
    agent.close();

    const log = (await api<LoggedRequest[]>('GET', '/sandbox/requests')).body;
    expect(log.at(-1)).toMatchObject({
      host: 'event-bridge.twilio.com',
      outcome: 'answered',
      status: 400,
      fault: { taskSid: chat.taskSid, action: 'wrapup', outcome: 'fail', delayMs: 0 },
    });
  });

  it('is consumed by one wrap-up request: the next one wraps up', async () => {
    const chat = await acceptedChat();
    await fault({ taskSid: chat.taskSid, action: 'wrapup', outcome: 'fail' });
    expect((await wrapUp(chat)).status).toBe(400);
    expect((await api('GET', '/sandbox/faults')).body).toEqual([]);
    const retried = await wrapUp(chat);
    expect(retried.status).toBe(200);
    expect(retried.body.payload.status).toBe('closed');
    expect(await taskStatus(chat.taskSid)).toBe('wrapping');
  });

  it('applies only to its own task', async () => {
    const faulted = await acceptedChat();
    const other = await acceptedChat();
    await fault({ taskSid: faulted.taskSid, action: 'wrapup', outcome: 'fail' });
    expect((await wrapUp(other)).status).toBe(200);
    expect(await taskStatus(other.taskSid)).toBe('wrapping');
    expect((await api<unknown[]>('GET', '/sandbox/faults')).body).toHaveLength(1);
  });

  it('holds a hung wrap-up for delayMs, during which the chat goes on, then fails it', async () => {
    const chat = await acceptedChat();
    await fault({ taskSid: chat.taskSid, action: 'wrapup', outcome: 'hang', delayMs: 400 });
    const started = Date.now();
    const pending = wrapUp(chat).then((answer) => ({ answer, tookMs: Date.now() - started }));

    // The fault leaves the list as soon as the request arrives; the request is then held.
    await waitUntil(async () => (await api<unknown[]>('GET', '/sandbox/faults')).body.length === 0);
    expect(await taskStatus(chat.taskSid)).toBe('accepted');
    const message = await api('POST', `/sandbox/conversations/${chat.conversationSid}/messages`, {
      from: 'customer',
      body: 'wait, one more thing',
    });
    expect(message.status).toBe(201);

    const { answer, tookMs } = await pending;
    expect(tookMs).toBeGreaterThanOrEqual(390);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe(45360);
    expect(await taskStatus(chat.taskSid)).toBe('accepted');
  });

  it('delays a failure by delayMs too', async () => {
    const chat = await acceptedChat();
    await fault({ taskSid: chat.taskSid, action: 'wrapup', outcome: 'fail', delayMs: 300 });
    const started = Date.now();
    expect((await wrapUp(chat)).status).toBe(400);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('copes with a client that gives up during the hold', async () => {
    const chat = await acceptedChat();
    await fault({ taskSid: chat.taskSid, action: 'wrapup', outcome: 'hang', delayMs: 300 });
    const abort = new AbortController();
    const request = fetch(`${suite.sandbox().url}/twilio/event-bridge.twilio.com/v1/wschannels`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: chat.channelUrl, method: 'POST', params: { routing: { status: 'wrapup' } } }),
      signal: abort.signal,
    });
    await waitUntil(async () => (await api<unknown[]>('GET', '/sandbox/faults')).body.length === 0);
    abort.abort();
    await expect(request).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await taskStatus(chat.taskSid)).toBe('accepted');
    expect((await api('GET', '/sandbox/health')).status).toBe(200);
  });

  it('is cleared by reset, which also answers held requests at once', async () => {
    const chat = await acceptedChat();
    const next = await acceptedChat();
    await fault({ taskSid: chat.taskSid, action: 'wrapup', outcome: 'hang' });
    await fault({ taskSid: next.taskSid, action: 'wrapup', outcome: 'fail' });
    const started = Date.now();
    const held = wrapUp(chat);
    await waitUntil(async () => (await api<unknown[]>('GET', '/sandbox/faults')).body.length === 1);
    await api('POST', '/sandbox/reset');
    expect((await held).status).toBe(400);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await api('GET', '/sandbox/faults')).body).toEqual([]);
  });

  describe('validation', () => {
    it('answers 404 naming an unknown task sid', async () => {
      const answer = await fault({ taskSid: 'WT123', action: 'wrapup', outcome: 'fail' });
      expect(answer).toEqual({ status: 404, body: { error: 'task WT123 not found' } });
    });

    it.each([
      [{ action: 'wrapup', outcome: 'fail' }, '"taskSid" is required: a non-empty string'],
      [{ taskSid: 'WT1', outcome: 'fail' }, '"action" is required: one of "wrapup"'],
      [{ taskSid: 'WT1', action: 'complete', outcome: 'fail' }, '"action" must be one of "wrapup", got "complete"'],
      [{ taskSid: 'WT1', action: 'wrapup' }, '"outcome" is required: one of "fail", "hang"'],
      [{ taskSid: 'WT1', action: 'wrapup', outcome: 'slow' }, '"outcome" must be one of "fail", "hang", got "slow"'],
      [{ taskSid: 'WT1', action: 'wrapup', outcome: 'hang', delayMs: -1 }, '"delayMs" must be a whole number'],
      [{ taskSid: 'WT1', action: 'wrapup', outcome: 'hang', delayMs: 1.5 }, '"delayMs" must be a whole number'],
      [{ taskSid: 'WT1', action: 'wrapup', outcome: 'hang', delayMs: '100' }, 'got "100"'],
      [{ taskSid: 'WT1', action: 'wrapup', outcome: 'hang', delayMs: 600_001 }, 'from 0 to 600000'],
      [{ taskSid: 'WT1', action: 'wrapup', outcome: 'fail', times: 2 }, 'unknown field "times"'],
      [[1], 'body must be a JSON object, got an array'],
    ])('answers 400 for %j naming the problem', async (body, message) => {
      const answer = await fault(body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toContain(message);
      expect((await api('GET', '/sandbox/faults')).body).toEqual([]);
    });
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
