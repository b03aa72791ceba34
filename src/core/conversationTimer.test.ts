import {
  onAgentMessage,
  onClosingDone,
  onCustomerMessage,
  onExtended,
  onPaused,
  onResumed,
  onWarningSent,
  onWrapupConfirmed,
  onWrapupFailed,
  onWrapupRequested,
} from './conversationTimer';
import { phaseAt, remainingMsAt } from './phase';
import { planForTimer } from './planner';
import { originalPolicy, trackedTimer } from './testing/factories';

describe('core/conversationTimer', () => {
  describe('customer_message mode', () => {
    it('starts counting at acceptance', () => {
      const timer = trackedTimer({ at: 5_000 });
      expect(timer.countdown).toEqual({ kind: 'running', deadlineAt: 40_000 });
      expect(timer.cycle).toBe(1);
    });

    it('opens a new cycle with a full countdown at each customer message, re-arming the warnings', () => {
      const warned = onWarningSent(trackedTimer(), 1, 0);
      const replied = onCustomerMessage(warned, { at: 25_000 });
      expect(replied).toMatchObject({ cycle: 2, cycleStartedAt: 25_000, warningsSent: 0, closingDone: false });
      expect(replied.countdown).toEqual({ kind: 'running', deadlineAt: 60_000 });
    });

    it('ignores a customer message no later than the cycle start (replayed or reordered)', () => {
      const replied = onCustomerMessage(trackedTimer(), { at: 10_000 });
      expect(onCustomerMessage(replied, { at: 10_000 })).toBe(replied);
      expect(onCustomerMessage(replied, { at: 9_000 })).toBe(replied);
    });

    it('judges staleness by message index once a message started the cycle (indices agree across clients)', () => {
      const replied = onCustomerMessage(trackedTimer(), { at: 10_000, messageIndex: 7 });
      expect(replied.cycleStartIndex).toBe(7);
      expect(onCustomerMessage(replied, { at: 50_000, messageIndex: 7 })).toBe(replied);
      expect(onCustomerMessage(replied, { at: 50_000, messageIndex: 6 })).toBe(replied);
      const next = onCustomerMessage(replied, { at: 9_000, messageIndex: 8 });
      expect(next).toMatchObject({ cycle: 3, cycleStartIndex: 8, cycleStartedAt: 10_000 });
      expect(next.countdown).toEqual({ kind: 'running', deadlineAt: 45_000 });
    });

    it('ignores a message written before acceptance (time decides while no message started the cycle)', () => {
      const timer = trackedTimer({ at: 5_000 });
      expect(onCustomerMessage(timer, { at: 4_000, messageIndex: 0 })).toBe(timer);
    });

    it('never moves an extended deadline earlier', () => {
      const extended = onExtended(trackedTimer(), 1_000, 300_000);
      const replied = onCustomerMessage(extended, { at: 2_000 });
      expect(replied.countdown).toEqual({ kind: 'running', deadlineAt: 335_000 });
    });

    it('ignores agent messages', () => {
      const timer = trackedTimer();
      expect(onAgentMessage(timer, { at: 10_000 })).toBe(timer);
    });
  });

  describe('agent_reply mode', () => {
    const waiting = trackedTimer({ startOn: 'agent_reply' });

    it('waits, counting nothing, until the agent writes', () => {
      expect(waiting.countdown).toEqual({ kind: 'waiting' });
      expect(phaseAt(waiting, 1_000_000)).toBe('waiting');
      expect(remainingMsAt(waiting, 0)).toBeNull();
    });

    it('starts a full countdown at the agent message', () => {
      const asked = onAgentMessage(waiting, { at: 12_000 });
      expect(asked.countdown).toEqual({ kind: 'running', deadlineAt: 47_000 });
      expect(asked.cycle).toBe(2);
    });

    it('stops counting when the customer answers', () => {
      const answered = onCustomerMessage(onAgentMessage(waiting, { at: 12_000 }), { at: 20_000 });
      expect(answered.countdown).toEqual({ kind: 'waiting' });
      expect(planForTimer(answered, originalPolicy({ startOn: 'agent_reply' }), 100_000)).toBeNull();
    });

    it('restarts from a later agent message, with fresh warnings', () => {
      const warned = onWarningSent(onAgentMessage(waiting, { at: 10_000 }), 2, 0);
      const followUp = onAgentMessage(warned, { at: 30_000 });
      expect(followUp).toMatchObject({ cycle: 3, warningsSent: 0, countdown: { kind: 'running', deadlineAt: 65_000 } });
    });
  });

  describe('pause, resume and extend', () => {
    it('keeps the time left while paused and counts it down again after resume', () => {
      const paused = onPaused(trackedTimer(), 10_000);
      expect(paused.countdown).toEqual({ kind: 'paused', remainingMs: 25_000 });
      expect(phaseAt(paused, 1_000_000)).toBe('paused');
      expect(planForTimer(paused, originalPolicy(), 1_000_000)).toBeNull();
      const resumed = onResumed(paused, 100_000);
      expect(resumed.countdown).toEqual({ kind: 'running', deadlineAt: 125_000 });
    });

    it('does nothing on a second pause or a resume of a running timer', () => {
      const paused = onPaused(trackedTimer(), 10_000);
      expect(onPaused(paused, 20_000)).toBe(paused);
      const running = trackedTimer();
      expect(onResumed(running, 20_000)).toBe(running);
    });

    it('restarts a paused timer at full length on a customer message, still paused', () => {
      const paused = onPaused(trackedTimer(), 30_000);
      expect(onCustomerMessage(paused, { at: 40_000 }).countdown).toEqual({ kind: 'paused', remainingMs: 35_000 });
    });

    it('extends from now when the deadline has already passed, and adds to a paused remainder', () => {
      expect(onExtended(trackedTimer(), 50_000, 60_000).countdown).toEqual({ kind: 'running', deadlineAt: 110_000 });
      expect(onExtended(trackedTimer(), 10_000, 60_000).countdown).toEqual({ kind: 'running', deadlineAt: 95_000 });
      const paused = onPaused(trackedTimer(), 10_000);
      expect(onExtended(paused, 20_000, 5_000).countdown).toEqual({ kind: 'paused', remainingMs: 30_000 });
    });

    it('keeps warnings already sent when extending (same cycle)', () => {
      const warned = onWarningSent(trackedTimer(), 1, 0);
      expect(onExtended(warned, 21_000, 60_000)).toMatchObject({ cycle: 1, warningsSent: 1 });
    });
  });

  describe('recording commands', () => {
    it('ignores records for another cycle', () => {
      const replied = onCustomerMessage(trackedTimer(), { at: 10_000 });
      expect(onWarningSent(replied, 1, 0)).toBe(replied);
      expect(onClosingDone(replied, 1)).toBe(replied);
      expect(onWrapupRequested(replied, 1)).toBe(replied);
    });

    it('is idempotent', () => {
      const warned = onWarningSent(trackedTimer(), 1, 0);
      expect(onWarningSent(warned, 1, 0)).toBe(warned);
      const requested = onWrapupRequested(warned, 1);
      expect(onWrapupRequested(requested, 1)).toBe(requested);
    });

    it('freezes the timer once the wrap-up is requested, and re-plans after a failure', () => {
      const requested = onWrapupRequested(trackedTimer(), 1);
      expect(onCustomerMessage(requested, { at: 36_000 })).toBe(requested);
      expect(onPaused(requested, 36_000)).toBe(requested);
      expect(phaseAt(requested, 36_000)).toBe('wrappingUp');
      const failed = onWrapupFailed(requested);
      expect(planForTimer(failed, originalPolicy(), 36_000)).toMatchObject({ kind: 'wrapUp' });
      expect(phaseAt(onWrapupConfirmed(requested), 36_000)).toBe('done');
    });
  });

  describe('phases', () => {
    it('goes counting -> warned -> expired at the exact boundaries', () => {
      const timer = trackedTimer();
      expect(phaseAt(timer, 19_999)).toBe('counting');
      const warned = onWarningSent(timer, 1, 0);
      expect(phaseAt(warned, 34_999)).toBe('warned');
      expect(phaseAt(warned, 35_000)).toBe('expired');
      expect(remainingMsAt(warned, 34_999)).toBe(1);
      expect(remainingMsAt(warned, 99_999)).toBe(0);
    });
  });
});
