import fc from 'fast-check';

import type { ChannelPolicy, WarningPolicy } from '../config/policy';
import { inactivityEvents } from './inactivityEvents';
import { inactivityReducer, initialInactivityState } from './inactivitySlice';
import { parseStoredTimers, serializeTimers } from './storedTimers';
import type { ConversationTimer, MessageMoment, TimerPhaseState } from '../core/conversationTimer';
import { nextDueAt, planForTimer } from '../core/planner';
import type { Command } from '../core/planner';
import { simulate } from './testing/simulation';
import type { Scenario, SimConversation, SimInput, SimulationResult } from './testing/simulation';

const SIDS = ['CH0000000000000000000000000000000001', 'CH0000000000000000000000000000000002'] as const;

const policyArb: fc.Arbitrary<ChannelPolicy> = fc.integer({ min: 2_000, max: 60_000 }).chain((timerMs) =>
  fc.record({
    enabled: fc.constant(true),
    timerMs: fc.constant(timerMs),
    startOn: fc.constantFrom('customer_message' as const, 'agent_reply' as const),
    warnings: fc
      .uniqueArray(fc.integer({ min: 1, max: timerMs - 1 }), { minLength: 1, maxLength: 3 })
      .map((thresholds) =>
        [...thresholds]
          .sort((a, b) => b - a)
          .map((beforeMs, index): WarningPolicy => ({ beforeMs, message: `warning ${index}` })),
      ),
    closingMessage: fc.option(fc.constant('Closing this chat'), { nil: null }),
    extendMs: fc.integer({ min: 1_000, max: 60_000 }),
    reportOutcome: fc.constant(null),
  }),
);

function inputArb(endAt: number, conversationCount: number): fc.Arbitrary<SimInput> {
  const at = fc.integer({ min: 0, max: endAt });
  const conversationSid = fc.integer({ min: 0, max: conversationCount - 1 }).map((index) => SIDS[index] ?? SIDS[0]);
  const kind = fc.constantFrom(
    'customerMessage' as const,
    'agentMessage' as const,
    'pause' as const,
    'resume' as const,
    'transferStart' as const,
    'transferEnd' as const,
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind, at, conversationSid }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('extend' as const),
        at,
        byMs: fc.integer({ min: 1, max: 60_000 }),
        conversationSid,
      }),
    },
  );
}

/** Random policy, one or two conversations, random inputs and tick interval, and sometimes a reload with a gap. */
const scenarioArb: fc.Arbitrary<Scenario> = policyArb.chain((policy) => {
  const endAt = policy.timerMs * 3;
  return fc.integer({ min: 1, max: 2 }).chain((conversationCount) =>
    fc
      .record({
        tickMs: fc.constantFrom(100, 250, 1_000, 1_500),
        secondAcceptedAt: fc.integer({ min: 0, max: policy.timerMs }),
        inputs: fc.array(inputArb(endAt, conversationCount), { maxLength: 15 }),
        indexMessages: fc.boolean(),
        historyReadAfterMs: fc.oneof(
          { weight: 2, arbitrary: fc.constant(0) },
          { weight: 1, arbitrary: fc.integer({ min: 1, max: policy.timerMs }) },
        ),
        reload: fc.option(
          fc.record({
            reloadAt: fc.integer({ min: 0, max: endAt }),
            gapMs: fc.integer({ min: 0, max: 2 * policy.timerMs }),
          }),
          { nil: null, freq: 2 },
        ),
      })
      .map(({ tickMs, secondAcceptedAt, inputs, indexMessages, historyReadAfterMs, reload }): Scenario => {
        const conversations: SimConversation[] = SIDS.slice(0, conversationCount).map((conversationSid, index) => ({
          conversationSid,
          reservationSid: conversationSid.replace(/^CH/, 'WR'),
          acceptedAt: index === 0 ? 0 : secondAcceptedAt,
        }));
        const base: Scenario = { policy, inputs, indexMessages, historyReadAfterMs, tickMs, endAt, conversations };
        if (reload === null) return base;
        return { ...base, reloadAt: reload.reloadAt, closedUntil: Math.min(endAt, reload.reloadAt + reload.gapMs) };
      }),
  );
});

const NUM_RUNS = 200;

function checkScenario(check: (result: SimulationResult, scenario: Scenario) => void): void {
  fc.assert(
    fc.property(scenarioArb, (scenario) => {
      check(simulate(scenario), scenario);
    }),
    { numRuns: NUM_RUNS },
  );
}

function commandsOf(result: SimulationResult): Command[] {
  return result.log.map((entry) => entry.command);
}

function deadlineOf(timer: ConversationTimer | undefined): number | null {
  return timer !== undefined && timer.phase.kind === 'counting' ? timer.phase.deadlineAt : null;
}

describe('state/invariants', () => {
  it('never sends the same warning of the same cycle twice, and sends a cycle’s warnings in order', () => {
    checkScenario((result) => {
      const sentIndices = new Map<string, number[]>();
      for (const command of commandsOf(result)) {
        if (command.kind !== 'sendWarning') continue;
        const key = `${command.conversationSid}/${command.cycle}`;
        sentIndices.set(key, [...(sentIndices.get(key) ?? []), command.warningIndex]);
      }
      for (const indices of sentIndices.values()) {
        expect(indices).toEqual([...new Set(indices)].sort((a, b) => a - b));
      }
    });
  });

  it('plans every command against the deadline in force: nothing final before it, no warning after it', () => {
    checkScenario((result, { policy }) => {
      for (const { at, timers, commands } of result.rounds) {
        for (const command of commands) {
          const timer = timers[command.conversationSid];
          const deadlineAt = deadlineOf(timer);
          expect(timer?.cycle).toBe(command.cycle);
          expect(timer?.history).toBe('reconciled');
          if (command.kind === 'wrapUp' && timer?.phase.kind === 'expired') continue;
          expect(deadlineAt).not.toBeNull();
          if (command.kind === 'sendWarning') {
            expect(command.remainingMs).toBe((deadlineAt ?? 0) - at);
            expect(command.remainingMs).toBeGreaterThan(0);
            expect(command.remainingMs).toBeLessThanOrEqual(policy.warnings[command.warningIndex]?.beforeMs ?? -1);
          } else {
            expect(deadlineAt).toBeLessThanOrEqual(at);
          }
        }
      }
    });
  });

  it('wraps up an expired timer only after its closing message, when one is configured', () => {
    checkScenario((result, { policy }) => {
      for (const { timers, commands } of result.rounds) {
        for (const command of commands) {
          if (timers[command.conversationSid]?.phase.kind !== 'expired') continue;
          expect(command.kind).toBe('wrapUp');
          expect(policy.closingMessage).not.toBeNull();
        }
      }
    });
  });

  it('asks for at most one wrap-up per conversation', () => {
    checkScenario((result) => {
      const wrapUps = commandsOf(result).filter((command) => command.kind === 'wrapUp');
      const sids = wrapUps.map((command) => command.conversationSid);
      expect(sids).toEqual([...new Set(sids)]);
    });
  });

  it('never moves a running (or paused) countdown earlier on customer or agent activity', () => {
    checkScenario((result) => {
      for (const { input, before, after } of result.deliveries) {
        if (input.kind !== 'customerMessage' && input.kind !== 'agentMessage') continue;
        if (before === undefined || after === undefined) continue;
        const was: TimerPhaseState = before.phase;
        const is: TimerPhaseState = after.phase;
        if (was.kind === 'counting' && is.kind === 'counting') {
          expect(is.deadlineAt).toBeGreaterThanOrEqual(was.deadlineAt);
        }
        if (was.kind === 'paused' && is.kind === 'paused') {
          expect(is.remainingMs).toBeGreaterThanOrEqual(was.remainingMs);
        }
      }
    });
  });

  it('holds a customer message that arrives during the wrap-up instead of opening a cycle, keeping the latest', () => {
    checkScenario((result) => {
      for (const { input, before, after } of result.deliveries) {
        if (before?.phase.kind !== 'wrappingUp') continue;
        expect(after?.cycle).toBe(before.cycle);
        expect(after?.phase.kind).toBe('wrappingUp');
        if (input.kind !== 'customerMessage' || after?.phase.kind !== 'wrappingUp') continue;
        const held = after.phase.heldMessage;
        if (held !== null) expect(held.at).toBeGreaterThanOrEqual(before.phase.heldMessage?.at ?? 0);
      }
    });
  });

  it('plans nothing for a timer whose history is unread', () => {
    checkScenario((result) => {
      for (const { timers, commands } of result.rounds) {
        const unread = Object.values(timers).filter((timer) => timer.history === 'unread');
        for (const timer of unread) {
          expect(commands.map((command) => command.conversationSid)).not.toContain(timer.conversationSid);
        }
      }
    });
  });

  it('plans nothing for a conversation whose transfer is pending: no warning, no closing message, no wrap-up', () => {
    checkScenario((result) => {
      for (const { timers, commands } of result.rounds) {
        for (const command of commands) {
          expect(timers[command.conversationSid]?.phase.kind).not.toBe('transferPending');
        }
      }
    });
  });

  it('plans nothing new once its commands are recorded, except the wrap-up after a closing message', () => {
    checkScenario((result) => {
      result.rounds.forEach((round, index) => {
        if (round.round === 0) return;
        const previous = result.rounds[index - 1];
        expect(previous?.at).toBe(round.at);
        for (const command of round.commands) {
          expect(command.kind).toBe('wrapUp');
          expect(previous?.commands).toContainEqual({
            kind: 'sendClosingMessage',
            conversationSid: command.conversationSid,
            cycle: command.cycle,
          });
        }
      });
    });
  });

  it('sends the closing message of the cycle before its wrap-up whenever one is configured, and never otherwise', () => {
    checkScenario((result, { policy }) => {
      const commands = commandsOf(result);
      commands.forEach((command, index) => {
        if (command.kind === 'sendClosingMessage') expect(policy.closingMessage).not.toBeNull();
        if (command.kind !== 'wrapUp' || policy.closingMessage === null) return;
        expect(commands.slice(0, index)).toContainEqual({
          kind: 'sendClosingMessage',
          conversationSid: command.conversationSid,
          cycle: command.cycle,
        });
      });
    });
  });

  it('nextDueAt names the next moment the plan changes, once the current plan is recorded', () => {
    checkScenario((result, { policy }) => {
      const violations: string[] = [];
      result.rounds.forEach((round, index) => {
        if (result.rounds[index + 1]?.at === round.at) return;
        for (const timer of Object.values(round.timers)) {
          const dueAt = nextDueAt(timer, policy, round.at);
          const where = `${timer.conversationSid} at ${round.at} (nextDueAt ${String(dueAt)})`;
          if (dueAt === null) {
            if (planForTimer(timer, policy, round.at + 10 * policy.timerMs) !== null)
              violations.push(`${where}: plans later`);
            continue;
          }
          if (dueAt <= round.at) violations.push(`${where}: not after now`);
          if (dueAt - 1 > round.at && planForTimer(timer, policy, dueAt - 1) !== null)
            violations.push(`${where}: due earlier`);
          if (planForTimer(timer, policy, dueAt) === null) violations.push(`${where}: nothing due then`);
        }
      });
      expect(violations).toEqual([]);
    });
  });

  it('round-trips every state it reaches through serializeTimers and parseStoredTimers unchanged', () => {
    checkScenario((result) => {
      const states = new Set<Readonly<Record<string, ConversationTimer>>>(result.rounds.map((round) => round.timers));
      states.add(result.state.timers);
      for (const timers of states) {
        const reading = parseStoredTimers(serializeTimers(timers));
        expect(reading.problem).toBeNull();
        const restored = inactivityReducer(
          initialInactivityState,
          inactivityEvents.timersRestored({ timers: reading.timers }),
        );
        expect(restored).toEqual({ timers });
      }
    });
  });

  it('round-trips any well-formed timer unchanged', () => {
    const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
    const count = fc.integer({ min: 0, max: 10 });
    const moment: fc.Arbitrary<MessageMoment> = fc.oneof(
      fc.record({ at: time }),
      fc.record({ at: time, messageIndex: fc.nat() }),
    );
    const phase: fc.Arbitrary<TimerPhaseState> = fc.oneof(
      fc.constant({ kind: 'waiting' as const }),
      fc.record({ kind: fc.constant('counting' as const), deadlineAt: time, warningsSent: count }),
      fc.record(
        {
          kind: fc.constant('paused' as const),
          remainingMs: fc.integer({ min: 0, max: 86_400_000 }),
          warningsSent: count,
          closingDone: fc.constant(true),
        },
        { requiredKeys: ['kind', 'remainingMs', 'warningsSent'] },
      ),
      fc.record({ kind: fc.constant('expired' as const), warningsSent: count }),
      fc.record({
        kind: fc.constant('transferPending' as const),
        held: fc.option(
          fc.record({
            remainingMs: fc.integer({ min: 0, max: 86_400_000 }),
            warningsSent: count,
            pausedByAgent: fc.boolean(),
          }),
          { nil: null },
        ),
      }),
      fc.record({
        kind: fc.constant('wrappingUp' as const),
        heldMessage: fc.option(moment, { nil: null }),
        warningsSent: count,
      }),
      fc.constant({ kind: 'done' as const }),
    );
    const policy: fc.Arbitrary<ChannelPolicy> = fc.record({
      enabled: fc.boolean(),
      timerMs: fc.integer({ min: 1, max: 86_400_000 }),
      startOn: fc.constantFrom('customer_message' as const, 'agent_reply' as const),
      warnings: fc.array(fc.record({ beforeMs: fc.integer({ min: 1, max: 86_400_000 }), message: fc.string() }), {
        maxLength: 3,
      }),
      closingMessage: fc.option(fc.string(), { nil: null }),
      extendMs: fc.integer({ min: 0, max: 86_400_000 }),
      reportOutcome: fc.option(fc.string(), { nil: null }),
    });
    const timer: fc.Arbitrary<ConversationTimer> = fc.record({
      conversationSid: fc.nat().map((n) => `CH${n}`),
      reservationSid: fc.nat().map((n) => `WR${n}`),
      taskSid: fc.nat().map((n) => `WT${n}`),
      channelType: fc.string(),
      policy,
      nextPolicy: fc.option(policy, { nil: null }),
      cycle: fc.integer({ min: 1, max: 1_000_000 }),
      cycleStartedAt: time,
      cycleStartIndex: fc.option(fc.nat(), { nil: null }),
      history: fc.constantFrom('unread' as const, 'reconciled' as const),
      lastCustomerAt: fc.option(time, { nil: null }),
      phase,
    });
    const timersBySid = fc
      .uniqueArray(timer, { maxLength: 4, selector: (entry) => entry.conversationSid })
      .map((list) => Object.fromEntries(list.map((entry) => [entry.conversationSid, entry])));

    fc.assert(
      fc.property(timersBySid, (timers) => {
        const reading = parseStoredTimers(serializeTimers(timers));

        expect(reading.problem).toBeNull();
        expect(
          inactivityReducer(initialInactivityState, inactivityEvents.timersRestored({ timers: reading.timers })),
        ).toEqual({ timers });
      }),
      { numRuns: 200 },
    );
  });
});
