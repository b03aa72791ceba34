import fc from 'fast-check';
import { describeProblems, describeValue, formatPath } from './describeProblems';
import {
  CHANNEL_KEYS,
  DEFAULT_POLICY,
  DEFAULT_WARNING_MESSAGE,
  MAX_MESSAGE_LENGTH,
  MAX_TIMER_SEC,
  MAX_WARNINGS,
  MIN_TIMER_SEC,
  TOP_LEVEL_KEYS,
  parseInactivityConfig,
} from './parseInactivityConfig';
import { policyFor } from './policy';
import type { ChannelPolicy, ConfigProblem, ParsedConfig } from './policy';

const ORIGINAL_MESSAGE = 'We have not heard from you for a while, we will be closing the chat shortly';
const DEFAULTS_TEXT =
  'using the defaults (timer_sec 300, warning_sec 60, start_on "customer_message", extend_sec 300, no closing message).';
const KNOWN_TOP = TOP_LEVEL_KEYS.join(', ');
const KNOWN_CHANNEL = CHANNEL_KEYS.join(', ');
const PLACEHOLDERS_TEXT = 'known placeholders: {{remaining}}, {{customerName}}';

const messagesOf = (raw: unknown): string[] => parseInactivityConfig(raw).problems.map((problem) => problem.message);
const topPolicy = (raw: unknown): ChannelPolicy => parseInactivityConfig(raw).config.defaultPolicy;
const channelPolicy = (raw: unknown, type: string): ChannelPolicy =>
  policyFor(parseInactivityConfig(raw).config, { channelType: type });
const times = (policy: ChannelPolicy): number[] => policy.warnings.map((warning) => warning.beforeMs);
const warning = (beforeSec: number, message: string): { before_sec: number; message: string } => ({
  before_sec: beforeSec,
  message,
});

/** Everything downstream relies on these, whatever the admin typed. */
function expectUsable(parsed: ParsedConfig): void {
  const policies = [parsed.config.defaultPolicy, ...Object.values(parsed.config.channelPolicies)];
  for (const policy of policies) {
    expect(policy.timerMs).toBeGreaterThanOrEqual(MIN_TIMER_SEC * 1000);
    expect(policy.timerMs).toBeLessThanOrEqual(MAX_TIMER_SEC * 1000);
    expect(policy.extendMs).toBeGreaterThanOrEqual(1000);
    expect(['customer_message', 'agent_reply']).toContain(policy.startOn);
    expect(typeof policy.enabled).toBe('boolean');
    expect(policy.warnings.length).toBeLessThanOrEqual(MAX_WARNINGS);
    policy.warnings.forEach((item, index) => {
      expect(item.beforeMs).toBeGreaterThan(0);
      expect(item.beforeMs).toBeLessThan(policy.timerMs);
      expect(item.message.trim()).not.toBe('');
      expect(item.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      if (index > 0) expect(item.beforeMs).toBeLessThan(policy.warnings[index - 1]?.beforeMs ?? Infinity);
    });
  }
  for (const problem of parsed.problems) {
    expect(problem.key.startsWith('customerInactivity')).toBe(true);
    expect(problem.message.startsWith(problem.key)).toBe(true);
  }
}

describe('config/parseInactivityConfig', () => {
  describe('the original plugin shape', () => {
    it('gives a 35 s timer and one warning at 15 s with that message, and no problems', () => {
      const parsed = parseInactivityConfig({ timer_sec: 35, warning_sec: 15, warning_message: ORIGINAL_MESSAGE });
      expect(parsed.problems).toEqual([]);
      expect(parsed.config.defaultPolicy).toEqual({
        ...DEFAULT_POLICY,
        timerMs: 35_000,
        warnings: [{ beforeMs: 15_000, message: ORIGINAL_MESSAGE }],
      });
      expect(parsed.config.channelPolicies).toEqual({});
    });
  });

  describe('missing or non-object configuration', () => {
    it('reports exactly one notice when customerInactivity is absent, and uses the defaults', () => {
      const parsed = parseInactivityConfig(undefined);
      expect(parsed.problems).toEqual([
        {
          level: 'notice',
          key: 'customerInactivity',
          message: `customerInactivity was not found in ui_attributes; ${DEFAULTS_TEXT}`,
        },
      ]);
      expect(parsed.config.defaultPolicy).toEqual(DEFAULT_POLICY);
    });

    it('reports nothing for an empty object: the admin chose the defaults', () => {
      const parsed = parseInactivityConfig({});
      expect(parsed.problems).toEqual([]);
      expect(parsed.config.defaultPolicy).toEqual(DEFAULT_POLICY);
    });

    it.each([
      [null, 'null', 'null'],
      ['300', '"300"', 'a string'],
      [300, '300', 'a number'],
      [true, 'true', 'a boolean'],
      [[], '[]', 'an array'],
      [[{ timer_sec: 35 }], '[{"timer_sec":35}]', 'an array'],
    ])('rejects %p as a whole with one error naming its type', (raw, shown, type) => {
      const parsed = parseInactivityConfig(raw);
      expect(parsed.problems).toEqual([
        {
          level: 'error',
          key: 'customerInactivity',
          message: `customerInactivity (${shown}) must be an object, got ${type}; ${DEFAULTS_TEXT}`,
        },
      ]);
      expect(parsed.config.defaultPolicy).toEqual(DEFAULT_POLICY);
    });
  });

  describe('DEFAULT_POLICY', () => {
    it('is 300 s, one warning 60 s before with the default text, customer_message, no closing, 300 s extend', () => {
      expect(DEFAULT_POLICY).toEqual({
        enabled: true,
        timerMs: 300_000,
        startOn: 'customer_message',
        warnings: [{ beforeMs: 60_000, message: DEFAULT_WARNING_MESSAGE }],
        closingMessage: null,
        extendMs: 300_000,
        reportOutcome: null,
      });
      expect(DEFAULT_WARNING_MESSAGE).toContain('{{remaining}}');
    });

    it('is frozen, so no consumer can change the policy every conversation shares', () => {
      expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
      expect(Object.isFrozen(DEFAULT_POLICY.warnings)).toBe(true);
      expect(Object.isFrozen(topPolicy({ timer_sec: 90 }).warnings[0])).toBe(true);
    });
  });

  describe('valid top-level values', () => {
    const exactly1600 = 'a'.repeat(MAX_MESSAGE_LENGTH);
    const SHORT_WHATSAPP = { whatsapp: { timer_sec: 300, warning_sec: 60 } };

    it.each<[string, Record<string, unknown>, Partial<ChannelPolicy>]>([
      ['enabled false', { enabled: false }, { enabled: false }],
      ['the shortest timer', { timer_sec: 5, warning_sec: 1 }, { timerMs: 5_000 }],
      // WhatsApp gets its own shorter timer: a week would run past its 24-hour window (a notice of its own).
      ['the longest timer', { timer_sec: 604_800, channels: SHORT_WHATSAPP }, { timerMs: 604_800_000 }],
      ['a fractional timer', { timer_sec: 95.5 }, { timerMs: 95_500 }],
      ['a timer rounded to whole ms', { timer_sec: 120.3456 }, { timerMs: 120_346 }],
      ['agent_reply', { start_on: 'agent_reply' }, { startOn: 'agent_reply' }],
      ['customer_message', { start_on: 'customer_message' }, { startOn: 'customer_message' }],
      ['the shortest extend', { extend_sec: 1 }, { extendMs: 1_000 }],
      ['the longest extend', { extend_sec: 86_400 }, { extendMs: 86_400_000 }],
      ['a closing message', { closing_message: 'Bye {{customerName}}' }, { closingMessage: 'Bye {{customerName}}' }],
      ['closing_message null', { closing_message: null }, { closingMessage: null }],
      ['a 1600-character closing message', { closing_message: exactly1600 }, { closingMessage: exactly1600 }],
      [
        'a fractional warning',
        { warning_sec: 0.5 },
        { warnings: [{ beforeMs: 500, message: DEFAULT_WARNING_MESSAGE }] },
      ],
      [
        'warning_sec alone',
        { warning_sec: 20 },
        { warnings: [{ beforeMs: 20_000, message: DEFAULT_WARNING_MESSAGE }] },
      ],
      [
        'warning_message alone',
        { warning_message: 'Still there?' },
        { warnings: [{ beforeMs: 60_000, message: 'Still there?' }] },
      ],
      ['placeholders with spaces', { warning_message: 'Hi {{ customerName }}, {{ remaining }} left' }, {}],
      ['no warnings at all', { warnings: [] }, { warnings: [] }],
      [
        'the latest possible warning',
        { timer_sec: 604_800, warning_sec: 604_799.999, channels: SHORT_WHATSAPP },
        { warnings: [{ beforeMs: 604_799_999, message: DEFAULT_WARNING_MESSAGE }] },
      ],
    ])('accepts %s with no problems', (_name, raw, expected) => {
      const parsed = parseInactivityConfig(raw);
      expect(parsed.problems).toEqual([]);
      expect(parsed.config.defaultPolicy).toMatchObject(expected);
    });
  });

  describe('invalid top-level values', () => {
    const long = 'x'.repeat(MAX_MESSAGE_LENGTH + 1);
    it.each<[Record<string, unknown>, string, Partial<ChannelPolicy>]>([
      [
        { timer_sec: '35' },
        'customerInactivity.timer_sec ("35") must be a number of seconds, got a string; using the default 300.',
        { timerMs: 300_000 },
      ],
      [
        { timer_sec: 4.999 },
        'customerInactivity.timer_sec (4.999) must be between 5 and 604800 seconds; using the default 300.',
        { timerMs: 300_000 },
      ],
      [
        { timer_sec: 604_801 },
        'customerInactivity.timer_sec (604801) must be between 5 and 604800 seconds; using the default 300.',
        { timerMs: 300_000 },
      ],
      [
        { timer_sec: 0 },
        'customerInactivity.timer_sec (0) must be between 5 and 604800 seconds; using the default 300.',
        { timerMs: 300_000 },
      ],
      [
        { timer_sec: -35 },
        'customerInactivity.timer_sec (-35) must be between 5 and 604800 seconds; using the default 300.',
        { timerMs: 300_000 },
      ],
      [
        { timer_sec: 1e20 },
        'customerInactivity.timer_sec (100000000000000000000) must be between 5 and 604800 seconds; using the default 300.',
        { timerMs: 300_000 },
      ],
      [
        { timer_sec: Infinity },
        'customerInactivity.timer_sec (Infinity) must be a finite number of seconds; using the default 300.',
        { timerMs: 300_000 },
      ],
      [
        { timer_sec: NaN },
        'customerInactivity.timer_sec (NaN) must be a finite number of seconds; using the default 300.',
        { timerMs: 300_000 },
      ],
      [
        { timer_sec: true },
        'customerInactivity.timer_sec (true) must be a number of seconds, got a boolean; using the default 300.',
        { timerMs: 300_000 },
      ],
      [
        { timer_sec: null },
        'customerInactivity.timer_sec (null) must be a number of seconds, got null; using the default 300.',
        { timerMs: 300_000 },
      ],
      [
        { timer_sec: { sec: 35 } },
        'customerInactivity.timer_sec ({"sec":35}) must be a number of seconds, got an object; using the default 300.',
        { timerMs: 300_000 },
      ],
      [
        { timer_sec: [35] },
        'customerInactivity.timer_sec ([35]) must be a number of seconds, got an array; using the default 300.',
        { timerMs: 300_000 },
      ],
      [
        { enabled: 'false' },
        'customerInactivity.enabled ("false") must be true or false, got a string; using the default true.',
        { enabled: true },
      ],
      [
        { enabled: 0 },
        'customerInactivity.enabled (0) must be true or false, got a number; using the default true.',
        { enabled: true },
      ],
      [
        { start_on: 'agent' },
        'customerInactivity.start_on ("agent") must be "customer_message" or "agent_reply"; using the default "customer_message".',
        { startOn: 'customer_message' },
      ],
      [
        { start_on: 1 },
        'customerInactivity.start_on (1) must be "customer_message" or "agent_reply", got a number; using the default "customer_message".',
        { startOn: 'customer_message' },
      ],
      [
        { extend_sec: 0 },
        'customerInactivity.extend_sec (0) must be between 1 and 86400 seconds; using the default 300.',
        { extendMs: 300_000 },
      ],
      [
        { extend_sec: 86_401 },
        'customerInactivity.extend_sec (86401) must be between 1 and 86400 seconds; using the default 300.',
        { extendMs: 300_000 },
      ],
      [
        { extend_sec: '60' },
        'customerInactivity.extend_sec ("60") must be a number of seconds, got a string; using the default 300.',
        { extendMs: 300_000 },
      ],
      [
        { closing_message: 42 },
        'customerInactivity.closing_message (42) must be a string or null, got a number; using the default null (no closing message).',
        { closingMessage: null },
      ],
      [
        { closing_message: '   ' },
        'customerInactivity.closing_message ("   ") must not be empty; using the default null (no closing message).',
        { closingMessage: null },
      ],
      [
        { closing_message: long },
        `customerInactivity.closing_message ("${'x'.repeat(30)}…", 1601 characters) must be at most 1600 characters (the SMS and WhatsApp limit); using the default null (no closing message).`,
        { closingMessage: null },
      ],
      [
        { warning_sec: '15' },
        'customerInactivity.warning_sec ("15") must be a number of seconds, got a string; using the default warning (60 s before the deadline).',
        { warnings: DEFAULT_POLICY.warnings },
      ],
      [
        { warning_sec: 0 },
        'customerInactivity.warning_sec (0) must be greater than 0 seconds; using the default warning (60 s before the deadline).',
        { warnings: DEFAULT_POLICY.warnings },
      ],
      [
        { warning_sec: -5 },
        'customerInactivity.warning_sec (-5) must be greater than 0 seconds; using the default warning (60 s before the deadline).',
        { warnings: DEFAULT_POLICY.warnings },
      ],
      [
        { warning_sec: 0.0004 },
        'customerInactivity.warning_sec (0.0004) must be at least 0.001 seconds (1 ms); using the default warning (60 s before the deadline).',
        { warnings: DEFAULT_POLICY.warnings },
      ],
      [
        { warning_sec: -Infinity },
        'customerInactivity.warning_sec (-Infinity) must be a finite number of seconds; using the default warning (60 s before the deadline).',
        { warnings: DEFAULT_POLICY.warnings },
      ],
      [
        { timer_sec: 35, warning_sec: 40 },
        'customerInactivity.warning_sec (40) must be less than timer_sec (35); the warning is dropped.',
        { timerMs: 35_000, warnings: [] },
      ],
      [
        { timer_sec: 35, warning_sec: 35 },
        'customerInactivity.warning_sec (35) must be less than timer_sec (35); the warning is dropped.',
        { warnings: [] },
      ],
      [
        { warning_sec: 1e20 },
        'customerInactivity.warning_sec (100000000000000000000) must be less than 604800 seconds (the longest timer); using the default warning (60 s before the deadline).',
        { warnings: DEFAULT_POLICY.warnings },
      ],
      [
        { warning_message: '' },
        'customerInactivity.warning_message ("") must not be empty; using the default warning (60 s before the deadline).',
        { warnings: DEFAULT_POLICY.warnings },
      ],
      [
        { warning_sec: 15, warning_message: 5 },
        'customerInactivity.warning_message (5) must be a string, got a number; using the default message.',
        { warnings: [{ beforeMs: 15_000, message: DEFAULT_WARNING_MESSAGE }] },
      ],
      [
        { warning_sec: 'x', warning_message: 'Hi' },
        'customerInactivity.warning_sec ("x") must be a number of seconds, got a string; using the default 60.',
        { warnings: [{ beforeMs: 60_000, message: 'Hi' }] },
      ],
      [
        { warning_sec: 15, warning_message: long },
        `customerInactivity.warning_message ("${'x'.repeat(30)}…", 1601 characters) must be at most 1600 characters (the SMS and WhatsApp limit); using the default message.`,
        { warnings: [{ beforeMs: 15_000, message: DEFAULT_WARNING_MESSAGE }] },
      ],
    ])('%p: one error, and the fallback is used', (raw, message, expected) => {
      const parsed = parseInactivityConfig(raw);
      expect(parsed.problems).toEqual([{ level: 'error', key: expect.any(String) as unknown, message }]);
      expect(parsed.problems[0]?.message.startsWith(parsed.problems[0].key)).toBe(true);
      expect(parsed.config.defaultPolicy).toMatchObject(expected);
    });

    it('validates warnings against the default timer when timer_sec itself is invalid', () => {
      expect(messagesOf({ timer_sec: -1, warning_sec: 400 })).toEqual([
        'customerInactivity.timer_sec (-1) must be between 5 and 604800 seconds; using the default 300.',
        'customerInactivity.warning_sec (400) must be less than timer_sec (300); the warning is dropped.',
      ]);
      const kept = topPolicy({ timer_sec: '35', warning_sec: 100 });
      expect(kept.timerMs).toBe(300_000);
      expect(times(kept)).toEqual([100_000]);
    });

    it('tells (as a notice) that a timer shorter than the default warning leaves no warning', () => {
      const parsed = parseInactivityConfig({ timer_sec: 30 });
      expect(parsed.problems).toEqual([
        {
          level: 'notice',
          key: 'customerInactivity.timer_sec',
          message:
            'customerInactivity.timer_sec (30) is not greater than the default warning time (60 s before the deadline); the default warning is dropped (set warning_sec below 30 to send one).',
        },
      ]);
      expect(parsed.config.defaultPolicy.warnings).toEqual([]);
    });

    it('renders odd JavaScript values without throwing', () => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      expect(messagesOf({ timer_sec: BigInt(10) })).toEqual([
        'customerInactivity.timer_sec (10n) must be a number of seconds, got a bigint; using the default 300.',
      ]);
      expect(messagesOf({ timer_sec: circular })).toEqual([
        'customerInactivity.timer_sec (an object) must be a number of seconds, got an object; using the default 300.',
      ]);
      expect(messagesOf({ enabled: Symbol('x') })).toEqual([
        'customerInactivity.enabled (a symbol) must be true or false, got a symbol; using the default true.',
      ]);
    });
  });

  describe('warnings', () => {
    it('sorts several warnings by time before the deadline, descending, keeping each message with its time', () => {
      const policy = topPolicy({ warnings: [warning(30, 'last'), warning(120, 'first'), warning(60, 'middle')] });
      expect(policy.warnings).toEqual([
        { beforeMs: 120_000, message: 'first' },
        { beforeMs: 60_000, message: 'middle' },
        { beforeMs: 30_000, message: 'last' },
      ]);
    });

    it('notes that warning_sec and warning_message are ignored when warnings is set', () => {
      const parsed = parseInactivityConfig({
        warning_sec: 15,
        warning_message: 'old',
        warnings: [warning(45, 'new')],
      });
      expect(parsed.problems).toEqual([
        {
          level: 'notice',
          key: 'customerInactivity.warning_sec',
          message: 'customerInactivity.warning_sec (15) is ignored because customerInactivity.warnings is set.',
        },
        {
          level: 'notice',
          key: 'customerInactivity.warning_message',
          message: 'customerInactivity.warning_message ("old") is ignored because customerInactivity.warnings is set.',
        },
      ]);
      expect(parsed.config.defaultPolicy.warnings).toEqual([{ beforeMs: 45_000, message: 'new' }]);
    });

    it('drops each invalid item with an error naming its index, and keeps the others', () => {
      const raw = {
        warnings: [
          warning(90, 'ok'),
          { before_sec: '30', message: 'x' },
          7,
          { message: 'no time' },
          { before_sec: 10 },
          { before_sec: 20, message: '' },
          { before_sec: 40, message: 'also ok' },
        ],
      };
      expect(messagesOf(raw)).toEqual([
        'customerInactivity.warnings[1].before_sec ("30") must be a number of seconds, got a string; the warning is dropped.',
        'customerInactivity.warnings[2] (7) must be an object like {"before_sec": 60, "message": "..."}, got a number; the warning is dropped.',
        'customerInactivity.warnings[3].before_sec is missing (seconds before the deadline); the warning is dropped.',
        'customerInactivity.warnings[4].message is missing (the text to send); the warning is dropped.',
        'customerInactivity.warnings[5].message ("") must not be empty; the warning is dropped.',
      ]);
      expect(times(topPolicy(raw))).toEqual([90_000, 40_000]);
    });

    it('drops a later duplicate time with an error, keeping the first', () => {
      const raw = { warnings: [warning(60, 'a'), warning(30, 'b'), warning(60, 'c')] };
      expect(parseInactivityConfig(raw).problems).toEqual([
        {
          level: 'error',
          key: 'customerInactivity.warnings[2].before_sec',
          message:
            'customerInactivity.warnings[2].before_sec (60) repeats customerInactivity.warnings[0].before_sec; the later warning is dropped.',
        },
      ]);
      expect(topPolicy(raw).warnings).toEqual([
        { beforeMs: 60_000, message: 'a' },
        { beforeMs: 30_000, message: 'b' },
      ]);
    });

    it('treats times that round to the same millisecond as duplicates', () => {
      expect(times(topPolicy({ warnings: [warning(15, 'a'), warning(15.0004, 'b')] }))).toEqual([15_000]);
    });

    it(`keeps only the first ${MAX_WARNINGS} items`, () => {
      const raw = { warnings: Array.from({ length: 12 }, (_, index) => warning(index + 1, `w${index + 1}`)) };
      expect(messagesOf(raw)).toEqual([
        'customerInactivity.warnings (an array of 12 items) must have at most 10 items; warnings[10] and later are dropped.',
      ]);
      expect(times(topPolicy(raw))).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((sec) => sec * 1000));
    });

    it('drops items not strictly before the timer, naming the item', () => {
      const raw = { timer_sec: 100, warnings: [warning(100, 'too late'), warning(50, 'fine')] };
      expect(messagesOf(raw)).toEqual([
        'customerInactivity.warnings[0].before_sec (100) must be less than timer_sec (100); the warning is dropped.',
      ]);
      expect(times(topPolicy(raw))).toEqual([50_000]);
    });

    it.each<[string, Record<string, unknown>, string, number[]]>([
      [
        'falls back to the default warning',
        { warnings: { before_sec: 30 } },
        'customerInactivity.warnings ({"before_sec":30}) must be an array of {"before_sec": number, "message": string}, got an object; using the default warning (60 s before the deadline).',
        [60_000],
      ],
      [
        'falls back to warning_sec',
        { warnings: 'none', warning_sec: 20 },
        'customerInactivity.warnings ("none") must be an array of {"before_sec": number, "message": string}, got a string; using warning_sec and warning_message instead.',
        [20_000],
      ],
    ])('a non-array warnings %s', (_name, raw, message, expectedTimes) => {
      expect(messagesOf(raw)).toEqual([message]);
      expect(times(topPolicy(raw))).toEqual(expectedTimes);
    });
  });

  describe('placeholders', () => {
    it('accepts {{remaining}} and {{customerName}} silently', () => {
      expect(
        messagesOf({ warning_message: 'Hi {{customerName}}, {{remaining}} left', closing_message: '{{remaining}}' }),
      ).toEqual([]);
    });

    it('notes each distinct unknown placeholder once, on the key that holds it', () => {
      const raw = {
        warning_message: 'Hi {{name}} and {{name}}, from {{agent}}',
        closing_message: 'Bye {{ remainder }}',
        channels: { sms: { warnings: [warning(20, '{{Remaining}}')] } },
      };
      const parsed = parseInactivityConfig(raw);
      expect(parsed.problems.map(({ level, key }) => [level, key])).toEqual([
        ['notice', 'customerInactivity.warning_message'],
        ['notice', 'customerInactivity.warning_message'],
        ['notice', 'customerInactivity.closing_message'],
        ['notice', 'customerInactivity.channels.sms.warnings[0].message'],
      ]);
      expect(parsed.problems[0]?.message).toBe(
        `customerInactivity.warning_message uses the unknown placeholder {{name}}; it will be sent literally (${PLACEHOLDERS_TEXT}).`,
      );
      // The text is kept as written: a notice never replaces the admin's message.
      expect(parsed.config.defaultPolicy.warnings[0]?.message).toBe(raw.warning_message);
      expect(parsed.config.defaultPolicy.closingMessage).toBe('Bye {{ remainder }}');
    });
  });

  describe('unknown keys', () => {
    it.each([
      [
        'timer_secs',
        `customerInactivity.timer_secs is not a known key; it is ignored (did you mean timer_sec? known keys: ${KNOWN_TOP}).`,
      ],
      [
        'timerSec',
        `customerInactivity.timerSec is not a known key; it is ignored (did you mean timer_sec? known keys: ${KNOWN_TOP}).`,
      ],
      [
        'warning',
        `customerInactivity.warning is not a known key; it is ignored (did you mean warnings? known keys: ${KNOWN_TOP}).`,
      ],
      ['zzz', `customerInactivity.zzz is not a known key; it is ignored (known keys: ${KNOWN_TOP}).`],
    ])('notes %s and ignores it', (key, message) => {
      const parsed = parseInactivityConfig({ [key]: 1 });
      expect(parsed.problems).toEqual([{ level: 'notice', key: `customerInactivity.${key}`, message }]);
      expect(parsed.config.defaultPolicy).toEqual(DEFAULT_POLICY);
    });

    it.each([
      ['a label', 'Customer inactive', 'Customer inactive'],
      ['null', null, null],
    ])('takes report_outcome as %s, for the top level and a channel', (_what, value, expected) => {
      const parsed = parseInactivityConfig({
        report_outcome: value,
        channels: { sms: { report_outcome: 'SMS idle' } },
      });
      expect(parsed.problems).toEqual([]);
      expect(parsed.config.defaultPolicy.reportOutcome).toBe(expected);
      expect(policyFor(parsed.config, { channelType: 'sms' }).reportOutcome).toBe('SMS idle');
    });

    it.each([
      [
        5,
        'customerInactivity.report_outcome (5) must be a string or null, got a number; using the default null (no outcome written).',
      ],
      [
        '  ',
        'customerInactivity.report_outcome ("  ") must not be empty; using the default null (no outcome written).',
      ],
      [
        'x'.repeat(256),
        `customerInactivity.report_outcome ("${'x'.repeat(30)}…", 256 characters) must be at most 255 characters; using the default null (no outcome written).`,
      ],
    ])('rejects report_outcome %j with a message naming it', (value, message) => {
      const parsed = parseInactivityConfig({ report_outcome: value });
      expect(parsed.problems.map((problem) => problem.message)).toEqual([message]);
      expect(parsed.config.defaultPolicy.reportOutcome).toBeNull();
    });

    it('spells out the literal list of known top-level keys', () => {
      expect(KNOWN_TOP).toBe(
        'enabled, timer_sec, warning_sec, warning_message, warnings, closing_message, report_outcome, start_on, extend_sec, channels, queues',
      );
    });

    it('notes unknown keys inside a warning item and inside a channel, with their own key lists', () => {
      expect(
        messagesOf({ warnings: [{ beforeSec: 1, before_sec: 20, message: 'm' }], channels: { web: { timeout: 1 } } }),
      ).toEqual([
        'customerInactivity.warnings[0].beforeSec is not a known key; it is ignored (did you mean before_sec? known keys: before_sec, message).',
        `customerInactivity.channels.web.timeout is not a known key; it is ignored (known keys: ${KNOWN_CHANNEL}).`,
      ]);
    });
  });

  describe('channels', () => {
    const original = { timer_sec: 35, warning_sec: 15, warning_message: ORIGINAL_MESSAGE };

    it('lets sms have a longer timer while keeping the inherited warning, and leaves other channels alone', () => {
      const raw = { ...original, channels: { sms: { timer_sec: 3600 } } };
      const parsed = parseInactivityConfig(raw);
      expect(parsed.problems).toEqual([]);
      expect(policyFor(parsed.config, { channelType: 'sms' })).toEqual({
        ...parsed.config.defaultPolicy,
        timerMs: 3_600_000,
      });
      expect(policyFor(parsed.config, { channelType: 'sms' }).warnings).toEqual([
        { beforeMs: 15_000, message: ORIGINAL_MESSAGE },
      ]);
      expect(policyFor(parsed.config, { channelType: 'web' })).toBe(parsed.config.defaultPolicy);
      expect(parsed.config.defaultPolicy.timerMs).toBe(35_000);
    });

    it('inherits every key the channel leaves out from the resolved top level', () => {
      const raw = {
        enabled: false,
        start_on: 'agent_reply',
        closing_message: 'Bye',
        extend_sec: 120,
        warnings: [warning(90, 'a'), warning(30, 'b')],
        channels: { whatsapp: { enabled: true } },
      };
      const parsed = parseInactivityConfig(raw);
      expect(parsed.problems).toEqual([]);
      expect(channelPolicy(raw, 'whatsapp')).toEqual({ ...parsed.config.defaultPolicy, enabled: true });
      expect(parsed.config.defaultPolicy).toMatchObject({ enabled: false, startOn: 'agent_reply', extendMs: 120_000 });
    });

    it.each<[string, Record<string, unknown>, Record<string, unknown>, { beforeMs: number; message: string }[]]>([
      [
        'warning_sec alone keeps the single inherited message',
        original,
        { warning_sec: 5 },
        [{ beforeMs: 5_000, message: ORIGINAL_MESSAGE }],
      ],
      [
        'warning_message alone keeps the single inherited time',
        original,
        { warning_message: 'sms text' },
        [{ beforeMs: 15_000, message: 'sms text' }],
      ],
      [
        'warning_message alone uses the default time when several warnings are inherited',
        { warnings: [warning(90, 'a'), warning(30, 'b')] },
        { warning_message: 'one' },
        [{ beforeMs: 60_000, message: 'one' }],
      ],
      [
        'warning_message alone uses the default time when no warning is inherited',
        { warnings: [] },
        { warning_message: 'one' },
        [{ beforeMs: 60_000, message: 'one' }],
      ],
      [
        'warning_sec alone uses the default text when several warnings are inherited',
        { warnings: [warning(90, 'a'), warning(30, 'b')] },
        { warning_sec: 45 },
        [{ beforeMs: 45_000, message: DEFAULT_WARNING_MESSAGE }],
      ],
      [
        'a warnings array replaces the inherited ones',
        original,
        { warnings: [warning(10, 'x'), warning(20, 'y')] },
        [
          { beforeMs: 20_000, message: 'y' },
          { beforeMs: 10_000, message: 'x' },
        ],
      ],
      ['an empty warnings array turns warnings off for the channel', original, { warnings: [] }, []],
    ])('%s', (_name, top, channel, expected) => {
      const raw = { ...top, channels: { sms: channel } };
      expect(messagesOf(raw)).toEqual([]);
      expect(channelPolicy(raw, 'sms').warnings).toEqual(expected);
    });

    it.each<[string, Record<string, unknown>, string, Partial<ChannelPolicy>]>([
      [
        'timer_sec',
        { timer_sec: '900' },
        'customerInactivity.channels.sms.timer_sec ("900") must be a number of seconds, got a string; using 35 from customerInactivity.timer_sec.',
        { timerMs: 35_000 },
      ],
      [
        'closing_message',
        { closing_message: '' },
        'customerInactivity.channels.sms.closing_message ("") must not be empty; using "Bye" from customerInactivity.closing_message.',
        { closingMessage: 'Bye' },
      ],
      [
        'start_on',
        { start_on: 'never' },
        'customerInactivity.channels.sms.start_on ("never") must be "customer_message" or "agent_reply"; using "agent_reply" from customerInactivity.start_on.',
        { startOn: 'agent_reply' },
      ],
      [
        'warning_sec alone',
        { warning_sec: 'soon' },
        'customerInactivity.channels.sms.warning_sec ("soon") must be a number of seconds, got a string; keeping the inherited warnings (15 s before the deadline).',
        { warnings: [{ beforeMs: 15_000, message: ORIGINAL_MESSAGE }] },
      ],
      [
        'warning_sec next to a valid warning_message',
        { warning_sec: null, warning_message: 'sms' },
        'customerInactivity.channels.sms.warning_sec (null) must be a number of seconds, got null; using 15 from customerInactivity.warning_sec.',
        { warnings: [{ beforeMs: 15_000, message: 'sms' }] },
      ],
      [
        'warning_message next to a valid warning_sec',
        { warning_sec: 10, warning_message: [] },
        'customerInactivity.channels.sms.warning_message ([]) must be a string, got an array; using the message from customerInactivity.warning_message.',
        { warnings: [{ beforeMs: 10_000, message: ORIGINAL_MESSAGE }] },
      ],
    ])('an invalid channel %s falls back to the top-level value', (_name, channel, message, expected) => {
      const raw = { ...original, closing_message: 'Bye', start_on: 'agent_reply', channels: { sms: channel } };
      expect(parseInactivityConfig(raw).problems).toEqual([
        { level: 'error', key: expect.stringMatching(/^customerInactivity\.channels\.sms\./) as unknown, message },
      ]);
      expect(channelPolicy(raw, 'sms')).toMatchObject(expected);
    });

    it('drops an inherited warning that the channel timer leaves no room for, naming the channel key', () => {
      const raw = { ...original, channels: { sms: { timer_sec: 10 } } };
      expect(parseInactivityConfig(raw).problems).toEqual([
        {
          level: 'error',
          key: 'customerInactivity.channels.sms.timer_sec',
          message:
            'customerInactivity.channels.sms.timer_sec (10) must be greater than customerInactivity.warning_sec (15); that warning is dropped for this channel.',
        },
      ]);
      expect(channelPolicy(raw, 'sms').warnings).toEqual([]);
      expect(topPolicy(raw).warnings).toHaveLength(1);
    });

    it("drops the channel's own warning at or after its timer, naming the channel's warning key", () => {
      const raw = {
        channels: { web: { timer_sec: 20, warning_sec: 25 }, gbm: { timer_sec: 20, warnings: [warning(20, 'x')] } },
      };
      expect(messagesOf(raw)).toEqual([
        'customerInactivity.channels.web.warning_sec (25) must be less than timer_sec (20); the warning is dropped.',
        'customerInactivity.channels.gbm.warnings[0].before_sec (20) must be less than timer_sec (20); the warning is dropped.',
      ]);
      expect(channelPolicy(raw, 'web').warnings).toEqual([]);
    });

    it('tells (as a notice) that a short channel timer leaves no room for the default warning', () => {
      const parsed = parseInactivityConfig({ channels: { sms: { timer_sec: 30 } } });
      expect(parsed.problems).toEqual([
        {
          level: 'notice',
          key: 'customerInactivity.channels.sms.timer_sec',
          message:
            'customerInactivity.channels.sms.timer_sec (30) is not greater than the default warning time (60 s before the deadline); the default warning is dropped (set warning_sec below 30 to send one).',
        },
      ]);
      expect(parsed.config.defaultPolicy.warnings).toHaveLength(1);
    });

    it('rejects nested channels and ignores them', () => {
      const raw = { channels: { sms: { timer_sec: 600, channels: { web: { timer_sec: 9 } } } } };
      const parsed = parseInactivityConfig(raw);
      expect(parsed.problems).toEqual([
        {
          level: 'error',
          key: 'customerInactivity.channels.sms.channels',
          message:
            'customerInactivity.channels.sms.channels ({"web":{"timer_sec":9}}) is not allowed here: channels cannot be nested; it is ignored.',
        },
      ]);
      expect(Object.keys(parsed.config.channelPolicies)).toEqual(['sms']);
      expect(channelPolicy(raw, 'sms').timerMs).toBe(600_000);
    });

    it('gives a non-object channel the top-level policy, and says so', () => {
      const raw = { ...original, channels: { sms: 600 } };
      const parsed = parseInactivityConfig(raw);
      expect(parsed.problems.map((problem) => problem.message)).toEqual([
        'customerInactivity.channels.sms (600) must be an object of overrides, got a number; the channel uses the top-level policy.',
      ]);
      expect(policyFor(parsed.config, { channelType: 'sms' })).toBe(parsed.config.defaultPolicy);
      expect(parsed.config.defaultPolicy.timerMs).toBe(35_000);
    });

    it.each([
      [
        [],
        'customerInactivity.channels ([]) must be an object mapping channel types to overrides, got an array; no channel overrides are used.',
      ],
      [
        null,
        'customerInactivity.channels (null) must be an object mapping channel types to overrides, got null; no channel overrides are used.',
      ],
      [
        'sms',
        'customerInactivity.channels ("sms") must be an object mapping channel types to overrides, got a string; no channel overrides are used.',
      ],
    ])('rejects channels %p', (channels, message) => {
      const parsed = parseInactivityConfig({ channels });
      expect(parsed.problems.map((problem) => problem.message)).toEqual([message]);
      expect(parsed.config.channelPolicies).toEqual({});
    });

    const KNOWN_TYPES = 'web, sms, whatsapp, messenger, gbm, email';

    it.each([
      ['whatsap', 'did you mean whatsapp? '],
      ['webchat', ''],
      ['messanger', 'did you mean messenger? '],
    ])(
      'notes a channel %s that Flex Conversations never writes, and still applies it to exactly that type',
      (type, hint) => {
        const parsed = parseInactivityConfig({ timer_sec: 120, channels: { [type]: { timer_sec: 90 } } });
        expect(parsed.problems).toEqual([
          {
            level: 'notice',
            key: `customerInactivity.channels.${type}`,
            message:
              `customerInactivity.channels.${type} is not a channel type Flex Conversations writes (${hint}known types: ` +
              `${KNOWN_TYPES}); it applies only to tasks whose channelType is exactly "${type}".`,
          },
        ]);
        expect(policyFor(parsed.config, { channelType: type }).timerMs).toBe(90_000);
      },
    );

    it("notes a WhatsApp timer longer than WhatsApp's 24-hour window when it would send a warning", () => {
      expect(parseInactivityConfig({ timer_sec: 90_000, warning_sec: 600 }).problems).toEqual([
        {
          level: 'notice',
          key: 'customerInactivity.timer_sec',
          message:
            "customerInactivity.timer_sec (90000) is longer than the 24-hour window in which whatsapp accepts messages after the customer's last one: on whatsapp, warnings and a closing message due later are not sent (the wrap-up still happens).",
        },
      ]);
      const own = parseInactivityConfig({ channels: { whatsapp: { timer_sec: 86_401, closing_message: 'Bye' } } });
      expect(own.problems.map((problem) => problem.key)).toEqual(['customerInactivity.channels.whatsapp.timer_sec']);
    });

    it('says nothing of the WhatsApp window at 24 hours exactly, without messages, or for other channels', () => {
      expect(parseInactivityConfig({ timer_sec: 86_400, warning_sec: 600 }).problems).toEqual([]);
      expect(parseInactivityConfig({ timer_sec: 90_000, warnings: [] }).problems).toEqual([]);
      const smsOnly = { timer_sec: 300, channels: { sms: { timer_sec: 90_000 } } };
      expect(parseInactivityConfig(smsOnly).problems).toEqual([]);
    });

    it('takes every channel type Flex Conversations writes without a notice', () => {
      const channels = Object.fromEntries(KNOWN_TYPES.split(', ').map((type) => [type, { timer_sec: 90 }]));
      expect(parseInactivityConfig({ channels }).problems).toEqual([]);
    });

    it('rejects a blank channel type and notes a capitalised Flex channel type that would never match', () => {
      const parsed = parseInactivityConfig({ channels: { '': {}, SMS: {}, Custom: {} } });
      expect(parsed.problems).toEqual([
        {
          level: 'error',
          key: 'customerInactivity.channels[""]',
          message: 'customerInactivity.channels[""] is not a channel type (the name is blank); it is ignored.',
        },
        {
          level: 'notice',
          key: 'customerInactivity.channels.SMS',
          message:
            'customerInactivity.channels.SMS only applies to tasks whose channelType is exactly "SMS"; Flex writes "sms".',
        },
        {
          level: 'notice',
          key: 'customerInactivity.channels.Custom',
          message:
            `customerInactivity.channels.Custom is not a channel type Flex Conversations writes (known types: ` +
            `${KNOWN_TYPES}); it applies only to tasks whose channelType is exactly "Custom".`,
        },
      ]);
      expect(Object.keys(parsed.config.channelPolicies)).toEqual(['SMS', 'Custom']);
    });

    it('stores a channel named __proto__ as data, without touching the prototype', () => {
      const parsed = parseInactivityConfig(JSON.parse('{"channels":{"__proto__":{"timer_sec":42}}}'));
      expect(Object.getPrototypeOf(parsed.config.channelPolicies)).toBe(Object.prototype);
      expect(policyFor(parsed.config, { channelType: '__proto__' }).timerMs).toBe(42_000);
      expect(policyFor(parsed.config, { channelType: 'web' }).timerMs).toBe(300_000);
    });
  });

  describe('problem order', () => {
    it('follows the order the keys appear in, top level first, then inside channels', () => {
      const raw: unknown = JSON.parse(
        '{"warning_sec":40,"zzz":1,"timer_sec":35,"channels":{"sms":{"extend_sec":0,"timer_sec":"x"},"web":5},"enabled":"yes"}',
      );
      expect(parseInactivityConfig(raw).problems.map((problem) => problem.key)).toEqual([
        'customerInactivity.warning_sec',
        'customerInactivity.zzz',
        'customerInactivity.channels.sms.extend_sec',
        'customerInactivity.channels.sms.timer_sec',
        'customerInactivity.channels.web',
        'customerInactivity.enabled',
      ]);
    });
  });

  describe('robustness', () => {
    it('never throws and always returns a usable config, for any value', () => {
      const odd = fc.anything({
        withBigInt: true,
        withNullPrototype: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withSparseArray: true,
        withTypedArray: true,
        withObjectString: true,
      });
      fc.assert(
        fc.property(odd, (raw) => {
          expectUsable(parseInactivityConfig(raw));
        }),
        { numRuns: 300 },
      );
    });

    it('never throws for near-miss configurations built from the real keys', () => {
      const value = fc.oneof(
        fc.double(),
        fc.integer({ min: -10, max: 700_000 }),
        fc.string(),
        fc.constantFrom(null, true, [], {}, '{{remaining}}', 'agent_reply'),
        fc.anything(),
      );
      const item = fc.dictionary(fc.constantFrom('before_sec', 'message', 'extra'), value);
      const layer = fc.dictionary(
        fc.constantFrom(...CHANNEL_KEYS, 'channels', 'timer_secs'),
        fc.oneof(value, fc.array(fc.oneof(item, value), { maxLength: 12 })),
      );
      const config = fc.record(
        { top: layer, channels: fc.dictionary(fc.string(), fc.oneof(layer, value), { maxKeys: 4 }) },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(config, ({ top, channels }) => {
          expectUsable(parseInactivityConfig({ ...top, ...(channels === undefined ? {} : { channels }) }));
        }),
        { numRuns: 500 },
      );
    });

    it('keeps every valid warnings array intact apart from sorting', () => {
      const warnings = fc
        .uniqueArray(fc.integer({ min: 1, max: 299 }), { maxLength: MAX_WARNINGS })
        .map((secs) => secs.map((sec) => warning(sec, `at ${sec}`)));
      fc.assert(
        fc.property(warnings, (list) => {
          const parsed = parseInactivityConfig({ warnings: list });
          expect(parsed.problems).toEqual([]);
          expect(times(parsed.config.defaultPolicy)).toEqual(
            list.map((w) => w.before_sec * 1000).sort((a, b) => b - a),
          );
        }),
      );
    });

    it('falls back to the defaults with one error when the input cannot even be read', () => {
      const hostile = new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('no');
          },
        },
      );
      const parsed = parseInactivityConfig(hostile);
      expect(parsed.problems).toEqual([
        {
          level: 'error',
          key: 'customerInactivity',
          message: `customerInactivity could not be read; ${DEFAULTS_TEXT}`,
        },
      ]);
      expect(parsed.config.defaultPolicy).toEqual(DEFAULT_POLICY);
    });
  });
});

describe('config/describeProblems', () => {
  const problem = (level: ConfigProblem['level'], message: string): ConfigProblem => ({ level, key: 'k', message });

  it('lists errors before notices, one per line', () => {
    expect(describeProblems([problem('notice', 'n1'), problem('error', 'e1'), problem('error', 'e2')])).toBe(
      '[error] e1\n[error] e2\n[notice] n1',
    );
    expect(describeProblems([])).toBe('');
  });

  it.each<[unknown, string]>([
    ['35', '"35"'],
    [35.5, '35.5'],
    [-0, '0'],
    [NaN, 'NaN'],
    [null, 'null'],
    [[1, 2], '[1,2]'],
    [Array.from({ length: 30 }, (_, index) => index), 'an array of 30 items'],
    [{ a: 'x'.repeat(50) }, 'an object'],
    [() => 1, 'a function'],
  ])('renders %p as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  it('brackets channel names that are not plain words', () => {
    expect(formatPath(['channels', 'my.channel', 'timer_sec'])).toBe(
      'customerInactivity.channels["my.channel"].timer_sec',
    );
    expect(formatPath(['warnings', 2, 'message'])).toBe('customerInactivity.warnings[2].message');
  });
});

describe('config/parseInactivityConfig: fallbacks and hints the table-driven reader must keep', () => {
  it('says a channel keeps the inherited setting of no warnings when its warning_sec is rejected', () => {
    expect(messagesOf({ warnings: [], channels: { sms: { warning_sec: 'x' } } })).toEqual([
      'customerInactivity.channels.sms.warning_sec ("x") must be a number of seconds, got a string; keeping the inherited setting of no warnings.',
    ]);
  });

  it('suggests a key two typos away, none three away, and no key for a huge one', () => {
    const huge = 'x'.repeat(100_000);
    const messages = messagesOf({ tmer_se: 1, tmr_se: 1, [huge]: 1 });
    expect(messages[0]).toBe(
      `customerInactivity.tmer_se is not a known key; it is ignored (did you mean timer_sec? known keys: ${KNOWN_TOP}).`,
    );
    expect(messages[1]).toBe(`customerInactivity.tmr_se is not a known key; it is ignored (known keys: ${KNOWN_TOP}).`);
    expect(messages[2]?.endsWith(`is not a known key; it is ignored (known keys: ${KNOWN_TOP}).`)).toBe(true);
  });

  it('notes the WhatsApp window once for a top-level timer that every queue inherits', () => {
    const parsed = parseInactivityConfig({
      timer_sec: 90_000,
      warning_sec: 600,
      queues: { A: { extend_sec: 60 }, B: {} },
    });
    expect(parsed.problems.map((problem) => problem.key)).toEqual(['customerInactivity.timer_sec']);
  });

  it('skips the holes of a sparse warnings array without a problem', () => {
    const sparse: unknown[] = [];
    sparse[1] = warning(10, 'a');
    const parsed = parseInactivityConfig({ warnings: sparse });
    expect(parsed.problems).toEqual([]);
    expect(parsed.config.defaultPolicy.warnings).toEqual([{ beforeMs: 10_000, message: 'a' }]);
  });
});
