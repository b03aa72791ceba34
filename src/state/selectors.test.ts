import type { ConversationTimer } from '../core/conversationTimer';
import { startTimer } from '../core/conversationTimer';
import { INACTIVITY_NAMESPACE, initialInactivityState } from './inactivitySlice';
import type { StateWithInactivity } from './selectors';
import { countdownViewAt, selectInactivity, selectTimer } from './selectors';

const T0 = 1_700_000_000_000;
const TIMER_MS = 60_000;
const DEADLINE = T0 + TIMER_MS;

function timer(overrides: Partial<ConversationTimer> = {}): ConversationTimer {
  return {
    ...startTimer({
      conversationSid: 'CH1',
      reservationSid: 'WR1',
      channelType: 'web',
      startOn: 'customer_message',
      timerMs: TIMER_MS,
      at: T0,
    }),
    ...overrides,
  };
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
        const view = countdownViewAt(timer({ warningsSent: 1 }), DEADLINE + late);
        expect(view.phase).toBe('expired');
        expect(view.remainingMs).toBe(0);
      }
    });

    it('is warned once a warning of the cycle went out, and says how many', () => {
      expect(countdownViewAt(timer({ warningsSent: 2 }), DEADLINE - 5_000)).toEqual({
        phase: 'warned',
        remainingMs: 5_000,
        warningsSent: 2,
      });
    });

    it('shows the kept remaining time while paused, whatever the time', () => {
      const paused = timer({ countdown: { kind: 'paused', remainingMs: 12_345 }, warningsSent: 1 });
      for (const now of [T0, DEADLINE, DEADLINE + 3_600_000]) {
        expect(countdownViewAt(paused, now)).toEqual({ phase: 'paused', remainingMs: 12_345, warningsSent: 1 });
      }
    });

    it('shows no remaining time while waiting for the agent', () => {
      const waiting = timer({ startOn: 'agent_reply', countdown: { kind: 'waiting' } });
      expect(countdownViewAt(waiting, T0 + 1_000)).toEqual({ phase: 'waiting', remainingMs: null, warningsSent: 0 });
    });

    it('is wrapping up once the wrap-up was requested, even before the deadline', () => {
      const view = countdownViewAt(timer({ wrapup: 'requested', closingDone: true }), DEADLINE + 1_000);
      expect(view.phase).toBe('wrappingUp');
      expect(view.remainingMs).toBe(0);
      expect(countdownViewAt(timer({ wrapup: 'requested' }), T0).phase).toBe('wrappingUp');
    });

    it('is done once the wrap-up is confirmed', () => {
      expect(countdownViewAt(timer({ wrapup: 'confirmed', warningsSent: 1 }), DEADLINE + 1_000)).toEqual({
        phase: 'done',
        remainingMs: null,
        warningsSent: 1,
      });
    });
  });
});
