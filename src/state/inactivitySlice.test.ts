import type { AnyAction } from 'redux';

import type { ConversationTimer, TrackRequest } from '../core/conversationTimer';
import { startTimer } from '../core/conversationTimer';
import { inactivityEvents } from './inactivityEvents';
import type { InactivityState } from './inactivitySlice';
import { inactivityReducer, initialInactivityState } from './inactivitySlice';

const T0 = 1_700_000_000_000;
const TIMER_MS = 60_000;

function trackRequest(overrides: Partial<TrackRequest> = {}): TrackRequest {
  return {
    conversationSid: 'CH1',
    reservationSid: 'WR1',
    channelType: 'web',
    startOn: 'customer_message',
    timerMs: TIMER_MS,
    at: T0,
    ...overrides,
  };
}

/** Applies `actions` in order, starting from `state`. */
function reduce(state: InactivityState, ...actions: readonly AnyAction[]): InactivityState {
  return actions.reduce<InactivityState>(inactivityReducer, state);
}

/** A state holding one freshly tracked conversation. */
function tracked(overrides: Partial<TrackRequest> = {}): InactivityState {
  return reduce(initialInactivityState, inactivityEvents.conversationTracked(trackRequest(overrides)));
}

function timerOf(state: InactivityState, sid = 'CH1'): ConversationTimer {
  const timer = state.timers[sid];
  if (timer === undefined) throw new Error(`no timer for ${sid}`);
  return timer;
}

describe('state/inactivitySlice', () => {
  describe('action types', () => {
    it('read inactivity/<eventName> for every event creator', () => {
      const all: ReadonlyArray<{ readonly type: string }> = [
        inactivityEvents.conversationTracked(trackRequest()),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 }),
        inactivityEvents.agentMessageSent({ conversationSid: 'CH1', at: T0 }),
        inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 }),
        inactivityEvents.timerResumed({ conversationSid: 'CH1', at: T0 }),
        inactivityEvents.timerExtended({ conversationSid: 'CH1', at: T0, byMs: 1 }),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }),
        inactivityEvents.closingMessageDone({ conversationSid: 'CH1', cycle: 1 }),
        inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 1 }),
        inactivityEvents.wrapupFailed({ conversationSid: 'CH1' }),
        inactivityEvents.wrapupConfirmed({ conversationSid: 'CH1' }),
        inactivityEvents.conversationReleased({ conversationSid: 'CH1' }),
        inactivityEvents.timersRestored({ timers: [] }),
      ];
      expect(all).toHaveLength(Object.keys(inactivityEvents).length);
      expect(all.map((action) => action.type)).toEqual(
        Object.keys(inactivityEvents).map((name) => `inactivity/${name}`),
      );
    });

    it('carry the payload unchanged', () => {
      const payload = { conversationSid: 'CH1', at: T0, byMs: 5_000 };
      expect(inactivityEvents.timerExtended(payload)).toEqual({ type: 'inactivity/timerExtended', payload });
    });
  });

  describe('initial state', () => {
    it('is an empty set of timers', () => {
      expect(inactivityReducer(undefined, { type: '@@INIT' })).toEqual({ timers: {} });
    });
  });

  describe('conversationTracked', () => {
    it('starts a running countdown from acceptance in customer_message mode', () => {
      expect(timerOf(tracked({ startOn: 'customer_message' }))).toEqual({
        conversationSid: 'CH1',
        reservationSid: 'WR1',
        channelType: 'web',
        startOn: 'customer_message',
        timerMs: TIMER_MS,
        cycle: 1,
        cycleStartIndex: null,
        cycleStartedAt: T0,
        countdown: { kind: 'running', deadlineAt: T0 + TIMER_MS },
        warningsSent: 0,
        closingDone: false,
        wrapup: 'none',
      });
    });

    it('waits for the agent in agent_reply mode', () => {
      const timer = timerOf(tracked({ startOn: 'agent_reply' }));
      expect(timer.countdown).toEqual({ kind: 'waiting' });
      expect(timer.cycle).toBe(1);
    });

    it('keeps the timer (and the state object) when the same reservation is tracked again', () => {
      const warned = reduce(
        tracked(),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }),
      );
      const retracked = reduce(warned, inactivityEvents.conversationTracked(trackRequest({ at: T0 + 30_000 })));
      expect(retracked).toBe(warned);
      expect(timerOf(retracked).warningsSent).toBe(1);
    });

    it('starts afresh for a new reservation of the same conversation', () => {
      const old = reduce(
        tracked(),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 10_000 }),
      );
      expect(timerOf(old).cycle).toBe(2);
      const next = reduce(
        old,
        inactivityEvents.conversationTracked(trackRequest({ reservationSid: 'WR2', at: T0 + 50_000 })),
      );
      expect(timerOf(next)).toEqual(startTimer(trackRequest({ reservationSid: 'WR2', at: T0 + 50_000 })));
    });

    it('tracks several conversations side by side', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH2', reservationSid: 'WR2' })),
      );
      expect(Object.keys(state.timers).sort()).toEqual(['CH1', 'CH2']);
    });
  });

  describe('customerMessageReceived', () => {
    it('opens a new cycle with a full countdown in customer_message mode', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 20_000 }),
      );
      const timer = timerOf(state);
      expect(timer.cycle).toBe(2);
      expect(timer.cycleStartedAt).toBe(T0 + 20_000);
      expect(timer.countdown).toEqual({ kind: 'running', deadlineAt: T0 + 20_000 + TIMER_MS });
      expect(timer.warningsSent).toBe(0);
    });

    it('stops the countdown in agent_reply mode', () => {
      const state = reduce(
        tracked({ startOn: 'agent_reply' }),
        inactivityEvents.agentMessageSent({ conversationSid: 'CH1', at: T0 + 1_000 }),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 2_000 }),
      );
      expect(timerOf(state).countdown).toEqual({ kind: 'waiting' });
      expect(timerOf(state).cycle).toBe(3);
    });

    it('returns the same state for a message no later than the cycle start', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 5_000 }),
      );
      expect(reduce(state, inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 4_999 }))).toBe(
        state,
      );
      expect(reduce(state, inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 5_000 }))).toBe(
        state,
      );
    });
  });

  describe('agentMessageSent', () => {
    it('starts a full countdown from the message in agent_reply mode', () => {
      const state = reduce(
        tracked({ startOn: 'agent_reply' }),
        inactivityEvents.agentMessageSent({ conversationSid: 'CH1', at: T0 + 3_000 }),
      );
      expect(timerOf(state).countdown).toEqual({ kind: 'running', deadlineAt: T0 + 3_000 + TIMER_MS });
      expect(timerOf(state).cycle).toBe(2);
    });

    it('returns the same state in customer_message mode', () => {
      const state = tracked({ startOn: 'customer_message' });
      expect(reduce(state, inactivityEvents.agentMessageSent({ conversationSid: 'CH1', at: T0 + 3_000 }))).toBe(state);
    });
  });

  describe('timerPaused and timerResumed', () => {
    it('keeps the time left when pausing and counts it down again from the resume', () => {
      const paused = reduce(tracked(), inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 15_000 }));
      expect(timerOf(paused).countdown).toEqual({ kind: 'paused', remainingMs: TIMER_MS - 15_000 });
      const resumed = reduce(paused, inactivityEvents.timerResumed({ conversationSid: 'CH1', at: T0 + 100_000 }));
      expect(timerOf(resumed).countdown).toEqual({ kind: 'running', deadlineAt: T0 + 100_000 + TIMER_MS - 15_000 });
    });

    it('returns the same state when pausing twice', () => {
      const paused = reduce(tracked(), inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 15_000 }));
      expect(reduce(paused, inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 20_000 }))).toBe(paused);
    });

    it('returns the same state when resuming a running countdown', () => {
      const state = tracked();
      expect(reduce(state, inactivityEvents.timerResumed({ conversationSid: 'CH1', at: T0 + 1_000 }))).toBe(state);
    });
  });

  describe('timerExtended', () => {
    it('moves the deadline by the extension', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.timerExtended({ conversationSid: 'CH1', at: T0 + 1_000, byMs: 30_000 }),
      );
      expect(timerOf(state).countdown).toEqual({ kind: 'running', deadlineAt: T0 + TIMER_MS + 30_000 });
      expect(timerOf(state).cycle).toBe(1);
    });

    it('returns the same state for an extension of zero', () => {
      const state = tracked();
      expect(reduce(state, inactivityEvents.timerExtended({ conversationSid: 'CH1', at: T0 + 1_000, byMs: 0 }))).toBe(
        state,
      );
    });
  });

  describe('warningSent', () => {
    it('records the warning and every earlier one of the cycle as sent', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 1 }),
      );
      expect(timerOf(state).warningsSent).toBe(2);
    });

    it('returns the same state for a warning of an old cycle', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 1_000 }),
      );
      expect(reduce(state, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }))).toBe(
        state,
      );
    });

    it('returns the same state for a warning already recorded', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 1 }),
      );
      expect(reduce(state, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }))).toBe(
        state,
      );
    });
  });

  describe('closingMessageDone', () => {
    it('marks the closing message of the cycle as done, once', () => {
      const done = reduce(tracked(), inactivityEvents.closingMessageDone({ conversationSid: 'CH1', cycle: 1 }));
      expect(timerOf(done).closingDone).toBe(true);
      expect(reduce(done, inactivityEvents.closingMessageDone({ conversationSid: 'CH1', cycle: 1 }))).toBe(done);
    });

    it('returns the same state for another cycle', () => {
      const state = tracked();
      expect(reduce(state, inactivityEvents.closingMessageDone({ conversationSid: 'CH1', cycle: 2 }))).toBe(state);
    });
  });

  describe('wrap-up events', () => {
    it('records a request for the current cycle and ignores one for another cycle', () => {
      const state = tracked();
      expect(reduce(state, inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 2 }))).toBe(state);
      const requested = reduce(state, inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 1 }));
      expect(timerOf(requested).wrapup).toBe('requested');
    });

    it('makes the wrap-up plannable again when Flex failed', () => {
      const failed = reduce(
        tracked(),
        inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 1 }),
        inactivityEvents.wrapupFailed({ conversationSid: 'CH1' }),
      );
      expect(timerOf(failed).wrapup).toBe('none');
    });

    it('returns the same state when a failure arrives without a request', () => {
      const state = tracked();
      expect(reduce(state, inactivityEvents.wrapupFailed({ conversationSid: 'CH1' }))).toBe(state);
    });

    it('settles the conversation when the wrap-up is confirmed, and ignores activity afterwards', () => {
      const confirmed = reduce(tracked(), inactivityEvents.wrapupConfirmed({ conversationSid: 'CH1' }));
      expect(timerOf(confirmed).wrapup).toBe('confirmed');
      expect(reduce(confirmed, inactivityEvents.wrapupConfirmed({ conversationSid: 'CH1' }))).toBe(confirmed);
      expect(
        reduce(confirmed, inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 1_000 })),
      ).toBe(confirmed);
    });
  });

  describe('events for untracked conversations', () => {
    const forOther: readonly AnyAction[] = [
      inactivityEvents.customerMessageReceived({ conversationSid: 'CH9', at: T0 + 1 }),
      inactivityEvents.agentMessageSent({ conversationSid: 'CH9', at: T0 + 1 }),
      inactivityEvents.timerPaused({ conversationSid: 'CH9', at: T0 + 1 }),
      inactivityEvents.timerResumed({ conversationSid: 'CH9', at: T0 + 1 }),
      inactivityEvents.timerExtended({ conversationSid: 'CH9', at: T0 + 1, byMs: 1_000 }),
      inactivityEvents.warningSent({ conversationSid: 'CH9', cycle: 1, warningIndex: 0 }),
      inactivityEvents.closingMessageDone({ conversationSid: 'CH9', cycle: 1 }),
      inactivityEvents.wrapupRequested({ conversationSid: 'CH9', cycle: 1 }),
      inactivityEvents.wrapupFailed({ conversationSid: 'CH9' }),
      inactivityEvents.wrapupConfirmed({ conversationSid: 'CH9' }),
      inactivityEvents.conversationReleased({ conversationSid: 'CH9' }),
    ];

    it.each(forOther.map((action) => [action.type, action] as const))(
      '%s returns the same state object',
      (_type, action) => {
        const state = tracked();
        expect(inactivityReducer(state, action)).toBe(state);
        expect(inactivityReducer(initialInactivityState, action)).toBe(initialInactivityState);
      },
    );
  });

  it('leaves the other timers untouched (same objects) when one changes', () => {
    const state = reduce(
      tracked(),
      inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH2', reservationSid: 'WR2' })),
    );
    const next = reduce(state, inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 1_000 }));
    expect(next).not.toBe(state);
    expect(next.timers.CH2).toBe(state.timers.CH2);
    expect(state.timers.CH1?.countdown.kind).toBe('running');
  });

  describe('conversationReleased', () => {
    it('removes the timer of the conversation only', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH2', reservationSid: 'WR2' })),
      );
      const released = reduce(state, inactivityEvents.conversationReleased({ conversationSid: 'CH1' }));
      expect(Object.keys(released.timers)).toEqual(['CH2']);
      expect(Object.keys(state.timers).sort()).toEqual(['CH1', 'CH2']);
    });
  });

  describe('timersRestored', () => {
    it('adds the stored timers of conversations not tracked yet', () => {
      const stored = [startTimer(trackRequest({ conversationSid: 'CH2', reservationSid: 'WR2', at: T0 - 5_000 }))];
      const restored = reduce(tracked(), inactivityEvents.timersRestored({ timers: stored }));
      expect(restored.timers.CH2).toEqual(stored[0]);
      expect(Object.keys(restored.timers).sort()).toEqual(['CH1', 'CH2']);
    });

    it('lets the live timer win over a stored one for the same conversation', () => {
      const live = tracked();
      const storedCh1 = { ...startTimer(trackRequest({ at: T0 - 50_000 })), warningsSent: 2 };
      const storedCh3 = startTimer(trackRequest({ conversationSid: 'CH3', reservationSid: 'WR3' }));
      const restored = reduce(live, inactivityEvents.timersRestored({ timers: [storedCh1, storedCh3] }));
      expect(restored.timers.CH1).toBe(live.timers.CH1);
      expect(restored.timers.CH3).toEqual(storedCh3);
    });

    it('returns the same state when nothing is missing', () => {
      const live = tracked();
      const storedCh1 = startTimer(trackRequest({ at: T0 - 50_000 }));
      expect(reduce(live, inactivityEvents.timersRestored({ timers: [storedCh1] }))).toBe(live);
      expect(reduce(live, inactivityEvents.timersRestored({ timers: [] }))).toBe(live);
    });
  });

  describe('other actions', () => {
    const foreign: readonly AnyAction[] = [
      { type: '@@redux/INITx.y.z' },
      { type: 'VIEW_UPDATE_FILTERS', payload: { conversationSid: 'CH1' } },
      { type: 'Flex/Actions/WrapupTask', payload: { conversationSid: 'CH1', at: T0 + 1 } },
      { type: 'inactivity/somethingNew', payload: { conversationSid: 'CH1', at: T0 + 1 } },
      { type: 'inactivity/conversationReleased' },
      { type: 'INACTIVITY/CONVERSATIONRELEASED', payload: { conversationSid: 'CH1' } },
    ];

    it.each(foreign.map((action) => [action.type, action] as const))(
      '%s returns the same state object',
      (_type, action) => {
        const state = tracked();
        expect(inactivityReducer(state, action)).toBe(state);
      },
    );
  });

  describe('time', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    /** A day in the life of one conversation, every event carrying its own time. */
    function script(): InactivityState {
      return reduce(
        initialInactivityState,
        inactivityEvents.conversationTracked(trackRequest({ startOn: 'agent_reply' })),
        inactivityEvents.agentMessageSent({ conversationSid: 'CH1', at: T0 + 1_000 }),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 2, warningIndex: 0 }),
        inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 30_000 }),
        inactivityEvents.timerExtended({ conversationSid: 'CH1', at: T0 + 31_000, byMs: 10_000 }),
        inactivityEvents.timerResumed({ conversationSid: 'CH1', at: T0 + 40_000 }),
        inactivityEvents.timerExtended({ conversationSid: 'CH1', at: T0 + 41_000, byMs: 5_000 }),
        inactivityEvents.closingMessageDone({ conversationSid: 'CH1', cycle: 2 }),
        inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 2 }),
      );
    }

    it('never reads the clock: a silly system time changes nothing', () => {
      const withRealClock = script();
      expect(timerOf(withRealClock).countdown).toEqual({
        kind: 'running',
        deadlineAt: T0 + 40_000 + 31_000 + 10_000 + 5_000,
      });

      for (const silly of [0, 1, Date.UTC(2999, 0, 1), -86_400_000]) {
        jest.useFakeTimers('modern');
        jest.setSystemTime(silly);
        const dateNow = jest.spyOn(Date, 'now');
        expect(script()).toEqual(withRealClock);
        expect(dateNow).not.toHaveBeenCalled();
        dateNow.mockRestore();
        jest.useRealTimers();
      }
    });
  });
});
