import fc from 'fast-check';
import { parseInactivityConfig } from './parseInactivityConfig';
import { isTimed, policyFor } from './policy';
import type { ChannelPolicy, InactivityConfig, PolicyScope } from './policy';

const configOf = (raw: unknown): InactivityConfig => parseInactivityConfig(raw).config;
const messagesOf = (raw: unknown): string[] => parseInactivityConfig(raw).problems.map((problem) => problem.message);
const keysOf = (raw: unknown): string[] => parseInactivityConfig(raw).problems.map((problem) => problem.key);
const timerSec = (raw: unknown, scope: PolicyScope): number => policyFor(configOf(raw), scope).timerMs / 1000;

const SMS_IN_BILLING: PolicyScope = { channelType: 'sms', queueName: 'Billing' };

describe('config: per-queue settings', () => {
  describe('precedence, key by key: top level < channel < queue < queue channel', () => {
    type Level = 'top' | 'channel' | 'queue' | 'queueChannel';
    /** Each level sets its own timer when listed; warnings are off so any timer is valid. */
    const rawWith = (levels: readonly Level[]): Record<string, unknown> => {
      const timer = (level: Level, sec: number) => (levels.includes(level) ? { timer_sec: sec } : {});
      return {
        warnings: [],
        ...timer('top', 100),
        channels: { sms: timer('channel', 200) },
        queues: { Billing: { ...timer('queue', 330), channels: { sms: timer('queueChannel', 400) } } },
      };
    };

    it.each<[readonly Level[], number]>([
      [[], 300],
      [['top'], 100],
      [['channel'], 200],
      [['queue'], 330],
      [['queueChannel'], 400],
      [['top', 'channel'], 200],
      [['top', 'queue'], 330],
      [['top', 'queueChannel'], 400],
      [['channel', 'queue'], 330],
      [['channel', 'queueChannel'], 400],
      [['queue', 'queueChannel'], 400],
      [['top', 'channel', 'queue'], 330],
      [['top', 'channel', 'queueChannel'], 400],
      [['top', 'queue', 'queueChannel'], 400],
      [['channel', 'queue', 'queueChannel'], 400],
      [['top', 'channel', 'queue', 'queueChannel'], 400],
    ])('an sms task in Billing, timer_sec set at %p, gets %p s', (levels, expected) => {
      expect(messagesOf(rawWith(levels))).toEqual([]);
      expect(timerSec(rawWith(levels), SMS_IN_BILLING)).toBe(expected);
    });

    it.each<[PolicyScope, number]>([
      [{ channelType: 'sms', queueName: 'Billing' }, 400],
      [{ channelType: 'web', queueName: 'Billing' }, 330],
      [{ channelType: 'sms', queueName: 'Sales' }, 200],
      [{ channelType: 'sms' }, 200],
      [{ channelType: 'web', queueName: 'Sales' }, 100],
      [{ channelType: 'web' }, 100],
      // Queue names are matched exactly, like TaskRouter's.
      [{ channelType: 'web', queueName: 'billing' }, 100],
    ])('with all four levels set, %p gets %p s', (scope, expected) => {
      expect(timerSec(rawWith(['top', 'channel', 'queue', 'queueChannel']), scope)).toBe(expected);
    });

    it("keeps the channel's other keys in a queue that only sets its timer", () => {
      const raw = {
        channels: { whatsapp: { closing_message: 'Bye', extend_sec: 60 } },
        queues: { Billing: { timer_sec: 900, extend_sec: 120 } },
      };
      expect(policyFor(configOf(raw), { channelType: 'whatsapp', queueName: 'Billing' })).toMatchObject({
        timerMs: 900_000,
        closingMessage: 'Bye',
        extendMs: 120_000,
      });
    });

    it("replaces the inherited warnings with the queue's own, and the queue channel's over those", () => {
      const raw = {
        warning_sec: 60,
        channels: { sms: { warning_message: 'sms text' } },
        queues: { Billing: { warning_sec: 30, channels: { web: { warnings: [] } } } },
      };
      const config = configOf(raw);
      expect(policyFor(config, SMS_IN_BILLING).warnings).toEqual([{ beforeMs: 30_000, message: 'sms text' }]);
      expect(policyFor(config, { channelType: 'web', queueName: 'Billing' }).warnings).toEqual([]);
      expect(policyFor(config, { channelType: 'sms' }).warnings).toEqual([{ beforeMs: 60_000, message: 'sms text' }]);
    });

    it('leaves the configuration without queuePolicies when no queue is configured', () => {
      expect(configOf({ timer_sec: 35, channels: { sms: {} } }).queuePolicies).toBeUndefined();
      expect(configOf({ queues: {} }).queuePolicies).toBeUndefined();
      expect(Object.keys(configOf({ queues: { A: {}, B: {} } }).queuePolicies ?? {})).toEqual(['A', 'B']);
    });

    it('matches queues named like Object.prototype members as data only', () => {
      const config = configOf(JSON.parse('{"queues":{"__proto__":{"timer_sec":42}}}'));
      expect(policyFor(config, { channelType: 'web', queueName: '__proto__' }).timerMs).toBe(42_000);
      expect(policyFor(config, { channelType: 'web', queueName: 'constructor' }).timerMs).toBe(300_000);
      expect(policyFor(config, { channelType: 'constructor', queueName: 'toString' }).timerMs).toBe(300_000);
    });
  });

  describe('which tasks are timed', () => {
    it('times email only where channels.email is configured: at the top level, or in the task queue', () => {
      const inBilling = configOf({ queues: { Billing: { channels: { email: { timer_sec: 86_400 } } } } });
      expect(isTimed(inBilling, { channelType: 'email', queueName: 'Billing' })).toBe(true);
      expect(isTimed(inBilling, { channelType: 'email', queueName: 'Sales' })).toBe(false);
      expect(isTimed(inBilling, { channelType: 'email' })).toBe(false);
      const everywhere = configOf({ channels: { email: {} }, queues: { Billing: { timer_sec: 600 } } });
      expect(isTimed(everywhere, { channelType: 'email', queueName: 'Billing' })).toBe(true);
      expect(isTimed(everywhere, { channelType: 'email', queueName: 'Sales' })).toBe(true);
      expect(isTimed(configOf({ queues: { Billing: { timer_sec: 600 } } }), { channelType: 'email' })).toBe(false);
    });

    it('lets a queue turn timing off, or back on for one of its channels', () => {
      const config = configOf({ queues: { VIP: { enabled: false, channels: { sms: { enabled: true } } } } });
      expect(isTimed(config, { channelType: 'web', queueName: 'VIP' })).toBe(false);
      expect(isTimed(config, { channelType: 'sms', queueName: 'VIP' })).toBe(true);
      expect(isTimed(config, { channelType: 'web', queueName: 'Everyone' })).toBe(true);
      const offAtTop = configOf({ enabled: false, queues: { Billing: { enabled: true } } });
      expect(isTimed(offAtTop, { channelType: 'web', queueName: 'Billing' })).toBe(true);
      expect(isTimed(offAtTop, { channelType: 'web' })).toBe(false);
    });
  });

  describe('problems name the full path', () => {
    it('falls back to the inherited value and names the key it came from', () => {
      const raw = {
        timer_sec: 120,
        channels: { sms: { timer_sec: 3600 } },
        queues: {
          Billing: { timer_sec: 'soon', channels: { sms: { timer_sec: '900' } } },
          Sales: { timer_sec: 600, channels: { sms: { timer_sec: -1 }, web: { timer_sec: true } } },
        },
      };
      expect(messagesOf(raw)).toEqual([
        'customerInactivity.queues.Billing.timer_sec ("soon") must be a number of seconds, got a string; using 120 from customerInactivity.timer_sec.',
        'customerInactivity.queues.Billing.channels.sms.timer_sec ("900") must be a number of seconds, got a string; using 3600 from customerInactivity.channels.sms.timer_sec.',
        'customerInactivity.queues.Sales.channels.sms.timer_sec (-1) must be between 5 and 604800 seconds; using 600 from customerInactivity.queues.Sales.timer_sec.',
        'customerInactivity.queues.Sales.channels.web.timer_sec (true) must be a number of seconds, got a boolean; using 600 from customerInactivity.queues.Sales.timer_sec.',
      ]);
      const config = configOf(raw);
      expect(policyFor(config, SMS_IN_BILLING).timerMs).toBe(3_600_000);
      expect(policyFor(config, { channelType: 'web', queueName: 'Billing' }).timerMs).toBe(120_000);
      expect(policyFor(config, { channelType: 'sms', queueName: 'Sales' }).timerMs).toBe(600_000);
    });

    it('names the default when no level sets the key', () => {
      expect(messagesOf({ queues: { Billing: { channels: { sms: { extend_sec: 0 } } } } })).toEqual([
        'customerInactivity.queues.Billing.channels.sms.extend_sec (0) must be between 1 and 86400 seconds; using the default 300.',
      ]);
    });

    it('reports a problem of a queue once, however many channels it is merged with', () => {
      const raw = { channels: { sms: {}, web: {}, gbm: {} }, queues: { Billing: { timer_sec: 1, zzz: 1 } } };
      expect(keysOf(raw)).toEqual([
        'customerInactivity.queues.Billing.timer_sec',
        'customerInactivity.queues.Billing.zzz',
      ]);
    });

    it('gives unknown keys in a queue and in its channels the "did you mean" notice with the keys known there', () => {
      const raw = { queues: { Billing: { timer_secs: 60, channels: { sms: { warnign_sec: 10 } } } } };
      expect(parseInactivityConfig(raw).problems).toEqual([
        {
          level: 'notice',
          key: 'customerInactivity.queues.Billing.timer_secs',
          message: `customerInactivity.queues.Billing.timer_secs is not a known key; it is ignored (did you mean timer_sec? known keys: enabled, timer_sec, warning_sec, warning_message, warnings, closing_message, report_outcome, start_on, extend_sec, channels).`,
        },
        {
          level: 'notice',
          key: 'customerInactivity.queues.Billing.channels.sms.warnign_sec',
          message: `customerInactivity.queues.Billing.channels.sms.warnign_sec is not a known key; it is ignored (did you mean warning_sec? known keys: enabled, timer_sec, warning_sec, warning_message, warnings, closing_message, report_outcome, start_on, extend_sec).`,
        },
      ]);
    });

    it('notes a queue channel type Flex never writes, like a top-level one', () => {
      expect(messagesOf({ queues: { Billing: { channels: { whatsap: {} } } } })).toEqual([
        'customerInactivity.queues.Billing.channels.whatsap is not a channel type Flex Conversations writes (did you mean whatsapp? known types: web, sms, whatsapp, messenger, gbm, email); it applies only to tasks whose channelType is exactly "whatsap".',
      ]);
    });

    it('rejects queues anywhere but the top level, and ignores them', () => {
      const raw = {
        channels: { sms: { queues: { A: {} } } },
        queues: { Billing: { queues: { B: { timer_sec: 9 } }, channels: { web: { queues: {}, channels: {} } } } },
      };
      expect(messagesOf(raw)).toEqual([
        'customerInactivity.channels.sms.queues ({"A":{}}) is not allowed here: queues cannot be nested; it is ignored.',
        'customerInactivity.queues.Billing.queues ({"B":{"timer_sec":9}}) is not allowed here: queues cannot be nested; it is ignored.',
        'customerInactivity.queues.Billing.channels.web.queues ({}) is not allowed here: queues cannot be nested; it is ignored.',
        'customerInactivity.queues.Billing.channels.web.channels ({}) is not allowed here: channels cannot be nested; it is ignored.',
      ]);
      expect(Object.keys(configOf(raw).queuePolicies ?? {})).toEqual(['Billing']);
    });

    it.each<[unknown, string]>([
      [
        [],
        'customerInactivity.queues ([]) must be an object mapping queue names to overrides, got an array; no queue overrides are used.',
      ],
      [
        'Billing',
        'customerInactivity.queues ("Billing") must be an object mapping queue names to overrides, got a string; no queue overrides are used.',
      ],
      [{ ' ': {} }, 'customerInactivity.queues[" "] is not a queue name (the name is blank); it is ignored.'],
      [
        { Billing: 600 },
        'customerInactivity.queues.Billing (600) must be an object of overrides, got a number; the queue uses the top-level policy.',
      ],
      [
        { Billing: { channels: { sms: null } } },
        "customerInactivity.queues.Billing.channels.sms (null) must be an object of overrides, got null; the channel uses the queue's policy.",
      ],
      [
        { Billing: { channels: 'sms' } },
        'customerInactivity.queues.Billing.channels ("sms") must be an object mapping channel types to overrides, got a string; no channel overrides are used.',
      ],
    ])('rejects queues %p with one error', (queues, message) => {
      const parsed = parseInactivityConfig({ timer_sec: 120, queues });
      expect(parsed.problems.map((problem) => problem.message)).toEqual([message]);
      expect(policyFor(parsed.config, SMS_IN_BILLING).timerMs).toBe(120_000);
    });

    it('drops an inherited warning the queue timer leaves no room for, naming the queue key', () => {
      const raw = { warning_sec: 40, queues: { Billing: { timer_sec: 30 } } };
      expect(messagesOf(raw)).toEqual([
        'customerInactivity.queues.Billing.timer_sec (30) must be greater than customerInactivity.warning_sec (40); that warning is dropped for this queue.',
      ]);
      expect(policyFor(configOf(raw), SMS_IN_BILLING).warnings).toEqual([]);
      expect(policyFor(configOf(raw), { channelType: 'sms' }).warnings).toHaveLength(1);
    });

    it("notes a queue's WhatsApp timer beyond the 24-hour window on the key that sets it, once", () => {
      const own = { queues: { Billing: { timer_sec: 90_000, warning_sec: 600 } } };
      expect(keysOf(own)).toEqual(['customerInactivity.queues.Billing.timer_sec']);
      const inherited = { timer_sec: 90_000, warning_sec: 600, queues: { Billing: {}, Sales: { extend_sec: 60 } } };
      expect(keysOf(inherited)).toEqual(['customerInactivity.timer_sec']);
      const shortInQueue = { queues: { Billing: { channels: { whatsapp: { timer_sec: 90_000, warnings: [] } } } } };
      expect(keysOf(shortInQueue)).toEqual([]);
    });

    it('lists problems in the order their keys appear, queues included', () => {
      const raw: unknown = JSON.parse(
        '{"queues":{"B":{"channels":{"sms":{"extend_sec":0}},"timer_sec":"x"},"A":5},"zzz":1,"channels":{"web":{"enabled":1}}}',
      );
      expect(keysOf(raw)).toEqual([
        'customerInactivity.queues.B.channels.sms.extend_sec',
        'customerInactivity.queues.B.timer_sec',
        'customerInactivity.queues.A',
        'customerInactivity.zzz',
        'customerInactivity.channels.web.enabled',
      ]);
    });
  });

  it('never throws and gives every queue and channel a usable policy, whatever the queues hold', () => {
    const value = fc.oneof(fc.integer({ min: -10, max: 700_000 }), fc.string(), fc.constantFrom(null, true, []));
    const layer = fc.dictionary(fc.constantFrom('timer_sec', 'warning_sec', 'enabled', 'warnings', 'x'), value);
    const queue = fc.oneof(
      layer.map((fields) => ({ ...fields, channels: { sms: fields } })),
      layer,
      value,
    );
    const raw = fc.record({
      timer_sec: value,
      channels: fc.dictionary(fc.string(), layer),
      queues: fc.dictionary(fc.string(), queue),
    });
    fc.assert(
      fc.property(raw, (candidate) => {
        const { config } = parseInactivityConfig(candidate);
        const sets = [config, ...Object.values(config.queuePolicies ?? {})];
        const policies: ChannelPolicy[] = sets.flatMap((set) => [
          set.defaultPolicy,
          ...Object.values(set.channelPolicies),
        ]);
        for (const policy of policies) {
          expect(policy.timerMs).toBeGreaterThanOrEqual(5_000);
          policy.warnings.forEach((warning) => expect(warning.beforeMs).toBeLessThan(policy.timerMs));
        }
      }),
      { numRuns: 300 },
    );
  });
});
