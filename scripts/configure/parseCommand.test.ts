/** @jest-environment node */
import { CliError } from './cliError';
import type { Command } from './command';
import { ExitCode } from './exitCodes';
import { parseCommand } from './parseCommand';

const parse = (argv: string[], env: Record<string, string> = {}): Command => parseCommand(argv, env);

function usageErrorOf(argv: string[], env: Record<string, string> = {}): string {
  try {
    parse(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.Usage);
    return (error as CliError).message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseCommand', () => {
  it('reads help from no command, "help", --help and -h', () => {
    for (const argv of [[], ['help'], ['--help'], ['set', '-h']]) expect(parse(argv)).toEqual({ kind: 'help' });
  });

  it('reads show with the default connection', () => {
    expect(parse(['show'])).toEqual({ kind: 'show', connection: { apiBaseUrl: undefined, timeoutMs: 30_000 } });
  });

  it('takes the base URL from --api-base-url before FLEX_API_BASE_URL, and --timeout in seconds', () => {
    const env = { FLEX_API_BASE_URL: 'http://from-env' };
    expect(parse(['show'], env)).toMatchObject({ connection: { apiBaseUrl: 'http://from-env' } });
    expect(parse(['show', '--api-base-url', 'https://proxy.example/flex', '--timeout=2.5'], env)).toEqual({
      kind: 'show',
      connection: { apiBaseUrl: 'https://proxy.example/flex', timeoutMs: 2500 },
    });
  });

  it('reads --report-outcome as the report_outcome setting', () => {
    expect(parse(['set', '--report-outcome', 'Customer inactive'])).toMatchObject({
      edit: { kind: 'flags', settings: [['report_outcome', 'Customer inactive']] },
    });
  });

  it('reads validate --file', () => {
    expect(parse(['validate', '--file', 'config.json'])).toEqual({ kind: 'validate', path: 'config.json' });
  });

  it('reads set flags as typed settings, in a fixed order, scoped to a channel', () => {
    const argv = [
      'set',
      '--start-on',
      'agent_reply',
      '--timer',
      '600',
      '--message',
      'Still there?',
      '--channel',
      'sms',
    ];
    expect(parse([...argv, '--warning=90', '--yes'])).toEqual({
      kind: 'set',
      edit: {
        kind: 'flags',
        channel: 'sms',
        settings: [
          ['timer_sec', 600],
          ['warning_sec', 90],
          ['warning_message', 'Still there?'],
          ['start_on', 'agent_reply'],
        ],
      },
      yes: true,
      connection: { apiBaseUrl: undefined, timeoutMs: 30_000 },
    });
  });

  it('reads --queue, alone or with --channel', () => {
    expect(parse(['set', '--queue', 'Billing', '--timer', '900'])).toMatchObject({
      edit: { kind: 'flags', queue: 'Billing', channel: undefined, settings: [['timer_sec', 900]] },
    });
    expect(parse(['set', '--queue=Sales team', '--channel', 'sms', '--timer', '60'])).toMatchObject({
      edit: { queue: 'Sales team', channel: 'sms' },
    });
  });

  it('reads --no-closing-message as null and --closing-message as text', () => {
    expect(parse(['set', '--no-closing-message'])).toMatchObject({ edit: { settings: [['closing_message', null]] } });
    expect(parse(['set', '--closing-message', 'Bye'])).toMatchObject({
      edit: { settings: [['closing_message', 'Bye']] },
    });
  });

  it('reads set --file and -y', () => {
    expect(parse(['set', '--file', 'c.json', '-y'])).toMatchObject({
      edit: { kind: 'file', path: 'c.json' },
      yes: true,
    });
  });

  it.each([
    [['frobnicate'], 'Unknown command "frobnicate"'],
    [['show', 'extra'], 'Unexpected argument "extra"'],
    [['show', '--timr', '3'], "Unknown option '--timr'"],
    [['show', '--timer', '3'], '"show" does not take --timer'],
    [['validate'], 'validate needs --file'],
    [['validate', '--file', 'c.json', '--yes'], '"validate" does not take --yes'],
    [['set'], 'set needs --file <path>, or at least one of'],
    [['set', '--channel', 'sms'], 'set needs --file'],
    [['set', '--file', 'c.json', '--timer', '3'], 'set takes either --file or flags, not both'],
    [['set', '--timer', '5m'], '--timer expects a number of seconds, got "5m"'],
    [['set', '--warning', ''], '--warning expects a number of seconds'],
    [['set', '--closing-message', 'x', '--no-closing-message'], 'contradict each other'],
    [['set', '--timer', '60', '--channel', ' '], '--channel needs a channel type'],
    [['set', '--timer', '60', '--queue', ''], '--queue needs a TaskRouter queue name'],
    [['set', '--queue', 'Billing'], 'set needs --file'],
    [['set', '--file', 'c.json', '--queue', 'Billing'], 'set takes either --file or flags, not both'],
    [['show', '--queue', 'Billing'], '"show" does not take --queue'],
    [['show', '--timeout', '0'], '--timeout must be more than 0'],
    [['show', '--api-base-url', 'not a url'], '--api-base-url is not a URL'],
    [['show', '--api-base-url', 'ftp://host'], 'must be an http:// or https:// URL'],
  ])('rejects %j', (argv, message) => {
    expect(usageErrorOf(argv)).toContain(message);
  });

  it('names FLEX_API_BASE_URL when the bad URL came from the environment', () => {
    expect(usageErrorOf(['show'], { FLEX_API_BASE_URL: 'flex-api' })).toContain('FLEX_API_BASE_URL is not a URL');
  });

  it('leaves range checks to the plugin validator', () => {
    expect(parse(['set', '--timer=-5'])).toMatchObject({ edit: { settings: [['timer_sec', -5]] } });
  });
});
