/**
 * @jest-environment ./sandbox/server/testing/nodeWithFetch.environment.ts
 */
import type { PushEvent } from '../shared/protocol';
import type { LoggedRequest } from './requestLog';
import type { PushReader as Reader, TestSandbox } from './testing/sandboxHarness';
import { PushReader, call, startTestSandbox } from './testing/sandboxHarness';

type Created = { conversationSid: string; taskSid: string };
type Attributes = { flexInteractionSid: string; flexInteractionChannelSid: string; flexChannelInviteSid: string };

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ initialCustomerInactivity: { timer_sec: 45 } });
});
afterAll(() => sandbox.server.close());
beforeEach(async () => {
  await call(sandbox.url, 'POST', '/sandbox/reset');
  sandbox.logLines.length = 0;
});

const api = <T = unknown>(method: string, path: string, body?: unknown) => call<T>(sandbox.url, method, path, body);
const twilio = <T = unknown>(method: string, hostAndPath: string, body?: unknown) =>
  api<T>(method, `/twilio/${hostAndPath}`, body);

/** A conversation plus its task's Interactions sids, read from the offer pushed to the agent. */
async function conversationWithInteraction(
  autoAccept: boolean,
): Promise<Created & Attributes & { reservationSid: string }> {
  const agent = await PushReader.open(`${sandbox.url}/sandbox/internal/stream?role=agent`);
  const created = (await api<Created>('POST', '/sandbox/conversations', { channelType: 'web', autoAccept })).body;
  const offer = await agent.take((event) => event.type === 'reservationCreated');
  agent.close();
  if (offer.type !== 'reservationCreated') throw new Error('no offer');
  return { ...created, ...(offer.reservation.task.attributes as Attributes), reservationSid: offer.reservation.sid };
}

const proxy = (url: string, method: string, params: unknown) =>
  twilio<{ payload: Record<string, unknown> }>('POST', 'event-bridge.twilio.com/v1/wschannels', {
    url,
    method,
    params,
    token: 'x',
  });

describe('sandbox/server Twilio endpoints', () => {
  it('answers the Flex configuration in snake_case with version_compatibility and customerInactivity', async () => {
    const { status, body } = await twilio<Record<string, unknown>>(
      'GET',
      'flex-api.twilio.com/v1/Configuration?UiVersion=2.17.1',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      account_sid: expect.stringMatching(/^AC[0-9a-f]{32}$/) as unknown,
      taskrouter_workspace_sid: expect.stringMatching(/^WS[0-9a-f]{32}$/) as unknown,
      chat_service_instance_sid: expect.stringMatching(/^IS[0-9a-f]{32}$/) as unknown,
      flex_service_instance_sid: expect.stringMatching(/^IS[0-9a-f]{32}$/) as unknown,
      ui_version: '2.17.1',
      ui_attributes: { version_compatibility: 'yes', customerInactivity: { timer_sec: 45 } },
    });
    await api('PUT', '/sandbox/config', { customerInactivity: { timer_sec: 'soon' } });
    const after = await twilio<{ ui_attributes: unknown }>('GET', 'flex-api.twilio.com/v1/Configuration');
    expect(after.body.ui_attributes).toEqual({
      version_compatibility: 'yes',
      customerInactivity: { timer_sec: 'soon' },
    });
  });

  it('validates the token the agent page was given', async () => {
    const redirect = await fetch(`${sandbox.url}/`, { redirect: 'manual' });
    const token = new URL(redirect.headers.get('location') ?? '', sandbox.url).searchParams.get('Token') ?? '';
    const config = (await twilio<{ account_sid: string }>('GET', 'flex-api.twilio.com/v1/Configuration')).body;
    const info = await fetch(
      `${sandbox.url}/twilio/flex-api.twilio.com/v1/Accounts/${config.account_sid}/Tokens/Info`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Token: token }).toString(),
      },
    );
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({
      valid: true,
      identity: 'agent@sandbox.local',
      roles: ['agent'],
      account_sid: config.account_sid,
      worker_sid: expect.stringMatching(/^WK[0-9a-f]{32}$/) as unknown,
      expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
  });

  it('answers the login-time endpoints', async () => {
    expect((await twilio('GET', 'flex.twilio.com/api/v1/Features/sso-token-session-storage')).body).toEqual({
      enabled: false,
    });
    expect((await twilio('GET', 'flex.twilio.com/api/v1/Session')).body).toEqual({
      insights_active: false,
      features: [{ id: 'new-transfer-experience', enabled: true }],
    });
    const { flex_instance_sid: instance } = (
      await twilio<{ flex_instance_sid: string }>('GET', 'flex-api.twilio.com/v1/Configuration')
    ).body;
    const settings = await twilio('GET', `flex-api.twilio.com/v3/Instances/${instance}/TransferSettings`);
    expect(settings.body).toEqual({ transfer_settings: [{ enabled: true, transfer_notes_enabled: false }] });
    expect((await twilio('GET', 'flex.twilio.com/plugins?roles=agent')).body).toEqual([
      { name: 'plugin-test', version: '0.0.0-local', src: '/plugins/plugin-test.js', phase: 3 },
    ]);
    expect((await twilio('GET', 'flex-api.twilio.com/v1/account/provision/status')).status).toBe(200);
  });

  it('reports every Twilio component operational', async () => {
    const { body } = await twilio<{
      status: { description: string };
      components: Array<{ name: string; status: string }>;
      incidents: unknown[];
    }>('GET', 'status.twilio.com/api/v2/summary.json');
    expect(body.status.description).toBe('All Systems Operational');
    expect(body.incidents).toEqual([]);
    expect(body.components.find((component) => component.name === 'FLEX')?.status).toBe('operational');
  });

  it('answers assets offline: empty data, empty fonts, no sounds', async () => {
    expect(await twilio('GET', 'assets.flex.twilio.com/assets/countries.json')).toEqual({ status: 200, body: [] });
    expect(await twilio('GET', 'assets.flex.twilio.com/assets/flagPositions.json')).toEqual({ status: 200, body: {} });
    const font = await fetch(`${sandbox.url}/twilio/assets.twilio.com/public_assets/paste-fonts/1.5.1/fonts.css`);
    expect([font.status, font.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
    const sound = await fetch(
      `${sandbox.url}/twilio/media.twiliocdn.com/sdk/js/client/sounds/releases/1.0.0/incoming.mp3`,
    );
    expect(sound.status).toBe(404);
    const log = (await api<LoggedRequest[]>('GET', '/sandbox/requests')).body;
    expect(log.find((entry) => entry.path.endsWith('incoming.mp3'))).toMatchObject({
      outcome: 'answered',
      status: 404,
    });
  });

  it('refuses unknown hosts and paths with 404, logs them and says so on the console', async () => {
    const refused = await twilio<{ code: number; message: string }>('GET', 'api.example-twilio.com/v1/Things?x=1');
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe(20404);
    await twilio('POST', 'flex-api.twilio.com/v1/Configuration', {});
    const log = (await api<LoggedRequest[]>('GET', '/sandbox/requests')).body;
    expect(log.map((entry) => [entry.method, entry.host, entry.path, entry.outcome, entry.status])).toEqual([
      ['GET', 'api.example-twilio.com', '/v1/Things?x=1', 'refused', 404],
      ['POST', 'flex-api.twilio.com', '/v1/Configuration', 'refused', 404],
    ]);
    expect(sandbox.logLines).toEqual([
      '[sandbox] refused GET api.example-twilio.com/v1/Things?x=1',
      '[sandbox] refused POST flex-api.twilio.com/v1/Configuration',
    ]);
  });

  describe('Interactions through event-bridge wschannels', () => {
    it('wraps up on routing status wrapup, then completes on routing status closed', async () => {
      const c = await conversationWithInteraction(true);
      const agent: Reader = await PushReader.open(`${sandbox.url}/sandbox/internal/stream?role=agent`);
      const channelUrl = `v1/Interactions/${c.flexInteractionSid}/Channels/${c.flexInteractionChannelSid}`;
      const wrap = await proxy(channelUrl, 'POST', { status: 'closed', routing: { status: 'wrapup' } });
      expect(wrap.status).toBe(200);
      expect(wrap.body.payload).toMatchObject({
        sid: c.flexInteractionChannelSid,
        interaction_sid: c.flexInteractionSid,
        status: 'closed',
      });
      expect((await api<{ status: string }>('GET', `/sandbox/tasks/${c.taskSid}`)).body.status).toBe('wrapping');
      expect(await agent.take((e) => e.type === 'reservationUpdated')).toMatchObject({
        event: 'wrapup',
        reservation: { status: 'wrapping' },
      });
      // A closed conversation takes no more messages.
      expect(
        (await api('POST', `/sandbox/conversations/${c.conversationSid}/messages`, { from: 'customer', body: 'late' }))
          .status,
      ).toBe(409);

      await proxy(channelUrl, 'POST', { status: 'closed', routing: { status: 'closed' } });
      expect((await api<{ status: string }>('GET', `/sandbox/tasks/${c.taskSid}`)).body.status).toBe('completed');
      expect(await agent.take((e) => e.type === 'reservationUpdated')).toMatchObject({ event: 'completed' });
      const left: PushEvent = await agent.take((e) => e.type === 'participantLeft');
      expect(left).toMatchObject({ participant: { role: 'agent' } });
      agent.close();
    });

    it('accepts through the channel invite, as Flex accepts a Flex Conversations task', async () => {
      const c = await conversationWithInteraction(false);
      const url = `v1/Interactions/${c.flexInteractionSid}/Channels/${c.flexInteractionChannelSid}/Invites/${c.flexChannelInviteSid}`;
      const routing = { type: 'taskrouter', reservation: { sid: c.reservationSid } };
      const accepted = await proxy(url, 'POST', { action: 'accept', routing });
      expect(accepted.status).toBe(200);
      expect(accepted.body.payload).toMatchObject({ sid: c.flexChannelInviteSid });
      expect((await api<{ status: string }>('GET', `/sandbox/tasks/${c.taskSid}`)).body.status).toBe('accepted');
      const again = await proxy(url, 'POST', { action: 'accept', routing });
      expect(again.status).toBe(409);
    });

    it('lists the channel participants in the REST shape Flex reads', async () => {
      const c = await conversationWithInteraction(true);
      const url = `v1/Interactions/${c.flexInteractionSid}/Channels/${c.flexInteractionChannelSid}/Participants`;
      const { body } = await proxy(url, 'GET', {});
      const conversation = (
        await api<{ participants: Array<{ sid: string; role: string }> }>(
          'GET',
          `/sandbox/internal/conversations/${c.conversationSid}`,
        )
      ).body;
      const mbOf = (role: string) => conversation.participants.find((p) => p.role === role)?.sid;
      expect(body.payload).toMatchObject({
        channel_type: 'web',
        participants: [
          {
            sid: expect.stringMatching(/^UT[0-9a-f]{32}$/) as unknown,
            type: 'customer',
            interaction_sid: c.flexInteractionSid,
            channel_sid: c.flexInteractionChannelSid,
            media_properties: { sid: mbOf('customer'), conversation_sid: c.conversationSid, type: 'chat' },
            routing_properties: null,
          },
          {
            type: 'agent',
            media_properties: { sid: mbOf('agent'), identity: 'agent@sandbox.local' },
            routing_properties: {
              task_sid: c.taskSid,
              reservation_sid: c.reservationSid,
              worker_sid: expect.stringMatching(/^WK/) as unknown,
            },
          },
        ],
      });
      const channels = await proxy(`v1/Interactions/${c.flexInteractionSid}/Channels`, 'GET', {});
      expect(channels.body.payload).toMatchObject({
        channels: [{ sid: c.flexInteractionChannelSid, media_sid: c.conversationSid }],
      });
    });

    it('refuses Interactions requests it does not know, and names unknown interactions', async () => {
      const c = await conversationWithInteraction(true);
      const paused = await proxy(
        `v1/Interactions/${c.flexInteractionSid}/Channels/${c.flexInteractionChannelSid}`,
        'POST',
        { status: 'paused' },
      );
      expect(paused.status).toBe(404);
      const unknown = await proxy(`v1/Interactions/KDnope/Channels/UOnope/Participants`, 'GET', {});
      expect(unknown.status).toBe(404);
      expect(JSON.stringify(unknown.body)).toContain('KDnope');
      const log = (await api<LoggedRequest[]>('GET', '/sandbox/requests')).body;
      expect(log[0]).toMatchObject({
        host: 'event-bridge.twilio.com',
        outcome: 'refused',
        detail: expect.stringContaining('POST v1/Interactions/') as unknown,
      });
      expect(log[1]).toMatchObject({ outcome: 'answered', status: 404 });
      expect(
        sandbox.logLines.some((line) =>
          line.startsWith('[sandbox] refused POST event-bridge.twilio.com/v1/wschannels (POST'),
        ),
      ).toBe(true);
    });
  });
});
