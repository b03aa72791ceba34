import type { ConversationTimer, TimerPhaseState } from './conversationTimer';
import {
  onAgentMessage,
  onCustomerMessage,
  onExtended,
  onPaused,
  onResumed,
  onTransferCompleted,
  onTransferEnded,
  onTransferStarted,
  onWarningSent,
  onWrapupFailed,
  onWrapupRequested,
  restoredTimer,
} from './conversationTimer';
import { nextDueAt, planForTimer } from './planner';
import { phaseAt, remainingMsAt, warningsSentOf } from './phase';
import { originalPolicy, trackedTimer } from './testing/factories';

// Timer 35 s from 0, one warning 15 s before the end (due at 20 s).
function heldAt(at: number, timer: ConversationTimer = trackedTimer()): ConversationTimer {
  return onTransferStarted(timer, at);
}

function inPhase(phase: TimerPhaseState): ConversationTimer {
  return { ...trackedTimer(), phase };
}

describe('core/conversationTimer: a pending transfer holds the countdown', () => {
  it('holds the time left when the transfer starts, and plans nothing at or after the deadline', () => {
    const held = heldAt(10_000);
    expect(held.phase).toEqual({
      kind: 'transferPending',
      held: { remainingMs: 25_000, warningsSent: 0, pausedByAgent: false },
    });
    expect(phaseAt(held, 10_000)).toBe('transferPending');
    expect(remainingMsAt(held, 90_000)).toBe(25_000);
    for (const now of [19_999, 20_000, 35_000, 3_600_000]) {
      expect(planForTimer(held, held.policy, now)).toBeNull();
    }
    expect(nextDueAt(held, held.policy, 10_000)).toBeNull();
  });

  it('resumes from the held time when the transfer fails: nothing at 19.999 s after, the warning at 20 s', () => {
    const resumed = onTransferEnded(heldAt(10_000), 100_000);
    expect(resumed.phase).toEqual({ kind: 'counting', deadlineAt: 125_000, warningsSent: 0 });
    expect(planForTimer(resumed, resumed.policy, 109_999)).toBeNull();
    expect(planForTimer(resumed, resumed.policy, 110_000)).toMatchObject({ kind: 'sendWarning', warningIndex: 0 });
  });

  it('keeps warnings already sent: a failed transfer does not warn the customer twice', () => {
    const warned = onWarningSent(trackedTimer(), 1, 0);
    const resumed = onTransferEnded(heldAt(25_000, warned), 60_000);
    expect(resumed.phase).toEqual({ kind: 'counting', deadlineAt: 70_000, warningsSent: 1 });
    expect(planForTimer(resumed, resumed.policy, 65_000)).toBeNull();
  });

  it('records a warning that went out just before the transfer began', () => {
    const held = onWarningSent(heldAt(21_000), 1, 0);
    expect(warningsSentOf(held)).toBe(1);
    expect(held.phase).toMatchObject({ kind: 'transferPending', held: { remainingMs: 14_000 } });
  });

  it('leaves an agent pause in place through a transfer, and pause or resume during it take effect after', () => {
    const paused = onPaused(trackedTimer(), 5_000);
    const held = heldAt(9_000, paused);
    expect(held.phase).toEqual({
      kind: 'transferPending',
      held: { remainingMs: 30_000, warningsSent: 0, pausedByAgent: true },
    });
    expect(onTransferEnded(held, 50_000).phase).toEqual({ kind: 'paused', remainingMs: 30_000, warningsSent: 0 });
    const resumedDuring = onResumed(held, 20_000);
    expect(resumedDuring.phase).toMatchObject({ kind: 'transferPending', held: { pausedByAgent: false } });
    expect(onTransferEnded(resumedDuring, 50_000).phase).toEqual({
      kind: 'counting',
      deadlineAt: 80_000,
      warningsSent: 0,
    });
    const pausedDuring = onPaused(heldAt(10_000), 12_000);
    expect(pausedDuring.phase).toMatchObject({ held: { remainingMs: 25_000, pausedByAgent: true } });
  });

  it('takes a customer message during the transfer as a new cycle, still held, with a full countdown', () => {
    const replied = onCustomerMessage(heldAt(30_000), { at: 40_000, messageIndex: 3 });
    expect(replied).toMatchObject({ cycle: 2, cycleStartIndex: 3, lastCustomerAt: 40_000 });
    expect(replied.phase).toEqual({
      kind: 'transferPending',
      held: { remainingMs: 35_000, warningsSent: 0, pausedByAgent: false },
    });
  });

  it('adds an extension granted during the transfer to the held time', () => {
    const extended = onExtended(heldAt(10_000), 12_000, 60_000);
    expect(extended.phase).toMatchObject({ held: { remainingMs: 85_000 } });
  });

  it('holds a conversation where nothing counts, and it still waits after a failed transfer', () => {
    const waiting = trackedTimer({ startOn: 'agent_reply' });
    const held = heldAt(1_000, waiting);
    expect(held.phase).toEqual({ kind: 'transferPending', held: null });
    expect(remainingMsAt(held, 5_000)).toBeNull();
    expect(onCustomerMessage(held, { at: 2_000 }).phase).toEqual({ kind: 'transferPending', held: null });
    const answered = onAgentMessage(held, { at: 3_000 });
    expect(answered.phase).toMatchObject({ kind: 'transferPending', held: { remainingMs: 35_000 } });
    expect(onTransferEnded(held, 9_000).phase).toEqual({ kind: 'waiting' });
  });

  it('returns the same timer for changes that do nothing during a transfer', () => {
    const held = heldAt(10_000);
    expect(onResumed(held, 11_000)).toBe(held);
    expect(onTransferStarted(held, 12_000)).toBe(held);
    expect(onWrapupRequested(held, 1)).toBe(held);
    expect(restoredTimer(held).phase).toEqual(held.phase);
    expect(onWrapupFailed(held)).toBe(held);
  });

  it('does not hold a deadline already passed or a wrap-up in flight', () => {
    for (const phase of [
      { kind: 'expired', warningsSent: 0 },
      { kind: 'wrappingUp', heldMessage: null, warningsSent: 0 },
      { kind: 'done' },
    ] as const) {
      const timer = inPhase(phase);
      expect(onTransferStarted(timer, 1_000)).toBe(timer);
      expect(onTransferEnded(timer, 1_000)).toBe(timer);
    }
  });

  it('ends the conversation when the transfer completes: another agent has it', () => {
    const completed = onTransferCompleted(heldAt(10_000));
    expect(completed.phase).toEqual({ kind: 'done' });
    expect(planForTimer(completed, originalPolicy(), 1_000_000)).toBeNull();
  });
});
