/** @jest-environment node */
import { ACCOUNT_SID, AUTH_TOKEN, envFor, runConfigure } from './cliHarness';
import { ExitCode } from './exitCodes';
import { startFakeFlexApi } from './fakeFlexApi';
import type { FakeFlexApi } from './fakeFlexApi';

let api: FakeFlexApi;

beforeEach(async () => {
  api = await startFakeFlexApi({
    accountSid: ACCOUNT_SID,
    uiAttributes: { colorTheme: { baseName: 'GreyDark' }, customerInactivity: { timer_sec: 35, warning_sec: 15 } },
    logins: [[ACCOUNT_SID, AUTH_TOKEN]],
  });
});

afterEach(() => api.close());

describe('show', () => {
  it('prints customerInactivity and the validator verdict, through the twilio request path', async () => {
    const run = await runConfigure(['show'], { env: envFor(api.baseUrl) });
    expect(run).toEqual({
      code: ExitCode.Ok,
      stdout:
        `customerInactivity of account ${ACCOUNT_SID}:\n{\n  "timer_sec": 35,\n  "warning_sec": 15\n}\n\nAs the plugin sees it: No problems found.\n\n` +
        "What each queue and channel gets (most specific wins: top level < channel < queue < queue's channel):\n" +
        'queue  channel  enabled  timer_sec  warnings_sec  closing_message  start_on          extend_sec  report_outcome\n' +
        '(any)  (other)  yes      35         15            none             customer_message  300         none\n',
      stderr: '',
    });
    const [request] = api.requests;
    expect(api.requests).toHaveLength(1);
    expect(request).toMatchObject({ method: 'GET', path: '/v1/Configuration' });
    expect(request?.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
  });

  it('lists every problem and exits 1 when the stored value has errors', async () => {
    api.uiAttributes = { customerInactivity: { timer_sec: '35', timer_secs: 1 } };
    const run = await runConfigure(['show'], { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.InvalidConfig);
    expect(run.stdout).toContain(
      'As the plugin sees it: 1 error, 1 notice:\n[error] customerInactivity.timer_sec ("35")',
    );
    expect(run.stdout).toContain('[notice] customerInactivity.timer_secs is not a known key');
  });

  it('prints the merged settings of every queue and channel as a table', async () => {
    api.uiAttributes = {
      customerInactivity: {
        timer_sec: 300,
        closing_message: 'We closed this chat because we did not hear back.',
        report_outcome: 'Customer inactive',
        channels: { sms: { timer_sec: 3600, warning_sec: 600 } },
        queues: { Billing: { timer_sec: 900, warnings: [], channels: { web: { start_on: 'agent_reply' } } } },
      },
    };
    const run = await runConfigure(['show'], { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stdout.slice(run.stdout.indexOf('queue  '))).toBe(
      [
        'queue    channel  enabled  timer_sec  warnings_sec  closing_message             start_on          extend_sec  report_outcome',
        '(any)    (other)  yes      300        60            "We closed this chat bec…"  customer_message  300         "Customer inactive"',
        '(any)    sms      yes      3600       600           "We closed this chat bec…"  customer_message  300         "Customer inactive"',
        'Billing  (other)  yes      900        none          "We closed this chat bec…"  customer_message  300         "Customer inactive"',
        'Billing  sms      yes      900        none          "We closed this chat bec…"  customer_message  300         "Customer inactive"',
        'Billing  web      yes      900        none          "We closed this chat bec…"  agent_reply       300         "Customer inactive"',
        '',
      ].join('\n'),
    );
  });

  it('says when customerInactivity is not set', async () => {
    api.uiAttributes = { colorTheme: {} };
    const run = await runConfigure(['show'], { env: envFor(api.baseUrl) });
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stdout).toContain('(not set: the plugin uses its defaults)');
    expect(run.stdout).toContain('[notice] customerInactivity was not found in ui_attributes');
  });

  it('takes the base URL from --api-base-url too', async () => {
    const env = { ...envFor('http://127.0.0.1:9'), FLEX_API_BASE_URL: undefined };
    const run = await runConfigure(['show', '--api-base-url', api.baseUrl], { env });
    expect(run.code).toBe(ExitCode.Ok);
  });
});

describe('validate', () => {
  it('exits 0 for a valid file, with no credentials and no request', async () => {
    const files = { 'ok.json': '{"timer_sec": 600, "channels": {"sms": {"timer_sec": 3600}}}' };
    const run = await runConfigure(['validate', '--file', 'ok.json'], { files });
    expect(run).toEqual({ code: ExitCode.Ok, stdout: 'ok.json: No problems found.\n', stderr: '' });
    expect(api.requests).toHaveLength(0);
  });

  it('exits 1 and lists every problem for an invalid file', async () => {
    const files = { 'bad.json': '{"customerInactivity": {"timer_sec": 2, "warning_sec": "x"}, "colorTheme": {}}' };
    const run = await runConfigure(['validate', '--file', 'bad.json'], { files });
    expect(run.code).toBe(ExitCode.InvalidConfig);
    expect(run.stdout).toMatch(
      /^bad\.json: 2 errors, 0 notices:\n\[error\] customerInactivity\.timer_sec \(2\).*\n\[error\] customerInactivity\.warning_sec \("x"\)/,
    );
    expect(run.stderr).toBe('note: only customerInactivity is read from bad.json; ignoring colorTheme.\n');
  });

  it('exits 1 for a file that is not JSON and 2 for a file that cannot be read', async () => {
    const notJson = await runConfigure(['validate', '--file', 'c.json'], { files: { 'c.json': 'timer_sec: 60' } });
    expect(notJson.code).toBe(ExitCode.InvalidConfig);
    expect(notJson.stderr).toContain('error: c.json is not valid JSON');
    const missing = await runConfigure(['validate', '--file', 'nope.json']);
    expect(missing.code).toBe(ExitCode.Usage);
    expect(missing.stderr).toContain('error: Cannot read nope.json: ENOENT');
  });
});

describe('help and usage', () => {
  it('prints the commands and every exit code', async () => {
    const run = await runConfigure(['--help']);
    expect(run.code).toBe(ExitCode.Ok);
    expect(run.stdout).toContain('Usage: npm run configure -- <command> [options]');
    for (const flag of ['--channel <type>', '--queue <name>']) expect(run.stdout).toContain(flag);
    for (let code = 0; code <= 10; code += 1) expect(run.stdout).toMatch(new RegExp(`^ *${code}  \\S`, 'm'));
  });

  it('exits 2 on a usage error and points at --help', async () => {
    const run = await runConfigure(['set', '--timer', 'soon']);
    expect(run).toEqual({
      code: ExitCode.Usage,
      stdout: '',
      stderr: 'error: --timer expects a number of seconds, got "soon".\nRun `npm run configure -- --help` for usage.\n',
    });
  });
});
