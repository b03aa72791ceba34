/** @jest-environment node */
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { ACCOUNT_SID, AUTH_TOKEN, envFor, runConfigure } from './cliHarness';
import { ExitCode } from './exitCodes';
import { startFakeFlexApi } from './fakeFlexApi';
import type { FakeFlexApi } from './fakeFlexApi';
import type { JsonObject } from './jsonValue';

let api: FakeFlexApi;

beforeEach(async () => {
  api = await startFakeFlexApi({
    accountSid: ACCOUNT_SID,
    uiAttributes: { colorTheme: { baseName: 'GreyDark' }, customerInactivity: { timer_sec: 35 } },
    logins: [[ACCOUNT_SID, AUTH_TOKEN]],
  });
});

afterEach(() => api.close());

const SET = ['set', '--timer', '600', '--yes'];
const posts = () => api.requests.filter((request) => request.method === 'POST');

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('API failures', () => {
  it('exits 3 when credentials are missing, before any request', async () => {
    const run = await runConfigure(SET, { env: { FLEX_API_BASE_URL: api.baseUrl } });
    expect(run.code).toBe(ExitCode.MissingCredentials);
    expect(run.stderr).toBe(
      'error: No Twilio credentials: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_ACCOUNT_SID with ' +
        'TWILIO_API_KEY and TWILIO_API_SECRET.\n',
    );
    expect(api.requests).toHaveLength(0);
  });

  it('exits 4 on HTTP 401 (a wrong auth token)', async () => {
    const run = await runConfigure(['show'], { env: { ...envFor(api.baseUrl), TWILIO_AUTH_TOKEN: 'wrong' } });
    expect(run.code).toBe(ExitCode.AuthFailed);
    expect(run.stderr).toBe(
      'error: Twilio rejected the credentials while reading the Flex configuration (HTTP 401, Twilio error 20003: ' +
        'Authenticate, https://www.twilio.com/docs/errors/20003). Check TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, ' +
        'or TWILIO_API_KEY and TWILIO_API_SECRET, and that an API key belongs to that account.\n',
    );
  });

  it('exits 4 on HTTP 403', async () => {
    api.behaviour = { kind: 'fail', status: 403 };
    const run = await runConfigure(SET, { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.AuthFailed);
    expect(run.stderr).toContain('error: Twilio refused access while reading the Flex configuration (HTTP 403');
    expect(posts()).toHaveLength(0);
  });

  it('exits 5 on HTTP 404, naming the URL it tried', async () => {
    const run = await runConfigure(['show', '--api-base-url', `${api.baseUrl}/wrong-prefix`], { env: envFor('') });
    expect(run.code).toBe(ExitCode.NotFound);
    expect(run.stderr).toContain(
      `error: No Flex Configuration at ${api.baseUrl}/wrong-prefix/v1/Configuration (HTTP 404`,
    );
  });

  it('exits 6 on HTTP 5xx while reading', async () => {
    api.behaviour = { kind: 'fail', status: 503, method: 'GET' };
    const run = await runConfigure(SET, { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.ApiError);
    expect(run.stderr).toContain('The Flex Configuration API failed while reading the Flex configuration (HTTP 503');
    expect(run.stderr).toContain('Try again later.');
  });

  it('exits 6 on HTTP 5xx while writing, saying the write may have happened', async () => {
    api.behaviour = { kind: 'fail', status: 500, method: 'POST' };
    const run = await runConfigure(SET, { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.ApiError);
    expect(run.stderr).toContain('while writing the Flex configuration (HTTP 500');
    expect(run.stderr).toContain('The change may or may not have been saved: run `show` to check.');
  });

  it('exits 6, writing nothing, when ui_attributes is not an object', async () => {
    api.uiAttributes = [1, 2] as unknown as JsonObject;
    const run = await runConfigure(SET, { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.ApiError);
    expect(run.stderr).toBe(
      'error: The Flex Configuration returned by the API has ui_attributes that are not an object; nothing was written.\n',
    );
    expect(posts()).toHaveLength(0);
  });

  it('exits 7 when the API does not answer within --timeout', async () => {
    api.behaviour = { kind: 'hang' };
    const started = Date.now();
    const run = await runConfigure(['show', '--timeout', '0.3'], { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.Network);
    expect(run.stderr).toBe(
      `error: No answer from ${api.baseUrl}/v1/Configuration within 0.3 s while reading the Flex configuration. ` +
        'Check the network or proxy, or raise --timeout.\n',
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('exits 7 when nothing listens at the base URL', async () => {
    const port = await closedPort();
    const run = await runConfigure(['show'], { env: envFor(`http://127.0.0.1:${port}`) });
    expect(run.code).toBe(ExitCode.Network);
    expect(run.stderr).toContain(`error: Could not reach http://127.0.0.1:${port}/v1/Configuration`);
    expect(run.stderr).toContain('ECONNREFUSED');
  });
});

describe('concurrent change', () => {
  it('exits 8 and writes nothing when ui_attributes changed between the read and the write', async () => {
    api.behaviour = { kind: 'changeAfterFirstRead', change: (ui) => ({ ...ui, language: 'fr-FR' }) };
    const run = await runConfigure(SET, { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.ChangedConcurrently);
    expect(run.stderr).toBe(
      `error: Nothing was written: the Flex configuration of account ${ACCOUNT_SID} changed after it was read ` +
        '(someone else saved it meanwhile). Run the command again to apply your change to the new configuration.\n',
    );
    expect(posts()).toHaveLength(0);
    expect(api.uiAttributes).toEqual({
      colorTheme: { baseName: 'GreyDark' },
      customerInactivity: { timer_sec: 35 },
      language: 'fr-FR',
    });
  });

  it('also catches a concurrent change to customerInactivity itself', async () => {
    api.behaviour = {
      kind: 'changeAfterFirstRead',
      change: (ui) => ({ ...ui, customerInactivity: { timer_sec: 45 } }),
    };
    const run = await runConfigure(SET, { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.ChangedConcurrently);
    expect(posts()).toHaveLength(0);
  });

  it('does not mistake a different key order for a change', async () => {
    api.behaviour = {
      kind: 'changeAfterFirstRead',
      change: (ui) => Object.fromEntries(Object.entries(ui).reverse()),
    };
    const run = await runConfigure(SET, { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.Ok);
    expect(posts()).toHaveLength(1);
  });
});
