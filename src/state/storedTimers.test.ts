import { originalPolicy, trackRequest } from '../core/testing/factories';
import type { ConversationTimer, TimerPhaseState } from '../core/conversationTimer';
import { onHistoryReconciled, startTimer } from '../core/conversationTimer';
import { inactivityEvents } from './inactivityEvents';
import { inactivityReducer, initialInactivityState } from './inactivitySlice';
import {
  createTimerSerializer,
  isStoredTimer,
  parseStoredTimers,
  restorableTimers,
  serializeTimers,
  STORAGE_VERSION,
  storageKeyFor,
} from './storedTimers';

const T0 = 1_700_000_000_000;

/** CH1 accepted at T0 under a 60 s timer. */
const CH1_REQUEST = trackRequest({
  conversationSid: 'CH1',
  reservationSid: 'WR1',
  taskSid: 'WT1',
  channelType: 'web',
  timerMs: 60_000,
  at: T0,
});

/** Tracked at T0 under a 60 s timer, its history read. */
function timer(overrides: Partial<ConversationTimer> = {}): ConversationTimer {
  const tracked = startTimer(CH1_REQUEST);
  return { ...onHistoryReconciled(tracked), ...overrides };
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

/** One timer in each phase and history status, with both policies set in one of them. */
function timersInEveryPhase(): ConversationTimer[] {
  return [
    timer(),
    timer({
      conversationSid: 'CH2',
      reservationSid: 'WR2',
      policy: originalPolicy({ startOn: 'agent_reply', timerMs: 60_000, closingMessage: 'Bye' }),
      nextPolicy: originalPolicy({ timerMs: 3_600_000, warnings: [] }),
      phase: { kind: 'waiting' },
    }),
    timer({
      conversationSid: 'CH3',
      reservationSid: 'WR3',
      phase: { kind: 'paused', remainingMs: 12_345, warningsSent: 2 },
    }),
    timer({ conversationSid: 'CH4', reservationSid: 'WR4', cycle: 7, phase: { kind: 'expired', warningsSent: 0 } }),
    timer({
      conversationSid: 'CH5',
      reservationSid: 'WR5',
      phase: { kind: 'wrappingUp', heldMessage: null, warningsSent: 0 },
    }),
    timer({
      conversationSid: 'CH6',
      reservationSid: 'WR6',
      phase: { kind: 'wrappingUp', heldMessage: { at: T0 + 61_000, messageIndex: 12 }, warningsSent: 0 },
    }),
    timer({
      conversationSid: 'CH7',
      reservationSid: 'WR7',
      phase: { kind: 'wrappingUp', heldMessage: { at: T0 }, warningsSent: 0 },
    }),
    timer({ conversationSid: 'CH8', reservationSid: 'WR8', phase: { kind: 'done' }, channelType: '' }),
    timer({ conversationSid: 'CH9', reservationSid: 'WR9', history: 'unread', cycleStartIndex: 4 }),
    timer({ conversationSid: 'CH11', reservationSid: 'WR11', phase: { kind: 'transferPending', held: null } }),
    timer({
      conversationSid: 'CH12',
      reservationSid: 'WR12',
      phase: { kind: 'transferPending', held: { remainingMs: 9_999, warningsSent: 1, pausedByAgent: true } },
    }),
    // The closing message went out after a pause, or as a transfer began: the wrap-up is next when it counts again.
    timer({
      conversationSid: 'CH13',
      reservationSid: 'WR13',
      phase: { kind: 'paused', remainingMs: 0, warningsSent: 1, closingDone: true },
    }),
    timer({
      conversationSid: 'CH14',
      reservationSid: 'WR14',
      phase: {
        kind: 'transferPending',
        held: { remainingMs: 0, warningsSent: 1, pausedByAgent: false, closingDone: true },
      },
    }),
  ];
}

/** A version 1 entry, as the plugin stored them before phases. */
const VERSION_1_ENTRY = {
  conversationSid: 'CH1',
  reservationSid: 'WR1',
  channelType: 'web',
  startOn: 'customer_message',
  timerMs: 60_000,
  cycle: 1,
  cycleStartedAt: T0,
  cycleStartIndex: null,
  countdown: { kind: 'running', deadlineAt: T0 + 60_000 },
  warningsSent: 0,
  closingDone: false,
  wrapup: 'none',
};

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
      expect(STORAGE_VERSION).toBe(2);
      expect(storageKeyFor('AC1', 'WK1')).toBe('flex-conversations-inactivity/v2/AC1/WK1');
    });
  });

  describe('serializeTimers and parseStoredTimers', () => {
    it('round-trip timers in every phase and history status', () => {
      const timers = timersInEveryPhase();
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

    it('never writes or reads back fields attached to a phase or a held message', () => {
      const held = { at: T0, messageIndex: 3, body: 'my card number is ...' };
      const phase = {
        kind: 'wrappingUp',
        heldMessage: held,
        warningsSent: 0,
        customerName: 'Ada Lovelace',
      } as TimerPhaseState;
      const text = serializeTimers(keyed(timer({ phase })));
      expect(text).not.toMatch(/Ada|card/);

      const smuggled = storedText([rawEntry({ phase })]);
      const [read] = parseStoredTimers(smuggled).timers;
      expect(read?.phase).toStrictEqual({
        kind: 'wrappingUp',
        heldMessage: { at: T0, messageIndex: 3 },
        warningsSent: 0,
      });
      const heldCountdown = { remainingMs: 5_000, warningsSent: 0, pausedByAgent: false, note: 'Ada' };
      const transfer = { kind: 'transferPending', held: heldCountdown } as TimerPhaseState;
      expect(serializeTimers(keyed(timer({ phase: transfer })))).not.toMatch(/Ada/);
      expect(parseStoredTimers(storedText([rawEntry({ phase: transfer })])).timers[0]?.phase).toStrictEqual({
        kind: 'transferPending',
        held: { remainingMs: 5_000, warningsSent: 0, pausedByAgent: false },
      });
      const counting = { kind: 'counting', deadlineAt: T0, warningsSent: 0, note: 'Ada' };
      expect(parseStoredTimers(storedText([rawEntry({ phase: counting })])).timers[0]?.phase).toStrictEqual({
        kind: 'counting',
        deadlineAt: T0,
        warningsSent: 0,
      });
    });

    it("store only SIDs, timestamps, counters and the admin's settings: nothing from the conversation", () => {
      const state = [
        inactivityEvents.conversationTracked(
          trackRequest({
            conversationSid: 'CH1',
            reservationSid: 'WR1',
            taskSid: 'WT1',
            channelType: 'whatsapp',
            timerMs: 60_000,
            at: T0,
          }),
        ),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }),
        inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 1_000 }),
      ].reduce(inactivityReducer, initialInactivityState);
      const document: unknown = JSON.parse(serializeTimers(state.timers));
      expect(document).toEqual({ version: STORAGE_VERSION, timers: [expect.any(Object)] });

      const entry = (document as { timers: Array<Record<string, unknown>> }).timers[0] ?? {};
      expect(Object.keys(entry).sort()).toEqual(
        [
          'channelType',
          'conversationSid',
          'cycle',
          'cycleStartIndex',
          'cycleStartedAt',
          'history',
          'lastCustomerAt',
          'phase',
          'reservationSid',
          'policy',
          'nextPolicy',
          'taskSid',
        ].sort(),
      );
      expect(entry.phase).toEqual({ kind: 'paused', remainingMs: 59_000, warningsSent: 1 });
    });

    it('store a held message as its time and index only', () => {
      const state = [
        inactivityEvents.conversationTracked(CH1_REQUEST),
        inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 1 }),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 61_000, messageIndex: 3 }),
      ].reduce(inactivityReducer, initialInactivityState);
      const document = JSON.parse(serializeTimers(state.timers)) as { timers: Array<Record<string, unknown>> };
      expect(document.timers[0]?.phase).toStrictEqual({
        kind: 'wrappingUp',
        heldMessage: { at: T0 + 61_000, messageIndex: 3 },
        warningsSent: 0,
      });
    });
  });

  describe('createTimerSerializer', () => {
    it('writes the versioned JSON document that parseStoredTimers reads back, whatever the phases', () => {
      const timers = keyed(...timersInEveryPhase());
      const serialize = createTimerSerializer();
      expect(JSON.parse(serialize({}))).toEqual({ version: STORAGE_VERSION, timers: [] });
      expect(parseStoredTimers(serialize(timers))).toEqual({ timers: Object.values(timers), problem: null });
    });

    it('serialises only the timer objects it has not seen, and writes the latest of each', () => {
      const serialize = createTimerSerializer();
      const seen = timersInEveryPhase();
      serialize(keyed(...seen));
      const changed = timer({
        conversationSid: 'CH3',
        reservationSid: 'WR3',
        phase: { kind: 'expired', warningsSent: 0 },
      });
      const added = timer({ conversationSid: 'CH10', reservationSid: 'WR10' });
      const next = { ...keyed(...seen), CH3: changed, CH10: added };
      const stringify = jest.spyOn(JSON, 'stringify');
      try {
        const text = serialize(next);
        // The changed timer and the new one; the unchanged ones keep their text.
        expect(stringify).toHaveBeenCalledTimes(2);
        // A serializer that never saw the old objects writes the same: no stale piece survived.
        expect(text).toBe(serializeTimers(next));
      } finally {
        stringify.mockRestore();
      }
    });

    it('never writes fields a caller attached beyond the timer', () => {
      const withExtras = { ...timer(), customerName: 'Ada Lovelace' };
      expect(createTimerSerializer()(keyed(withExtras))).not.toMatch(/Ada/);
    });
  });

  describe('parseStoredTimers of unreadable documents', () => {
    it('gives no timers and says the text is not JSON', () => {
      const reading = parseStoredTimers('{"version":2,"timers":[');
      expect(reading.timers).toEqual([]);
      expect(reading.problem).toMatch(/not valid JSON/);
    });

    it.each([
      ['an array', '[]'],
      ['a string', '"timers"'],
      ['null', 'null'],
      ['a document without timers', '{"version":2}'],
      ['timers that are an object', '{"version":2,"timers":{"CH1":{}}}'],
    ])('gives no timers and names the shape for %s', (_what, text) => {
      const reading = parseStoredTimers(text);
      expect(reading.timers).toEqual([]);
      expect(reading.problem).toMatch(/not in the expected shape/);
    });

    it('discards a version 1 document, naming both versions', () => {
      const reading = parseStoredTimers(storedText([VERSION_1_ENTRY], 1));
      expect(reading).toEqual({
        timers: [],
        problem: 'the stored timers have version 1, this plugin reads version 2; starting without them',
      });
    });

    it.each([
      ['0', storedText([timer()], 0)],
      ['1', storedText([timer()], 1)],
      ['3', storedText([timer()], 3)],
      ['"2"', storedText([timer()], '2')],
      ['null', storedText([timer()], null)],
      ['undefined', JSON.stringify({ timers: [timer()] })],
    ])('gives no timers and names version %s', (shown, text) => {
      const reading = parseStoredTimers(text);
      expect(reading.timers).toEqual([]);
      expect(reading.problem).toContain(`version ${shown},`);
      expect(reading.problem).toContain(`reads version ${STORAGE_VERSION}`);
    });
  });

  describe('parseStoredTimers of entries saved before a field existed', () => {
    it('reads an expired or wrapping-up timer saved without its warning count as none sent', () => {
      const expired = storedText([rawEntry({ phase: { kind: 'expired' } })]);
      expect(parseStoredTimers(expired)).toMatchObject({ timers: [{ phase: { kind: 'expired', warningsSent: 0 } }] });
      const wrapping = storedText([rawEntry({ phase: { kind: 'wrappingUp', heldMessage: null } })]);
      expect(parseStoredTimers(wrapping).timers[0]?.phase).toEqual({
        kind: 'wrappingUp',
        heldMessage: null,
        warningsSent: 0,
      });
    });

    it('still drops a warning count of the wrong type', () => {
      const wrong = storedText([rawEntry({ phase: { kind: 'expired', warningsSent: -1 } })]);
      expect(parseStoredTimers(wrong).timers).toEqual([]);
    });
  });

  describe('parseStoredTimers of malformed entries', () => {
    const malformed: ReadonlyArray<readonly [string, unknown]> = [
      ['a missing conversationSid', rawEntry({ conversationSid: undefined })],
      ['an empty conversationSid', rawEntry({ conversationSid: '' })],
      ['a numeric reservationSid', rawEntry({ reservationSid: 42 })],
      ['a missing taskSid (as version 1 stored)', rawEntry({ taskSid: undefined })],
      ['an empty taskSid', rawEntry({ taskSid: '' })],
      ['a missing channelType', rawEntry({ channelType: undefined })],
      ['a missing policy (as version 1 stored)', rawEntry({ policy: undefined })],
      ['an unknown startOn', rawEntry({ policy: { ...originalPolicy(), startOn: 'bogus' } })],
      ['a negative timerMs', rawEntry({ policy: { ...originalPolicy(), timerMs: -1 } })],
      ['a string timerMs', rawEntry({ policy: { ...originalPolicy(), timerMs: '60000' } })],
      ['warnings that are not a list', rawEntry({ policy: { ...originalPolicy(), warnings: {} } })],
      ['a warning without its text', rawEntry({ policy: { ...originalPolicy(), warnings: [{ beforeMs: 1_000 }] } })],
      ['a numeric closing message', rawEntry({ policy: { ...originalPolicy(), closingMessage: 7 } })],
      ['a missing extension', rawEntry({ policy: { ...originalPolicy(), extendMs: undefined } })],
      ['a missing nextPolicy', rawEntry({ nextPolicy: undefined })],
      ['a nextPolicy that is a string', rawEntry({ nextPolicy: 'later' })],
      ['cycle 0', rawEntry({ cycle: 0 })],
      ['a fractional cycle', rawEntry({ cycle: 1.5 })],
      ['a negative cycleStartedAt', rawEntry({ cycleStartedAt: -5 })],
      ['cycleStartedAt "NaN"', rawEntry({ cycleStartedAt: 'NaN' })],
      ['cycleStartedAt null (NaN once serialized)', rawEntry({ cycleStartedAt: null })],
      ['a fractional cycleStartIndex', rawEntry({ cycleStartIndex: 1.5 })],
      ['a negative cycleStartIndex', rawEntry({ cycleStartIndex: -1 })],
      ['a missing history', rawEntry({ history: undefined })],
      ["history 'stale'", rawEntry({ history: 'stale' })],
      ['a missing phase', rawEntry({ phase: undefined })],
      ['a phase that is a string', rawEntry({ phase: 'counting' })],
      ['a phase that is null', rawEntry({ phase: null })],
      ['a phase of unknown kind', rawEntry({ phase: { kind: 'stopped' } })],
      ['a version 1 countdown instead of a phase', { ...VERSION_1_ENTRY, taskSid: 'WT1', history: 'reconciled' }],
      ['counting without deadline', rawEntry({ phase: { kind: 'counting', warningsSent: 0 } })],
      [
        'counting with a string deadline',
        rawEntry({ phase: { kind: 'counting', deadlineAt: 'Infinity', warningsSent: 0 } }),
      ],
      ['counting without warningsSent', rawEntry({ phase: { kind: 'counting', deadlineAt: T0 } })],
      ['counting with warningsSent -1', rawEntry({ phase: { kind: 'counting', deadlineAt: T0, warningsSent: -1 } })],
      ['counting with warningsSent "0"', rawEntry({ phase: { kind: 'counting', deadlineAt: T0, warningsSent: '0' } })],
      ['paused with negative remainingMs', rawEntry({ phase: { kind: 'paused', remainingMs: -1, warningsSent: 0 } })],
      ['paused without remainingMs', rawEntry({ phase: { kind: 'paused', warningsSent: 0 } })],
      [
        'paused with a fractional warningsSent',
        rawEntry({ phase: { kind: 'paused', remainingMs: 1, warningsSent: 0.5 } }),
      ],
      ['transferPending without held', rawEntry({ phase: { kind: 'transferPending' } })],
      [
        'transferPending holding a countdown without pausedByAgent',
        rawEntry({ phase: { kind: 'transferPending', held: { remainingMs: 1, warningsSent: 0 } } }),
      ],
      [
        'transferPending holding a negative time',
        rawEntry({
          phase: { kind: 'transferPending', held: { remainingMs: -5, warningsSent: 0, pausedByAgent: false } },
        }),
      ],
      ['wrappingUp without heldMessage', rawEntry({ phase: { kind: 'wrappingUp' } })],
      ['wrappingUp holding a string', rawEntry({ phase: { kind: 'wrappingUp', heldMessage: 'hello' } })],
      [
        'wrappingUp holding a message without time',
        rawEntry({ phase: { kind: 'wrappingUp', heldMessage: {}, warningsSent: 0 } }),
      ],
      [
        'wrappingUp holding a message at a negative time',
        rawEntry({ phase: { kind: 'wrappingUp', heldMessage: { at: -1 }, warningsSent: 0 } }),
      ],
      [
        'wrappingUp holding a message with a null index',
        rawEntry({ phase: { kind: 'wrappingUp', heldMessage: { at: T0, messageIndex: null }, warningsSent: 0 } }),
      ],
      [
        'wrappingUp holding a message with a negative index',
        rawEntry({ phase: { kind: 'wrappingUp', heldMessage: { at: T0, messageIndex: -2 }, warningsSent: 0 } }),
      ],
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
        phase: { kind: 'counting', deadlineAt: Number.NaN, warningsSent: 0 },
      });
      const reading = parseStoredTimers(serializeTimers(keyed(timer(), broken)));
      expect(reading.timers).toEqual([timer()]);
      expect(reading.problem).toMatch(/^1 stored timer/);
    });

    it.each<[string, TimerPhaseState]>([
      ['waiting', { kind: 'waiting' }],
      ['counting', { kind: 'counting', deadlineAt: 0, warningsSent: 0 }],
      ['paused', { kind: 'paused', remainingMs: 0, warningsSent: 0 }],
      ['expired', { kind: 'expired', warningsSent: 0 }],
      ['transferPending with nothing counting', { kind: 'transferPending', held: null }],
      [
        'transferPending holding a countdown',
        { kind: 'transferPending', held: { remainingMs: 0, warningsSent: 0, pausedByAgent: true } },
      ],
      ['wrappingUp with nothing held', { kind: 'wrappingUp', heldMessage: null, warningsSent: 0 }],
      [
        'wrappingUp holding a message',
        { kind: 'wrappingUp', heldMessage: { at: 0, messageIndex: 0 }, warningsSent: 0 },
      ],
      ['wrappingUp holding a message without index', { kind: 'wrappingUp', heldMessage: { at: 0 }, warningsSent: 0 }],
      ['done', { kind: 'done' }],
    ])('accepts the boundary values of a %s phase', (_kind, phase) => {
      const edge = rawEntry({
        policy: originalPolicy({ timerMs: 0 }),
        cycle: 1,
        cycleStartedAt: 0,
        cycleStartIndex: 0,
        history: 'unread',
        phase,
      });
      expect(isStoredTimer(edge)).toBe(true);
      expect(parseStoredTimers(storedText([edge]))).toEqual({ timers: [edge], problem: null });
    });
  });

  describe('restorableTimers', () => {
    it('keeps only the timers of reservations the worker still holds accepted', () => {
      const held = timer({ conversationSid: 'CH1', reservationSid: 'WR1' });
      const ended = timer({ conversationSid: 'CH2', reservationSid: 'WR2' });
      const alsoHeld = timer({ conversationSid: 'CH3', reservationSid: 'WR3' });
      const restored = restorableTimers([held, ended, alsoHeld], new Set(['WR1', 'WR3', 'WR9']));
      expect(restored.map((t) => t.conversationSid)).toEqual(['CH1', 'CH3']);
    });

    it('matches on the reservation, not the conversation', () => {
      const oldReservation = timer({ conversationSid: 'CH1', reservationSid: 'WRold' });
      expect(restorableTimers([oldReservation], new Set(['CH1', 'WRnew']))).toEqual([]);
    });

    it('keeps nothing when no reservation is held', () => {
      expect(restorableTimers([timer()], new Set())).toEqual([]);
    });

    it('prepares each timer kept: unread, whatever it was', () => {
      const counting = timer({ phase: { kind: 'counting', deadlineAt: T0 + 60_000, warningsSent: 1 } });
      expect(counting.history).toBe('reconciled');
      expect(restorableTimers([counting], new Set(['WR1']))).toEqual([{ ...counting, history: 'unread' }]);
    });

    it('asks again for a wrap-up that was in flight, or counts from a message held meanwhile', () => {
      const inFlight = timer({
        conversationSid: 'CH1',
        phase: { kind: 'wrappingUp', heldMessage: null, warningsSent: 0 },
      });
      const held = timer({
        conversationSid: 'CH2',
        reservationSid: 'WR2',
        phase: { kind: 'wrappingUp', heldMessage: { at: T0 + 61_000, messageIndex: 3 }, warningsSent: 0 },
      });
      const [again, recounted] = restorableTimers([inFlight, held], new Set(['WR1', 'WR2']));
      expect(again).toEqual({ ...inFlight, history: 'unread', phase: { kind: 'expired', warningsSent: 0 } });
      expect(recounted).toEqual({
        ...held,
        cycle: 2,
        cycleStartedAt: T0 + 61_000,
        cycleStartIndex: 3,
        history: 'unread',
        phase: { kind: 'counting', deadlineAt: T0 + 61_000 + 60_000, warningsSent: 0 },
      });
    });
  });
});
