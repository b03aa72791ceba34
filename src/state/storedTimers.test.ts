import type { ConversationTimer } from '../core/conversationTimer';
import { startTimer } from '../core/conversationTimer';
import { inactivityEvents } from './inactivityEvents';
import { inactivityReducer, initialInactivityState } from './inactivitySlice';
import {
  isStoredTimer,
  parseStoredTimers,
  pruneTimers,
  serializeTimers,
  STORAGE_VERSION,
  storageKeyFor,
} from './storedTimers';

const T0 = 1_700_000_000_000;

function timer(overrides: Partial<ConversationTimer> = {}): ConversationTimer {
  return {
    ...startTimer({
      conversationSid: 'CH1',
      reservationSid: 'WR1',
      channelType: 'web',
      startOn: 'customer_message',
      timerMs: 60_000,
      at: T0,
    }),
    ...overrides,
  };
}

function keyed(...timers: readonly ConversationTimer[]): Record<string, ConversationTimer> {
  return Object.fromEntries(timers.map((t) => [t.conversationSid, t]));
}

/** The JSON text of a stored document with raw (possibly malformed) entries. */
function storedText(entries: readonly unknown[], version: unknown = STORAGE_VERSION): string {
  return JSON.stringify({ version, timers: entries });
}

/** A valid entry as plain JSON data, with some fields replaced or (`undefined`) removed. */
function rawEntry(overrides: Record<string, unknown>): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    ...timer({ conversationSid: 'CHbad', reservationSid: 'WRbad' }),
    ...overrides,
  };
  for (const [field, value] of Object.entries(overrides)) {
    if (value === undefined) delete entry[field];
  }
  return entry;
}

describe('state/storedTimers', () => {
  describe('storageKeyFor', () => {
    it('scopes the key by account and worker', () => {
      const key = storageKeyFor('AC1', 'WK1');
      expect(key).toContain('AC1');
      expect(key).toContain('WK1');
      expect(storageKeyFor('AC2', 'WK1')).not.toBe(key);
      expect(storageKeyFor('AC1', 'WK2')).not.toBe(key);
      expect(storageKeyFor('AC1', 'WK1')).toBe(key);
    });

    it('is versioned', () => {
      expect(STORAGE_VERSION).toBe(1);
      expect(storageKeyFor('AC1', 'WK1')).toBe('flex-conversations-inactivity/v1/AC1/WK1');
    });
  });

  describe('serializeTimers and parseStoredTimers', () => {
    it('round-trip timers in every countdown and wrap-up state', () => {
      const timers = [
        timer(),
        timer({
          conversationSid: 'CH2',
          reservationSid: 'WR2',
          startOn: 'agent_reply',
          countdown: { kind: 'waiting' },
        }),
        timer({
          conversationSid: 'CH3',
          reservationSid: 'WR3',
          countdown: { kind: 'paused', remainingMs: 12_345 },
          warningsSent: 2,
        }),
        timer({ conversationSid: 'CH4', reservationSid: 'WR4', cycle: 7, closingDone: true, wrapup: 'requested' }),
        timer({ conversationSid: 'CH5', reservationSid: 'WR5', wrapup: 'confirmed', channelType: '' }),
      ];
      expect(parseStoredTimers(serializeTimers(keyed(...timers)))).toEqual({ timers, problem: null });
    });

    it('round-trip an empty set', () => {
      expect(parseStoredTimers(serializeTimers({}))).toEqual({ timers: [], problem: null });
    });

    it('read nothing stored as no timers and no problem', () => {
      expect(parseStoredTimers(null)).toEqual({ timers: [], problem: null });
    });

    it('never writes or reads back fields a caller attached beyond the timer', () => {
      const withExtras = { ...timer(), customerName: 'Ada Lovelace', lastMessage: 'my card number is ...' };
      const text = serializeTimers(keyed(withExtras));
      expect(text).not.toMatch(/Ada|card/);
      const smuggled = storedText([{ ...rawEntry({}), customerName: 'Ada Lovelace' }]);
      expect(parseStoredTimers(smuggled).timers[0]).not.toHaveProperty('customerName');
    });

    it('store only SIDs, timestamps and counters', () => {
      const state = [
        inactivityEvents.conversationTracked({
          conversationSid: 'CH1',
          reservationSid: 'WR1',
          channelType: 'whatsapp',
          startOn: 'customer_message',
          timerMs: 60_000,
          at: T0,
        }),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }),
        inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 1_000 }),
      ].reduce(inactivityReducer, initialInactivityState);
      const document: unknown = JSON.parse(serializeTimers(state.timers));
      expect(document).toEqual({ version: STORAGE_VERSION, timers: [expect.any(Object)] });

      const entry = (document as { timers: Array<Record<string, unknown>> }).timers[0] ?? {};
      expect(Object.keys(entry).sort()).toEqual(
        [
          'channelType',
          'closingDone',
          'conversationSid',
          'countdown',
          'cycle',
          'cycleStartIndex',
          'cycleStartedAt',
          'reservationSid',
          'startOn',
          'timerMs',
          'warningsSent',
          'wrapup',
        ].sort(),
      );
      expect(Object.keys(entry.countdown as object).sort()).toEqual(['kind', 'remainingMs']);
    });
  });

  describe('parseStoredTimers of unreadable documents', () => {
    it('gives no timers and says the text is not JSON', () => {
      const reading = parseStoredTimers('{"version":1,"timers":[');
      expect(reading.timers).toEqual([]);
      expect(reading.problem).toMatch(/not valid JSON/);
    });

    it.each([
      ['an array', '[]'],
      ['a string', '"timers"'],
      ['null', 'null'],
      ['a document without timers', '{"version":1}'],
      ['timers that are an object', '{"version":1,"timers":{"CH1":{}}}'],
    ])('gives no timers and names the shape for %s', (_what, text) => {
      const reading = parseStoredTimers(text);
      expect(reading.timers).toEqual([]);
      expect(reading.problem).toMatch(/not in the expected shape/);
    });

    it.each([
      ['0', storedText([timer()], 0)],
      ['2', storedText([timer()], 2)],
      ['"1"', storedText([timer()], '1')],
      ['undefined', JSON.stringify({ timers: [timer()] })],
    ])('gives no timers and names version %s', (shown, text) => {
      const reading = parseStoredTimers(text);
      expect(reading.timers).toEqual([]);
      expect(reading.problem).toContain(`version ${shown}`);
      expect(reading.problem).toContain(`reads version ${STORAGE_VERSION}`);
    });
  });

  describe('parseStoredTimers of malformed entries', () => {
    const malformed: ReadonlyArray<readonly [string, unknown]> = [
      ['a missing conversationSid', rawEntry({ conversationSid: undefined })],
      ['an empty conversationSid', rawEntry({ conversationSid: '' })],
      ['a numeric reservationSid', rawEntry({ reservationSid: 42 })],
      ['a missing channelType', rawEntry({ channelType: undefined })],
      ['an unknown startOn', rawEntry({ startOn: 'bogus' })],
      ['a negative timerMs', rawEntry({ timerMs: -1 })],
      ['a string timerMs', rawEntry({ timerMs: '60000' })],
      ['cycle 0', rawEntry({ cycle: 0 })],
      ['a fractional cycle', rawEntry({ cycle: 1.5 })],
      ['a negative cycleStartedAt', rawEntry({ cycleStartedAt: -5 })],
      ['cycleStartedAt "NaN"', rawEntry({ cycleStartedAt: 'NaN' })],
      ['cycleStartedAt null (NaN once serialized)', rawEntry({ cycleStartedAt: null })],
      ['a countdown of unknown kind', rawEntry({ countdown: { kind: 'stopped' } })],
      [
        'a running countdown with a string deadline',
        rawEntry({ countdown: { kind: 'running', deadlineAt: 'Infinity' } }),
      ],
      ['a running countdown without deadline', rawEntry({ countdown: { kind: 'running' } })],
      ['a paused countdown with negative remainingMs', rawEntry({ countdown: { kind: 'paused', remainingMs: -1 } })],
      ['a countdown that is a string', rawEntry({ countdown: 'running' })],
      ['warningsSent -1', rawEntry({ warningsSent: -1 })],
      ['warningsSent "0"', rawEntry({ warningsSent: '0' })],
      ['closingDone "false"', rawEntry({ closingDone: 'false' })],
      ["wrapup 'bogus'", rawEntry({ wrapup: 'bogus' })],
      ['an entry that is null', null],
      ['an entry that is an array', [timer()]],
    ];

    it.each(malformed)('drops an entry with %s and keeps the valid ones', (_what, entry) => {
      const first = timer();
      const last = timer({ conversationSid: 'CH2', reservationSid: 'WR2' });
      const reading = parseStoredTimers(storedText([first, entry, last]));
      expect(reading.timers).toEqual([first, last]);
      expect(reading.problem).toMatch(/^1 stored timer\(s\) were malformed/);
      expect(isStoredTimer(entry)).toBe(false);
    });

    it('counts every dropped entry in the problem', () => {
      const entries = malformed.map(([, entry]) => entry);
      const reading = parseStoredTimers(storedText([timer(), ...entries]));
      expect(reading.timers).toEqual([timer()]);
      expect(reading.problem).toContain(`${entries.length} stored timer(s)`);
    });

    it('drops a timer whose deadline was NaN when it was saved', () => {
      const broken = timer({
        conversationSid: 'CH2',
        reservationSid: 'WR2',
        countdown: { kind: 'running', deadlineAt: Number.NaN },
      });
      const reading = parseStoredTimers(serializeTimers(keyed(timer(), broken)));
      expect(reading.timers).toEqual([timer()]);
      expect(reading.problem).toMatch(/^1 stored timer/);
    });

    it('accepts the boundary values', () => {
      const edge = rawEntry({
        timerMs: 0,
        cycle: 1,
        cycleStartedAt: 0,
        warningsSent: 0,
        countdown: { kind: 'paused', remainingMs: 0 },
      });
      expect(parseStoredTimers(storedText([edge]))).toEqual({ timers: [edge], problem: null });
    });
  });

  describe('pruneTimers', () => {
    it('keeps only the timers of reservations the worker still holds', () => {
      const held = timer({ conversationSid: 'CH1', reservationSid: 'WR1' });
      const ended = timer({ conversationSid: 'CH2', reservationSid: 'WR2' });
      const alsoHeld = timer({ conversationSid: 'CH3', reservationSid: 'WR3' });
      expect(pruneTimers([held, ended, alsoHeld], new Set(['WR1', 'WR3', 'WR9']))).toEqual([held, alsoHeld]);
    });

    it('matches on the reservation, not the conversation', () => {
      const oldReservation = timer({ conversationSid: 'CH1', reservationSid: 'WRold' });
      expect(pruneTimers([oldReservation], new Set(['CH1', 'WRnew']))).toEqual([]);
    });

    it('keeps nothing when no reservation is held', () => {
      expect(pruneTimers([timer()], new Set())).toEqual([]);
    });
  });
});
