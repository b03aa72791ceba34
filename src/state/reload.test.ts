import fc from 'fast-check';

import type { ChannelPolicy } from '../config/policy';
import { inactivityEvents } from './inactivityEvents';
import { inactivityReducer, initialInactivityState } from './inactivitySlice';
import type { InactivityState } from './inactivitySlice';
import { parseStoredTimers, restorableTimers, serializeTimers } from './storedTimers';
import { planForTimer } from '../core/planner';
import { SIM_CONVERSATION_SID, SIM_RESERVATION_SID, SIM_TASK_SID, simulate } from './testing/simulation';
import type { LoggedCommand, Scenario, SimInput, SimulationResult } from './testing/simulation';

/** The original plugin's configuration: `timer_sec: 35`, `warning_sec: 15`, no closing message. */
const ORIGINAL: ChannelPolicy = {
  enabled: true,
  timerMs: 35_000,
  startOn: 'customer_message',
  warnings: [{ beforeMs: 15_000, message: 'We have not heard from you for a while' }],
  closingMessage: null,
  extendMs: 60_000,
  reportOutcome: null,
};

const WITH_CLOSING: ChannelPolicy = { ...ORIGINAL, closingMessage: 'Closing this chat now' };

function run(overrides: Partial<Scenario> = {}): SimulationResult {
  return simulate({ policy: ORIGINAL, inputs: [], tickMs: 1_000, endAt: 60_000, ...overrides });
}

function warning(at: number, cycle: number, warningIndex: number, remainingMs: number): LoggedCommand {
  return {
    at,
    command: { kind: 'sendWarning', conversationSid: SIM_CONVERSATION_SID, cycle, warningIndex, remainingMs },
  };
}

function closing(at: number, cycle: number): LoggedCommand {
  return { at, command: { kind: 'sendClosingMessage', conversationSid: SIM_CONVERSATION_SID, cycle } };
}

function wrapUp(at: number, cycle: number): LoggedCommand {
  return {
    at,
    command: { kind: 'wrapUp', conversationSid: SIM_CONVERSATION_SID, reservationSid: SIM_RESERVATION_SID, cycle },
  };
}

function phaseOf(result: SimulationResult): unknown {
  return result.state.timers[SIM_CONVERSATION_SID]?.phase;
}

/** The deadline in force when the command logged at `entry` was planned (its first planning round at that time). */
function deadlineWhenPlanned(result: SimulationResult, entry: LoggedCommand | undefined): number | null {
  const round = result.rounds.find((candidate) => candidate.at === entry?.at);
  const phase = round?.timers[SIM_CONVERSATION_SID]?.phase;
  return phase?.kind === 'counting' ? phase.deadlineAt : null;
}

describe('state/reload', () => {
  describe('rehydrating mid-cycle', () => {
    it('an uninterrupted run warns once at 20 s and wraps up at 35 s', () => {
      expect(run().log).toEqual([warning(20_000, 1, 0, 15_000), wrapUp(35_000, 1)]);
    });

    const moments = [0, 1, 999, 1_000, 19_999, 20_000, 20_001, 34_999, 35_000, 35_001];
    it.each(moments.flatMap((reloadAt) => [1_000, 250].map((tickMs) => [reloadAt, tickMs] as const)))(
      'a reload at %i ms (ticking every %i ms) plans exactly what an uninterrupted run plans',
      (reloadAt, tickMs) => {
        const uninterrupted = run({ tickMs });
        const reloaded = run({ tickMs, reloadAt });

        expect(reloaded.reload).not.toBeNull();
        expect(reloaded.log).toEqual(uninterrupted.log);
        expect(reloaded.state).toEqual(uninterrupted.state);
      },
    );

    it('a reload at any millisecond, with agent actions and customer messages on the tick grid, changes nothing', () => {
      const endAt = 120_000;
      const onGrid = (tickMs: number): fc.Arbitrary<number> =>
        fc.integer({ min: 1, max: endAt / tickMs }).map((k) => k * tickMs);
      const input = (tickMs: number): fc.Arbitrary<SimInput> =>
        fc.oneof(
          onGrid(tickMs).map((at): SimInput => ({ kind: 'customerMessage', at })),
          onGrid(tickMs).map((at): SimInput => ({ kind: 'pause', at })),
          onGrid(tickMs).map((at): SimInput => ({ kind: 'resume', at })),
          fc
            .tuple(onGrid(tickMs), fc.integer({ min: 1, max: 30 }))
            .map(([at, k]): SimInput => ({ kind: 'extend', at, byMs: k * tickMs })),
        );
      const scenario = fc.constantFrom(250, 1_000).chain((tickMs) =>
        fc.record({
          tickMs: fc.constant(tickMs),
          policy: fc.constantFrom(ORIGINAL, WITH_CLOSING),
          inputs: fc.array(input(tickMs), { maxLength: 6 }),
          reloadAt: fc.integer({ min: 0, max: endAt }),
          indexMessages: fc.boolean(),
        }),
      );

      fc.assert(
        fc.property(scenario, ({ tickMs, policy, inputs, reloadAt, indexMessages }) => {
          const uninterrupted = simulate({ policy, inputs, indexMessages, tickMs, endAt });
          const reloaded = simulate({ policy, inputs, indexMessages, tickMs, endAt, reloadAt });

          expect(reloaded.log).toEqual(uninterrupted.log);
          expect(reloaded.state).toEqual(uninterrupted.state);
        }),
        { numRuns: 100 },
      );
    });
  });

  describe('a page closed across the deadline', () => {
    it('wraps up as soon as it loads, without the warning it missed', () => {
      const result = run({ reloadAt: 10_000, closedUntil: 50_000 });

      expect(result.log).toEqual([wrapUp(50_000, 1)]);
    });

    it('wraps up on load after a warning that went out before closing', () => {
      const result = run({ reloadAt: 25_000, closedUntil: 50_000 });

      expect(result.log).toEqual([warning(20_000, 1, 0, 15_000), wrapUp(50_000, 1)]);
    });

    it('sends the closing message and then wraps up, both on load', () => {
      const result = run({ policy: WITH_CLOSING, reloadAt: 10_000, closedUntil: 50_000 });

      expect(result.log).toEqual([closing(50_000, 1), wrapUp(50_000, 1)]);
    });

    it('never sends a warning once the deadline has passed, whenever the page loads', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 19_999 }),
          fc.integer({ min: 35_000, max: 60_000 }),
          fc.constantFrom(ORIGINAL, WITH_CLOSING),
          (reloadAt, closedUntil, policy) => {
            const result = run({ policy, reloadAt, closedUntil });

            expect(result.log.filter((entry) => entry.command.kind === 'sendWarning')).toEqual([]);
            expect(result.log[result.log.length - 1]).toEqual(wrapUp(closedUntil, 1));
          },
        ),
        { numRuns: 50 },
      );
    });
  });

  describe('a page closed across the warning threshold only', () => {
    it('sends exactly one warning on load, with the time actually left', () => {
      const result = run({ reloadAt: 10_000, closedUntil: 27_300 });

      expect(result.log).toEqual([warning(27_300, 1, 0, 7_700), wrapUp(35_000, 1)]);
    });

    it('sends exactly one warning at load for any load time between the threshold and the deadline', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 19_999 }),
          fc.integer({ min: 20_000, max: 34_999 }),
          (reloadAt, loadAt) => {
            const result = run({ reloadAt, closedUntil: loadAt });

            expect(result.log).toEqual([warning(loadAt, 1, 0, 35_000 - loadAt), wrapUp(35_000, 1)]);
          },
        ),
        { numRuns: 50 },
      );
    });

    it('sends only the latest of several missed warnings', () => {
      const policy: ChannelPolicy = {
        ...ORIGINAL,
        warnings: [
          { beforeMs: 25_000, message: 'first' },
          { beforeMs: 15_000, message: 'second' },
          { beforeMs: 5_000, message: 'last' },
        ],
      };

      const result = run({ policy, reloadAt: 5_000, closedUntil: 22_000 });

      expect(result.log).toEqual([warning(22_000, 1, 1, 13_000), warning(30_000, 1, 2, 5_000), wrapUp(35_000, 1)]);
    });
  });

  describe('a customer message that arrived while the page was closed', () => {
    it('restarts the cycle from the message time, not the load time', () => {
      const result = run({
        reloadAt: 10_000,
        closedUntil: 50_000,
        endAt: 90_000,
        inputs: [{ kind: 'customerMessage', at: 32_000 }],
      });

      expect(result.deliveries).toEqual([expect.objectContaining({ at: 32_000, reconciled: true })]);
      expect(result.log).toEqual([warning(52_000, 2, 0, 15_000), wrapUp(67_000, 2)]);
      expect(result.state.timers[SIM_CONVERSATION_SID]).toMatchObject({ cycle: 2, cycleStartedAt: 32_000 });
    });

    it('wraps up on load when even the restarted cycle ran out while closed', () => {
      const result = run({
        reloadAt: 10_000,
        closedUntil: 60_000,
        inputs: [{ kind: 'customerMessage', at: 15_000 }],
      });

      expect(result.log).toEqual([wrapUp(60_000, 2)]);
      expect(deadlineWhenPlanned(result, result.log[0])).toBe(50_000);
      expect(phaseOf(result)).toEqual({ kind: 'wrappingUp', heldMessage: null, warningsSent: 0 });
    });

    it('counts from the latest of several messages', () => {
      const result = run({
        reloadAt: 10_000,
        closedUntil: 40_000,
        endAt: 90_000,
        inputs: [
          { kind: 'customerMessage', at: 12_000 },
          { kind: 'customerMessage', at: 30_000 },
        ],
      });

      expect(deadlineWhenPlanned(result, result.log[0])).toBe(65_000);
      expect(result.log.map((entry) => entry.command.kind)).toEqual(['sendWarning', 'wrapUp']);
      expect(result.log[1]).toEqual(wrapUp(65_000, 3));
    });
  });

  describe('reading the history again', () => {
    it('restores the timers unread and plans nothing until the history is read', () => {
      const result = run({ reloadAt: 10_000, closedUntil: 30_000, historyReadAfterMs: 2_500 });

      expect(result.reload?.restored.timers[SIM_CONVERSATION_SID]?.history).toBe('unread');
      expect(result.log).toEqual([warning(33_000, 1, 0, 2_000), wrapUp(35_000, 1)]);
      const waiting = result.rounds.filter((round) => round.at >= 30_000 && round.at < 32_500);
      expect(waiting.length).toBeGreaterThan(0);
      for (const round of waiting) {
        expect(round.timers[SIM_CONVERSATION_SID]?.history).toBe('unread');
        expect(round.commands).toEqual([]);
      }
    });

    it('waits for the first read of a conversation just accepted as well', () => {
      const result = run({ historyReadAfterMs: 21_000 });

      expect(result.log).toEqual([warning(21_000, 1, 0, 14_000), wrapUp(35_000, 1)]);
    });

    it('wraps up at once a timer whose deadline passed while its history was being read, without a warning', () => {
      const result = run({ reloadAt: 10_000, closedUntil: 30_000, historyReadAfterMs: 10_000 });

      expect(result.log).toEqual([wrapUp(40_000, 1)]);
    });
  });

  describe('a page that went away while its wrap-up was in flight', () => {
    /** What the acting tab of the next page starts from, with the reservation still accepted, and its history read. */
    function reloaded(state: InactivityState): InactivityState {
      const { timers } = parseStoredTimers(serializeTimers(state.timers));
      const restored = inactivityReducer(
        initialInactivityState,
        inactivityEvents.timersRestored({
          timers: restorableTimers(timers, new Set([SIM_RESERVATION_SID])),
        }),
      );
      return inactivityReducer(
        restored,
        inactivityEvents.historyRead({ conversationSid: SIM_CONVERSATION_SID, messages: [] }),
      );
    }

    it('asks for the wrap-up once more, of the same cycle', () => {
      const result = run({ endAt: 36_000 });
      expect(result.log).toEqual([warning(20_000, 1, 0, 15_000), wrapUp(35_000, 1)]);

      const timer = reloaded(result.state).timers[SIM_CONVERSATION_SID];
      expect(timer?.phase).toEqual({ kind: 'expired', warningsSent: 1 });
      expect(timer && planForTimer(timer, ORIGINAL, 40_000)).toEqual(wrapUp(40_000, 1).command);
    });

    it('counts again from a customer message that arrived while it was in flight', () => {
      const result = run({ endAt: 38_000, inputs: [{ kind: 'customerMessage', at: 37_000, messageIndex: 4 }] });
      expect(phaseOf(result)).toEqual({
        kind: 'wrappingUp',
        heldMessage: { at: 37_000, messageIndex: 4 },
        warningsSent: 1,
      });

      const timer = reloaded(result.state).timers[SIM_CONVERSATION_SID];
      expect(timer).toMatchObject({
        taskSid: SIM_TASK_SID,
        cycle: 2,
        cycleStartIndex: 4,
        history: 'reconciled',
        phase: { kind: 'counting', deadlineAt: 72_000, warningsSent: 0 },
      });
      expect(timer && planForTimer(timer, ORIGINAL, 50_000)).toBeNull();
      expect(timer && planForTimer(timer, ORIGINAL, 57_000)).toEqual(warning(57_000, 2, 0, 15_000).command);
    });
  });
});
