/** @jest-environment node */
import { ACCOUNT_SID, AUTH_TOKEN, envFor, runConfigure } from './cliHarness';
import { ExitCode } from './exitCodes';
import { startFakeFlexApi } from './fakeFlexApi';
import type { FakeFlexApi } from './fakeFlexApi';
import type { JsonObject } from './jsonValue';

const API_KEY = `SK${'b'.repeat(32)}`;
const API_SECRET = 'test-api-secret';

/** Keys other plugins and Flex itself keep in ui_attributes: none may change. */
const OTHER_KEYS: JsonObject = {
  colorTheme: { baseName: 'GreyDark', overrides: { MainHeader: { Container: { background: '#123' } } } },
  componentProps: { CRMContainer: { uriCallback: 'https://crm.example/{{task.attributes.from}}' } },
  language: 'en-US',
  warmTransfers: { enabled: true },
};

let api: FakeFlexApi;

beforeEach(async () => {
  api = await startFakeFlexApi({
    accountSid: ACCOUNT_SID,
    uiAttributes: { ...OTHER_KEYS, customerInactivity: { timer_sec: 35, warning_sec: 15 } },
    logins: [
      [ACCOUNT_SID, AUTH_TOKEN],
      [API_KEY, API_SECRET],
    ],
  });
});

afterEach(() => api.close());

const posts = () => api.requests.filter((request) => request.method === 'POST');
const withoutInactivity = ({ customerInactivity: _omitted, ...rest }: JsonObject) => rest;

describe('set', () => {
  it('changes only customerInactivity and keeps every other key of ui_attributes', async () => {
    const run = await runConfigure(['set', '--timer', '600', '--closing-message', 'Bye', '--yes'], {
      env: envFor(api.baseUrl),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stdout).toBe(
      `Changes to customerInactivity of account ${ACCOUNT_SID}:\n` +
        '- customerInactivity.timer_sec: 35\n+ customerInactivity.timer_sec: 600\n' +
        '+ customerInactivity.closing_message: "Bye"\n' +
        'Saved. Agents get the new settings the next time Flex loads.\n',
    );
    expect(api.uiAttributes).toEqual({
      ...OTHER_KEYS,
      customerInactivity: { timer_sec: 600, warning_sec: 15, closing_message: 'Bye' },
    });
    expect(Object.keys(api.uiAttributes)).toEqual([...Object.keys(OTHER_KEYS), 'customerInactivity']);
  });

  it('posts account_sid and the whole ui_attributes as JSON', async () => {
    await runConfigure(['set', '--timer', '600', '--yes'], { env: envFor(api.baseUrl) });
    const [post] = posts();
    expect(posts()).toHaveLength(1);
    expect(post?.contentType).toBe('application/json');
    expect(post?.body).toEqual({
      account_sid: ACCOUNT_SID,
      ui_attributes: { ...OTHER_KEYS, customerInactivity: { timer_sec: 600, warning_sec: 15 } },
    });
    // GET, GET again just before writing (the concurrency check), POST.
    expect(api.requests.map((request) => request.method)).toEqual(['GET', 'GET', 'POST']);
  });

  it('scopes flags to one channel with --channel', async () => {
    const argv = ['set', '--channel', 'sms', '--timer', '3600', '--warning', '600', '--start-on', 'agent_reply', '-y'];
    const run = await runConfigure(argv, { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.Ok);
    expect(api.uiAttributes.customerInactivity).toEqual({
      timer_sec: 35,
      warning_sec: 15,
      channels: { sms: { timer_sec: 3600, warning_sec: 600, start_on: 'agent_reply' } },
    });
    expect(withoutInactivity(api.uiAttributes)).toEqual(OTHER_KEYS);
  });

  it('scopes flags to one queue with --queue, and to its channel with --queue and --channel', async () => {
    const env = { env: envFor(api.baseUrl) };
    const queue = await runConfigure(['set', '--queue', 'Billing', '--timer', '900', '-y'], env);
    expect(queue.stdout).toContain('+ customerInactivity.queues.Billing.timer_sec: 900\n');
    const channel = await runConfigure(
      ['set', '--queue', 'Billing', '--channel', 'sms', '--warning', '120', '-y'],
      env,
    );
    expect(channel.stdout).toContain('+ customerInactivity.queues.Billing.channels.sms.warning_sec: 120\n');
    expect(api.uiAttributes.customerInactivity).toEqual({
      timer_sec: 35,
      warning_sec: 15,
      queues: { Billing: { timer_sec: 900, channels: { sms: { warning_sec: 120 } } } },
    });
  });

  it('refuses a queue setting the plugin would reject, naming its full path', async () => {
    const run = await runConfigure(['set', '--queue', 'Billing', '--channel', 'sms', '--timer', '2', '-y'], {
      env: envFor(api.baseUrl),
    });
    expect(run.code).toBe(ExitCode.InvalidConfig);
    expect(run.stdout + run.stderr).toContain('customerInactivity.queues.Billing.channels.sms.timer_sec (2) must be');
    expect(api.uiAttributes.customerInactivity).toEqual({ timer_sec: 35, warning_sec: 15 });
  });

  it('replaces customerInactivity with a file, keeping the other keys', async () => {
    const inactivity = { timer_sec: 900, warnings: [{ before_sec: 120, message: 'Still there, {{customerName}}?' }] };
    const files = { 'config.json': JSON.stringify({ customerInactivity: inactivity }) };
    const run = await runConfigure(['set', '--file', 'config.json', '--yes'], { env: envFor(api.baseUrl), files });
    expect(run.code).toBe(ExitCode.Ok);
    expect(api.uiAttributes).toEqual({ ...OTHER_KEYS, customerInactivity: inactivity });
  });

  it('adds customerInactivity when the account has none', async () => {
    api.uiAttributes = { ...OTHER_KEYS };
    const run = await runConfigure(['set', '--timer', '120', '--yes'], { env: envFor(api.baseUrl) });
    expect(run.stdout).toContain('+ customerInactivity.timer_sec: 120\n');
    expect(api.uiAttributes).toEqual({ ...OTHER_KEYS, customerInactivity: { timer_sec: 120 } });
  });

  it('authenticates with an API key and the account SID', async () => {
    const env = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_API_KEY: API_KEY, TWILIO_API_SECRET: API_SECRET };
    const run = await runConfigure(['set', '--timer', '120', '--yes'], {
      env: { ...env, FLEX_API_BASE_URL: api.baseUrl },
    });
    expect(run.code).toBe(ExitCode.Ok);
    const basic = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;
    expect(api.requests.map((request) => request.authorization)).toEqual([basic, basic, basic]);
    expect(posts()[0]?.body).toMatchObject({ account_sid: ACCOUNT_SID });
  });

  it('writes nothing when the values are already there', async () => {
    const run = await runConfigure(['set', '--timer', '35', '--yes'], { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stdout).toBe(
      `customerInactivity of account ${ACCOUNT_SID} already has these values; nothing to write.\n`,
    );
    expect(posts()).toHaveLength(0);
  });

  it('shows notices before writing but does not block on them', async () => {
    const files = { 'c.json': '{"timer_sec": 60, "warning_sec": 10, "channels": {"SMS": {"timer_sec": 90}}}' };
    const run = await runConfigure(['set', '--file', 'c.json', '--yes'], { env: envFor(api.baseUrl), files });
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stdout).toContain(
      'The plugin will report: 0 errors, 1 notice:\n[notice] customerInactivity.channels.SMS',
    );
    expect(posts()).toHaveLength(1);
  });
});

describe('set never sends invalid input', () => {
  it('refuses flags that make the configuration invalid, after reading but before any write', async () => {
    const run = await runConfigure(['set', '--warning', '50', '--timer', '30', '--yes'], { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.InvalidConfig);
    expect(run.stderr).toContain('The new customerInactivity has problems (as the plugin would report them): 1 error');
    expect(run.stderr).toContain('[error] customerInactivity.warning_sec (50) must be less than timer_sec (30)');
    expect(run.stderr).toContain('error: Nothing was written: fix the errors above and run the command again.');
    expect(posts()).toHaveLength(0);
  });

  it('refuses an invalid file without any request at all', async () => {
    const files = { 'c.json': '{"timer_sec": "600", "start_on": "sometimes"}' };
    const run = await runConfigure(['set', '--file', 'c.json', '--yes'], { env: envFor(api.baseUrl), files });
    expect(run.code).toBe(ExitCode.InvalidConfig);
    expect(run.stderr).toContain('2 errors, 0 notices');
    expect(api.requests).toHaveLength(0);
  });

  it('refuses a file that is not JSON without any request', async () => {
    const files = { 'c.json': '{ timer_sec: 600 }' };
    const run = await runConfigure(['set', '--file', 'c.json', '--yes'], { env: envFor(api.baseUrl), files });
    expect(run.code).toBe(ExitCode.InvalidConfig);
    expect(api.requests).toHaveLength(0);
  });

  it('refuses a malformed flag without any request', async () => {
    const run = await runConfigure(['set', '--timer', '10min', '--yes'], { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.Usage);
    expect(api.requests).toHaveLength(0);
  });
});

describe('set confirmation', () => {
  it('writes after "y" at the prompt', async () => {
    const run = await runConfigure(['set', '--timer', '600'], {
      env: envFor(api.baseUrl),
      interactive: true,
      answer: 'y\n',
    });
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stdout).toContain('Write these changes? [y/N] ');
    expect(posts()).toHaveLength(1);
  });

  it.each([['n\n'], ['\n'], ['yess\n'], ['']])('writes nothing when the answer is %j', async (answer) => {
    const run = await runConfigure(['set', '--timer', '600'], { env: envFor(api.baseUrl), interactive: true, answer });
    expect(run.code).toBe(ExitCode.NotConfirmed);
    expect(run.stderr).toBe('error: Nothing was written (not confirmed).\n');
    expect(posts()).toHaveLength(0);
  });

  it('refuses to write from a non-interactive stdin without --yes', async () => {
    const run = await runConfigure(['set', '--timer', '600'], {
      env: envFor(api.baseUrl),
      interactive: false,
      answer: 'y\n',
    });
    expect(run.code).toBe(ExitCode.NotConfirmed);
    expect(run.stderr).toContain('stdin is not a terminal, so nobody can confirm. Run again with --yes');
    expect(run.stdout).toContain('+ customerInactivity.timer_sec: 600');
    expect(posts()).toHaveLength(0);
  });
});
