import { originalPolicy } from '../core/testing/factories';
import type { ConversationTimer, TimerPhaseState } from '../core/conversationTimer';
import { onHistoryReconciled, startTimer } from '../core/conversationTimer';
import { INACTIVITY_NAMESPACE, initialInactivityState } from './inactivitySlice';
import type { StateWithInactivity } from './selectors';
import { countdownViewAt, selectInactivity, selectTimer } from './selectors';

const T0 = 1_700_000_000_000;
const TIMER_MS = 60_000;
const DEADLINE = T0 + TIMER_MS;

/** Tracked at T0, its history read. */
function timer(overrides: Partial<ConversationTimer> = {}): ConversationTimer {
  const tracked = startTimer({
    conversationSid: 'CH1',
    reservationSid: 'WR1',
    taskSid: 'WT1',
    channelType: 'web',
    policy: originalPolicy({ timerMs: TIMER_MS }),
    at: T0,
  });
  return { ...onHistoryReconciled(tracked), ...overrides };
}

function counting(warningsSent: number, deadlineAt = DEADLINE): TimerPhaseState {
  return { kind: 'counting', deadlineAt, warningsSent };
}

/** Flex's root state with our slice holding `timers` (and something of Flex's own beside it). */
function rootWith(...timers: readonly ConversationTimer[]): StateWithInactivity & { readonly flex: object } {
  return {
    flex: { view: {} },
    [INACTIVITY_NAMESPACE]: { timers: Object.fromEntries(timers.map((t) => [t.conversationSid, t])) },
  };
}

describe('state/selectors', () => {
  describe('selectInactivity', () => {
    it('gives an empty slice before the reducer is registered', () => {
      expect(selectInactivity({})).toBe(initialInactivityState);
      expect(selectInactivity({}).timers).toEqual({});
    });

    it('gives the slice held under the namespace', () => {
      const root = rootWith(timer());
      expect(selectInactivity(root)).toBe(root[INACTIVITY_NAMESPACE]);
    });
  });

  describe('selectTimer', () => {
    it('gives the timer of a tracked conversation', () => {
      const ch2 = timer({ conversationSid: 'CH2', reservationSid: 'WR2' });
      const root = rootWith(timer(), ch2);
      expect(selectTimer(root, 'CH2')).toBe(ch2);
    });

    it('gives undefined for an untracked conversation or a missing slice', () => {
      expect(selectTimer(rootWith(timer()), 'CH9')).toBeUndefined();
      expect(selectTimer({}, 'CH1')).toBeUndefined();
    });
  });

  describe('countdownViewAt', () => {
    it('counts down to the deadline', () => {
      expect(countdownViewAt(timer(), T0 + 10_000)).toEqual({
        phase: 'counting',
        remainingMs: 50_000,
        warningsSent: 0,
      });
    });

    it('still counts 1 ms before the deadline', () => {
      expect(countdownViewAt(timer(), DEADLINE - 1)).toEqual({ phase: 'counting', remainingMs: 1, warningsSent: 0 });
    });

    it('is expired with nothing left at the deadline', () => {
      expect(countdownViewAt(timer(), DEADLINE)).toEqual({ phase: 'expired', remainingMs: 0, warningsSent: 0 });
    });

    it('never shows a negative remaining time', () => {
      for (const late of [1, 1_000, TIMER_MS * 100, Number.MAX_SAFE_INTEGER - DEADLINE]) {
        const view = countdownViewAt(timer({ phase: counting(1) }), DEADLINE + late);
        expect(view.phase).toBe('expired');
        expect(view.remainingMs).toBe(0);
      }
    });

    it('is warned once a warning of the cycle went out, and says how many', () => {
      expect(countdownViewAt(timer({ phase: counting(2) }), DEADLINE - 5_000)).toEqual({
        phase: 'warned',
        remainingMs: 5_000,
        warningsSent: 2,
      });
    });

    it('shows the kept remaining time while paused, whatever the time', () => {
      const paused = timer({ phase: { kind: 'paused', remainingMs: 12_345, warningsSent: 1 } });
      for (const now of [T0, DEADLINE, DEADLINE + 3_600_000]) {
        expect(countdownViewAt(paused, now)).toEqual({ phase: 'paused', remainingMs: 12_345, warningsSent: 1 });
      }
    });

    it('shows no remaining time while waiting for the agent', () => {
      const waiting = timer({
        policy: originalPolicy({ startOn: 'agent_reply', timerMs: TIMER_MS }),
        phase: { kind: 'waiting' },
      });
      expect(countdownViewAt(waiting, T0 + 1_000)).toEqual({ phase: 'waiting', remainingMs: null, warningsSent: 0 });
    });

    it('is expired with nothing left once the closing message is done, even before the deadline', () => {
      expect(countdownViewAt(timer({ phase: { kind: 'expired', warningsSent: 0 } }), T0)).toEqual({
        phase: 'expired',
        remainingMs: 0,
        warningsSent: 0,
      });
    });

    it('is wrapping up once the wrap-up was requested, with a customer message held or not', () => {
      const view = countdownViewAt(
        timer({ phase: { kind: 'wrappingUp', heldMessage: null, warningsSent: 0 } }),
        DEADLINE + 1_000,
      );
      expect(view).toEqual({ phase: 'wrappingUp', remainingMs: 0, warningsSent: 0 });
      const held = timer({
        phase: { kind: 'wrappingUp', heldMessage: { at: DEADLINE + 500, messageIndex: 9 }, warningsSent: 0 },
      });
      expect(countdownViewAt(held, DEADLINE + 1_000).phase).toBe('wrappingUp');
    });

    it('is done once the wrap-up is confirmed', () => {
      expect(countdownViewAt(timer({ phase: { kind: 'done' } }), DEADLINE + 1_000)).toEqual({
        phase: 'done',
        remainingMs: null,
        warningsSent: 0,
      });
    });

    it('is awaiting the history while a countdown or an expired timer is unread, the time left still shown', () => {
      expect(countdownViewAt(timer({ history: 'unread', phase: counting(1) }), DEADLINE - 5_000)).toEqual({
        phase: 'awaitingHistory',
        remainingMs: 5_000,
        warningsSent: 1,
      });
      expect(countdownViewAt(timer({ history: 'unread' }), DEADLINE + 5_000).phase).toBe('awaitingHistory');
      expect(countdownViewAt(timer({ history: 'unread', phase: { kind: 'expired', warningsSent: 0 } }), T0).phase).toBe(
        'awaitingHistory',
      );
    });
  });
});
