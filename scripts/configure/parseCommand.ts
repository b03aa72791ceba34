import { parseArgs } from 'util';
import { CliError } from './cliError';
import type { Command, Connection, FileEdit, FlagEdit, SettingKey, SettingValue } from './command';
import { ExitCode } from './exitCodes';

/** Per-request timeout when `--timeout` is not given: the twilio package's own default. */
export const DEFAULT_TIMEOUT_SEC = 30;
// Beyond this a hung proxy would keep an admin waiting for no good reason.
const MAX_TIMEOUT_SEC = 600;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  file: { type: 'string' },
  timer: { type: 'string' },
  warning: { type: 'string' },
  message: { type: 'string' },
  'closing-message': { type: 'string' },
  'no-closing-message': { type: 'boolean' },
  'start-on': { type: 'string' },
  'report-outcome': { type: 'string' },
  channel: { type: 'string' },
  queue: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  'api-base-url': { type: 'string' },
  timeout: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;
type Values = Partial<Record<OptionName, string | boolean>>;

/** The flags of `set` that change one key each: flag, key, and whether the value is seconds or text. */
const SETTING_FLAGS: ReadonlyArray<readonly [OptionName, SettingKey, 'seconds' | 'text']> = [
  ['timer', 'timer_sec', 'seconds'],
  ['warning', 'warning_sec', 'seconds'],
  ['message', 'warning_message', 'text'],
  ['closing-message', 'closing_message', 'text'],
  ['start-on', 'start_on', 'text'],
  ['report-outcome', 'report_outcome', 'text'],
];

const CONNECTION_OPTIONS: readonly OptionName[] = ['api-base-url', 'timeout'];
const EDIT_OPTIONS: readonly OptionName[] = [
  ...SETTING_FLAGS.map(([flag]) => flag),
  'no-closing-message',
  'channel',
  'queue',
];
const ALLOWED_OPTIONS: Readonly<Record<'show' | 'validate' | 'set', readonly OptionName[]>> = {
  show: CONNECTION_OPTIONS,
  validate: ['file'],
  set: ['file', ...EDIT_OPTIONS, 'yes', ...CONNECTION_OPTIONS],
};

/**
 * Parses the arguments after `npm run configure --` into a {@link Command}. `env` supplies `FLEX_API_BASE_URL`.
 * Throws a {@link CliError} with {@link ExitCode.Usage} for anything malformed, before any file or network access.
 */
export function parseCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  const { values, positionals } = tokenize(argv);
  const [name, ...extra] = positionals;
  if (values.help === true || name === undefined || name === 'help') return { kind: 'help' };
  if (name !== 'show' && name !== 'validate' && name !== 'set') {
    throw usage(`Unknown command "${name}": expected show, validate or set.`);
  }
  if (extra.length > 0) throw usage(`Unexpected argument "${extra.join(' ')}" after "${name}".`);
  rejectOptionsNotFor(name, values);
  if (name === 'validate') return { kind: 'validate', path: requireFile(values) };
  const connection = parseConnection(values, env);
  if (name === 'show') return { kind: 'show', connection };
  return { kind: 'set', edit: parseEdit(values), yes: values.yes === true, connection };
}

function tokenize(argv: readonly string[]): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs already words its errors for humans ("Unknown option '--timr'...").
    throw usage(error instanceof Error ? error.message : String(error));
  }
}

function rejectOptionsNotFor(name: keyof typeof ALLOWED_OPTIONS, values: Values): void {
  const allowed = ALLOWED_OPTIONS[name];
  const wrong = (Object.keys(values) as OptionName[]).filter((option) => !allowed.includes(option));
  if (wrong.length > 0) {
    throw usage(`"${name}" does not take ${wrong.map((option) => `--${option}`).join(', ')}.`);
  }
}

function requireFile(values: Values): string {
  const file = values.file;
  if (typeof file !== 'string' || file === '') throw usage('validate needs --file <path to a JSON file>.');
  return file;
}

function parseEdit(values: Values): FlagEdit | FileEdit {
  const flagsGiven = EDIT_OPTIONS.filter((option) => values[option] !== undefined);
  if (typeof values.file === 'string') {
    if (flagsGiven.length > 0) {
      throw usage(`set takes either --file or flags, not both (got --file with --${flagsGiven.join(', --')}).`);
    }
    return { kind: 'file', path: values.file };
  }
  const settings = readSettings(values);
  if (settings.length === 0) {
    throw usage(
      'set needs --file <path>, or at least one of --timer, --warning, --message, --closing-message, ' +
        '--no-closing-message, --start-on, --report-outcome.',
    );
  }
  return { kind: 'flags', queue: readScope(values, 'queue'), channel: readScope(values, 'channel'), settings };
}

function readSettings(values: Values): Array<readonly [SettingKey, SettingValue]> {
  if (values['no-closing-message'] === true && values['closing-message'] !== undefined) {
    throw usage('--closing-message and --no-closing-message contradict each other.');
  }
  const settings = SETTING_FLAGS.flatMap(([flag, key, kind]): Array<readonly [SettingKey, SettingValue]> => {
    const text = values[flag];
    if (typeof text !== 'string') return [];
    return [[key, kind === 'seconds' ? parseSeconds(`--${flag}`, text) : text]];
  });
  return values['no-closing-message'] === true ? [...settings, ['closing_message', null]] : settings;
}

/** `--channel <type>` or `--queue <name>`: where the flags apply. */
function readScope(values: Values, option: 'channel' | 'queue'): string | undefined {
  const name = values[option];
  if (name === undefined || typeof name === 'boolean') return undefined;
  if (name.trim() === '') {
    throw usage(
      option === 'channel'
        ? '--channel needs a channel type, e.g. --channel sms.'
        : '--queue needs a TaskRouter queue name, e.g. --queue Billing.',
    );
  }
  return name;
}

/** Only the shape is checked here; ranges are the plugin validator's job, so its messages stay the single source. */
function parseSeconds(flag: string, text: string): number {
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds)) {
    throw usage(`${flag} expects a number of seconds, got ${JSON.stringify(text)}.`);
  }
  return seconds;
}

function parseConnection(values: Values, env: Readonly<Record<string, string | undefined>>): Connection {
  const timeout = typeof values.timeout === 'string' ? parseSeconds('--timeout', values.timeout) : DEFAULT_TIMEOUT_SEC;
  if (timeout <= 0 || timeout > MAX_TIMEOUT_SEC) {
    throw usage(`--timeout must be more than 0 and at most ${MAX_TIMEOUT_SEC} seconds, got ${timeout}.`);
  }
  const flagUrl = typeof values['api-base-url'] === 'string' ? values['api-base-url'] : undefined;
  const envUrl = env.FLEX_API_BASE_URL === '' ? undefined : env.FLEX_API_BASE_URL;
  const apiBaseUrl = flagUrl ?? envUrl;
  if (apiBaseUrl !== undefined)
    checkBaseUrl(apiBaseUrl, flagUrl === undefined ? 'FLEX_API_BASE_URL' : '--api-base-url');
  return { apiBaseUrl, timeoutMs: Math.round(timeout * 1000) };
}

function checkBaseUrl(text: string, source: string): void {
  let protocol: string;
  try {
    protocol = new URL(text).protocol;
  } catch {
    throw usage(`${source} is not a URL: ${JSON.stringify(text)}.`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw usage(`${source} must be an http:// or https:// URL, got ${JSON.stringify(text)}.`);
  }
}

function usage(message: string): CliError {
  return new CliError(ExitCode.Usage, message);
}
