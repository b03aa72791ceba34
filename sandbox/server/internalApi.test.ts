/**
 * @jest-environment ./sandbox/server/testing/nodeWithFetch.environment.ts
 */
import type { ConversationDto, MessageDto, MessagePageDto, ReservationDto } from '../shared/protocol';
import type { WorkerViewDto } from './protocolAdditions';
import type { TestSandbox } from './testing/sandboxHarness';
import { call, startTestSandbox } from './testing/sandboxHarness';

type Created = { conversationSid: string; taskSid: string };
type ErrorBody = { error: string };

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.server.close());
beforeEach(() => call(sandbox.url, 'POST', '/sandbox/reset'));

const api = <T = unknown>(method: string, path: string, body?: unknown) => call<T>(sandbox.url, method, path, body);
const create = async (body: unknown): Promise<Created> =>
  (await api<Created>('POST', '/sandbox/conversations', body)).body;
const worker = async (): Promise<WorkerViewDto> => (await api<WorkerViewDto>('GET', '/sandbox/internal/worker')).body;
const reservationOf = async (taskSid: string): Promise<ReservationDto> => {
  const found = (await worker()).reservations.find((reservation) => reservation.task.sid === taskSid);
  if (found === undefined) throw new Error(`no open reservation for ${taskSid}`);
  return found;
};
const act = (reservationSid: string, action: string) =>
  api<ReservationDto & ErrorBody>('POST', `/sandbox/internal/reservations/${reservationSid}/${action}`, {});
const statusOf = async (taskSid: string): Promise<string> =>
  (await api<{ status: string }>('GET', `/sandbox/tasks/${taskSid}`)).body.status;

describe('sandbox/server internal routes', () => {
  describe('worker and reservations', () => {
    it('describes the one worker, its activities and the open reservations', async () => {
      const { taskSid } = await create({ channelType: 'web', autoAccept: false });
      const view = await worker();
      expect(view.worker).toMatchObject({
        identity: 'agent@sandbox.local',
        activityName: 'Available',
        available: true,
      });
      expect(view.worker.sid).toMatch(/^WK[0-9a-f]{32}$/);
      expect(view.activities.map((activity) => activity.name)).toEqual([
        'Available',
        'Unavailable',
        'Break',
        'Offline',
      ]);
      expect(view.reservations).toHaveLength(1);
      expect(view.reservations[0]).toMatchObject({
        status: 'pending',
        workerSid: view.worker.sid,
        task: { sid: taskSid },
      });
    });

    it('accepts, wraps and completes, moving the task along', async () => {
      const { taskSid, conversationSid } = await create({ channelType: 'web', autoAccept: false });
      const { sid } = await reservationOf(taskSid);
      expect(await api('GET', `/sandbox/internal/conversations/${conversationSid}`)).toMatchObject({ status: 403 });
      expect((await act(sid, 'accept')).body.status).toBe('accepted');
      expect(await statusOf(taskSid)).toBe('accepted');
      // Accepting puts the agent in the conversation.
      const conversations = (await api<ConversationDto[]>('GET', '/sandbox/internal/conversations')).body;
      expect(conversations.map((conversation) => conversation.sid)).toEqual([conversationSid]);
      expect((await act(sid, 'wrap')).body.status).toBe('wrapping');
      expect(await statusOf(taskSid)).toBe('wrapping');
      expect((await act(sid, 'complete')).body.status).toBe('completed');
      expect(await statusOf(taskSid)).toBe('completed');
      expect((await worker()).reservations).toEqual([]);
    });

    it('rejects an offer; the task waits in the queue again', async () => {
      const { taskSid } = await create({ channelType: 'sms', autoAccept: false });
      const { sid } = await reservationOf(taskSid);
      expect((await act(sid, 'reject')).body.status).toBe('rejected');
      expect(await statusOf(taskSid)).toBe('pending');
    });

    it('refuses what TaskRouter refuses, names unknown sids and actions', async () => {
      const { taskSid } = await create({ channelType: 'web' });
      const { sid } = await reservationOf(taskSid);
      const again = await act(sid, 'accept');
      expect(again.status).toBe(409);
      expect(again.body.error).toContain('accept needs a reservation that is pending, not accepted');
      expect(await act('WRmissing', 'accept')).toEqual({
        status: 404,
        body: { error: 'reservation WRmissing not found' },
      });
      const unknownAction = await act(sid, 'snooze');
      expect(unknownAction.status).toBe(404);
      expect(unknownAction.body.error).toContain('expected accept, reject, wrap, complete');
    });

    it('changes the worker activity', async () => {
      const offline = (await worker()).activities.find((activity) => activity.name === 'Offline');
      const answer = await api('POST', '/sandbox/internal/worker/activity', { activitySid: offline?.sid });
      expect(answer).toMatchObject({ status: 200, body: { activityName: 'Offline', available: false } });
      expect((await worker()).worker.activityName).toBe('Offline');
      expect((await api('POST', '/sandbox/internal/worker/activity', { activitySid: 'WAnope' })).status).toBe(404);
    });
  });

  describe('conversations', () => {
    it('describes a conversation with its participants and interaction', async () => {
      const { conversationSid } = await create({ channelType: 'whatsapp', customerName: 'Bo' });
      const { status, body } = await api<ConversationDto>('GET', `/sandbox/internal/conversations/${conversationSid}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ sid: conversationSid, state: 'active', friendlyName: 'Bo', lastMessageIndex: null });
      expect(body.interactionSid).toMatch(/^KD/);
      expect(body.participants.map((p) => [p.role, p.type])).toEqual([
        ['customer', 'whatsapp'],
        ['agent', 'chat'],
      ]);
      expect(body.participants[0]?.address).toMatch(/^whatsapp:\+1555/);
      expect(body.participants[0]?.attributes).toEqual({ friendlyName: 'Bo' });
    });

    it('answers 404 for an unknown conversation and 503 while disconnected', async () => {
      const { conversationSid } = await create({ channelType: 'web' });
      expect((await api('GET', '/sandbox/internal/conversations/CHnope')).status).toBe(404);
      await api('POST', '/sandbox/connection', { state: 'disconnected' });
      for (const path of ['', `/${conversationSid}`, `/${conversationSid}/messages`]) {
        const answer = await api<ErrorBody>('GET', `/sandbox/internal/conversations${path}`);
        expect(answer).toEqual({
          status: 503,
          body: { error: "the agent's Conversations connection is disconnected" },
        });
      }
      const send = await api('POST', `/sandbox/internal/conversations/${conversationSid}/messages`, {
        author: 'agent@sandbox.local',
        body: 'x',
      });
      expect(send.status).toBe(503);
    });

    it('sends as the agent client, seen by the automation API as from agent', async () => {
      const { conversationSid } = await create({ channelType: 'web' });
      const sent = await api<MessageDto>('POST', `/sandbox/internal/conversations/${conversationSid}/messages`, {
        author: 'agent@sandbox.local',
        body: 'Are you still there?',
        attributes: { inactivityWarning: true },
      });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({
        index: 0,
        author: 'agent@sandbox.local',
        attributes: { inactivityWarning: true },
      });
      expect(sent.body.participantSid).toMatch(/^MB/);
      const transcript = await api<Array<{ from: string; body: string }>>(
        'GET',
        `/sandbox/conversations/${conversationSid}/messages`,
      );
      expect(transcript.body).toEqual([
        expect.objectContaining({ from: 'agent', body: 'Are you still there?' }) as unknown,
      ]);
    });

    it('refuses a message from someone who is not a participant, or a bad body', async () => {
      const { conversationSid } = await create({ channelType: 'web' });
      const path = `/sandbox/internal/conversations/${conversationSid}/messages`;
      const stranger = await api<ErrorBody>('POST', path, { author: 'someone@else', body: 'x' });
      expect(stranger).toEqual({
        status: 403,
        body: { error: `someone@else is not a participant of conversation ${conversationSid}` },
      });
      const noAuthor = await api<ErrorBody>('POST', path, { body: 'x' });
      expect(noAuthor.status).toBe(400);
      expect(noAuthor.body.error).toContain('"author" is required');
    });

    it('moves the read horizon of a participant', async () => {
      const { conversationSid } = await create({ channelType: 'web' });
      await api('POST', `/sandbox/conversations/${conversationSid}/messages`, { from: 'customer', body: 'hi' });
      const conversation = (await api<ConversationDto>('GET', `/sandbox/internal/conversations/${conversationSid}`))
        .body;
      const agent = conversation.participants.find((p) => p.role === 'agent');
      const path = `/sandbox/internal/conversations/${conversationSid}/participants/${agent?.sid ?? ''}/read`;
      expect(await api('POST', path, { lastReadMessageIndex: 0 })).toMatchObject({
        status: 200,
        body: { lastReadMessageIndex: 0 },
      });
      expect((await api('POST', path, { lastReadMessageIndex: 5 })).status).toBe(400);
      expect((await api('POST', path, { lastReadMessageIndex: -1 })).status).toBe(400);
    });
  });

  describe('message paging', () => {
    let conversationSid: string;
    const page = async (query: string): Promise<MessagePageDto> =>
      (await api<MessagePageDto>('GET', `/sandbox/internal/conversations/${conversationSid}/messages${query}`)).body;
    const indexes = (result: MessagePageDto): number[] => result.items.map((item) => item.index);

    beforeEach(async () => {
      ({ conversationSid } = await create({ channelType: 'web' }));
      for (let i = 0; i < 35; i += 1) {
        await api('POST', `/sandbox/conversations/${conversationSid}/messages`, {
          from: i % 2 === 0 ? 'customer' : 'agent',
          body: `m${i}`,
        });
      }
    });

    it('returns the newest 30 by default, oldest first', async () => {
      const result = await page('');
      expect(indexes(result)).toEqual(Array.from({ length: 30 }, (_, i) => i + 5));
      expect(result).toMatchObject({ hasPrevPage: true, hasNextPage: false });
    });

    it('pages backwards from an anchor, anchor included', async () => {
      const result = await page('?pageSize=10&anchor=4&direction=backwards');
      expect(indexes(result)).toEqual([0, 1, 2, 3, 4]);
      expect(result).toMatchObject({ hasPrevPage: false, hasNextPage: true });
    });

    it('pages forward from an anchor', async () => {
      const result = await page('?pageSize=3&anchor=30&direction=forward');
      expect(indexes(result)).toEqual([30, 31, 32]);
      expect(result).toMatchObject({ hasPrevPage: true, hasNextPage: true });
    });

    it.each([
      ['?pageSize=0', 'query "pageSize" must be an integer from 1 to 100, got "0"'],
      ['?pageSize=abc', 'query "pageSize"'],
      ['?anchor=-2', 'query "anchor" must be an integer >= 0'],
      ['?direction=up', 'query "direction" must be "backwards" or "forward"'],
    ])('answers 400 for %s', async (query, message) => {
      const answer = await api<ErrorBody>('GET', `/sandbox/internal/conversations/${conversationSid}/messages${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toContain(message);
    });
  });
});
