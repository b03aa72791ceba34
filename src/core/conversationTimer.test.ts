import type { ConversationTimer, TimerPhaseState } from './conversationTimer';
import {
  ACCEPTANCE_REFINEMENT_MAX_MS,
  onAcceptanceRefined,
  onAgentMessage,
  onClosingDone,
  onCustomerMessage,
  onExtended,
  onHistoryOutdated,
  onHistoryReconciled,
  onPaused,
  onPolicyChanged,
  onResumed,
  onTransferCompleted,
  onTransferEnded,
  onTransferStarted,
  onWarningSent,
  onWrapupConfirmed,
  onWrapupFailed,
  onWrapupRequested,
  restoredTimer,
  startTimer,
} from './conversationTimer';
import { phaseAt, remainingMsAt, warningsSentOf } from './phase';
import { planForTimer } from './planner';
import { originalPolicy, trackedTimer } from './testing/factories';

/** `timer` with its phase replaced: to reach states the transitions get to only after a long script. */
function inPhase(phase: TimerPhaseState, timer: ConversationTimer = trackedTimer()): ConversationTimer {
  return { ...timer, phase };
}

const EXPIRED: TimerPhaseState = { kind: 'expired', warningsSent: 0 };
const DONE: TimerPhaseState = { kind: 'done' };
const WRAPPING_UP: TimerPhaseState = { kind: 'wrappingUp', heldMessage: null, warningsSent: 0 };

describe('core/conversationTimer', () => {
  describe('startTimer', () => {
    it('keeps the task, starts at cycle 1 from acceptance, and waits for the history to be read', () => {
      const timer = startTimer({
        conversationSid: 'CH1',
        reservationSid: 'WR1',
        taskSid: 'WT1',
        channelType: 'web',
        policy: originalPolicy({ timerMs: 35_000 }),
        at: 5_000,
      });
      expect(timer).toEqual({
        conversationSid: 'CH1',
        reservationSid: 'WR1',
        taskSid: 'WT1',
        channelType: 'web',
        policy: originalPolicy({ timerMs: 35_000 }),
        nextPolicy: null,
        cycle: 1,
        cycleStartedAt: 5_000,
        cycleStartIndex: null,
        history: 'unread',
        lastCustomerAt: null,
        phase: { kind: 'counting', deadlineAt: 40_000, warningsSent: 0 },
      });
    });
  });

  describe('customer_message mode', () => {
    it('starts counting at acceptance', () => {
      const timer = trackedTimer({ at: 5_000 });
      expect(timer.phase).toEqual({ kind: 'counting', deadlineAt: 40_000, warningsSent: 0 });
      expect(timer.cycle).toBe(1);
    });

    it('opens a new cycle with a full countdown at each customer message, re-arming the warnings', () => {
      const warned = onWarningSent(trackedTimer(), 1, 0);
      expect(warningsSentOf(warned)).toBe(1);
      const replied = onCustomerMessage(warned, { at: 25_000 });
      expect(replied).toMatchObject({ cycle: 2, cycleStartedAt: 25_000 });
      expect(replied.phase).toEqual({ kind: 'counting', deadlineAt: 60_000, warningsSent: 0 });
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
      expect(next.phase).toEqual({ kind: 'counting', deadlineAt: 45_000, warningsSent: 0 });
    });

    it('opens no cycle for a message written before acceptance, but notes when the customer wrote it', () => {
      const timer = trackedTimer({ at: 5_000 });
      const seen = onCustomerMessage(timer, { at: 4_000, messageIndex: 0 });
      expect(seen).toEqual({ ...timer, lastCustomerAt: 4_000 });
      expect(onCustomerMessage(seen, { at: 3_000, messageIndex: 0 })).toBe(seen);
    });

    it('notes when the customer last wrote at every message that opens a cycle, never moving it back', () => {
      const replied = onCustomerMessage(trackedTimer(), { at: 10_000, messageIndex: 2 });
      expect(replied.lastCustomerAt).toBe(10_000);
      expect(onCustomerMessage(replied, { at: 9_000, messageIndex: 3 }).lastCustomerAt).toBe(10_000);
    });

    it('never moves an extended deadline earlier', () => {
      const extended = onExtended(trackedTimer(), 1_000, 300_000);
      const replied = onCustomerMessage(extended, { at: 2_000 });
      expect(replied.phase).toEqual({ kind: 'counting', deadlineAt: 335_000, warningsSent: 0 });
    });

    it('counts again from a customer message once expired', () => {
      const expired = inPhase(EXPIRED);
      const replied = onCustomerMessage(expired, { at: 50_000, messageIndex: 4 });
      expect(replied).toMatchObject({ cycle: 2, cycleStartedAt: 50_000, cycleStartIndex: 4 });
      expect(replied.phase).toEqual({ kind: 'counting', deadlineAt: 85_000, warningsSent: 0 });
    });

    it('ignores agent messages', () => {
      const timer = trackedTimer();
      expect(onAgentMessage(timer, { at: 10_000 })).toBe(timer);
      const expired = inPhase(EXPIRED);
      expect(onAgentMessage(expired, { at: 50_000 })).toBe(expired);
    });
  });

  describe('agent_reply mode', () => {
    const waiting = trackedTimer({ startOn: 'agent_reply' });

    it('waits, counting nothing, until the agent writes', () => {
      expect(waiting.phase).toEqual({ kind: 'waiting' });
      expect(phaseAt(waiting, 1_000_000)).toBe('waiting');
      expect(remainingMsAt(waiting, 0)).toBeNull();
    });

    it('starts a full countdown at the agent message', () => {
      const asked = onAgentMessage(waiting, { at: 12_000 });
      expect(asked.phase).toEqual({ kind: 'counting', deadlineAt: 47_000, warningsSent: 0 });
      expect(asked.cycle).toBe(2);
    });

    it('stops counting when the customer answers', () => {
      const answered = onCustomerMessage(onAgentMessage(waiting, { at: 12_000 }), { at: 20_000 });
      expect(answered.phase).toEqual({ kind: 'waiting' });
      expect(answered.cycle).toBe(3);
      expect(planForTimer(answered, originalPolicy({ startOn: 'agent_reply' }), 100_000)).toBeNull();
    });

    it('restarts from a later agent message, with fresh warnings', () => {
      const warned = onWarningSent(onAgentMessage(waiting, { at: 10_000 }), 2, 0);
      expect(warningsSentOf(warned)).toBe(1);
      const followUp = onAgentMessage(warned, { at: 30_000 });
      expect(followUp).toMatchObject({ cycle: 3, phase: { kind: 'counting', deadlineAt: 65_000, warningsSent: 0 } });
    });

    it('ignores the agent while the wrap-up is under way or done', () => {
      const wrapping = inPhase(WRAPPING_UP, waiting);
      expect(onAgentMessage(wrapping, { at: 50_000 })).toBe(wrapping);
      const done = inPhase(DONE, waiting);
      expect(onAgentMessage(done, { at: 50_000 })).toBe(done);
    });
  });

  describe('pause, resume and extend', () => {
    it('keeps the time left while paused and counts it down again after resume', () => {
      const paused = onPaused(trackedTimer(), 10_000);
      expect(paused.phase).toEqual({ kind: 'paused', remainingMs: 25_000, warningsSent: 0 });
      expect(phaseAt(paused, 1_000_000)).toBe('paused');
      expect(planForTimer(paused, originalPolicy(), 1_000_000)).toBeNull();
      const resumed = onResumed(paused, 100_000);
      expect(resumed.phase).toEqual({ kind: 'counting', deadlineAt: 125_000, warningsSent: 0 });
    });

    it('keeps the warnings already sent through a pause and a resume', () => {
      const paused = onPaused(onWarningSent(trackedTimer(), 1, 0), 25_000);
      expect(paused.phase).toEqual({ kind: 'paused', remainingMs: 10_000, warningsSent: 1 });
      expect(onResumed(paused, 40_000).phase).toEqual({ kind: 'counting', deadlineAt: 50_000, warningsSent: 1 });
    });

    it('pauses with nothing left once the deadline has passed unplanned', () => {
      expect(onPaused(trackedTimer(), 50_000).phase).toEqual({ kind: 'paused', remainingMs: 0, warningsSent: 0 });
    });

    it('does nothing on a second pause or a resume of a running timer', () => {
      const paused = onPaused(trackedTimer(), 10_000);
      expect(onPaused(paused, 20_000)).toBe(paused);
      const running = trackedTimer();
      expect(onResumed(running, 20_000)).toBe(running);
    });

    it.each<[string, TimerPhaseState]>([
      ['waiting', { kind: 'waiting' }],
      ['expired', EXPIRED],
      ['wrappingUp', WRAPPING_UP],
      ['done', DONE],
    ])('ignores pause and resume while %s', (_kind, phase) => {
      const timer = inPhase(phase);
      expect(onPaused(timer, 10_000)).toBe(timer);
      expect(onResumed(timer, 10_000)).toBe(timer);
    });

    it('restarts a paused timer at full length on a customer message, still paused', () => {
      const paused = onPaused(onWarningSent(trackedTimer(), 1, 0), 30_000);
      expect(onCustomerMessage(paused, { at: 40_000 }).phase).toEqual({
        kind: 'paused',
        remainingMs: 35_000,
        warningsSent: 0,
      });
    });

    it('extends from now when the deadline has already passed, and adds to a paused remainder', () => {
      expect(onExtended(trackedTimer(), 50_000, 60_000).phase).toEqual({
        kind: 'counting',
        deadlineAt: 110_000,
        warningsSent: 0,
      });
      expect(onExtended(trackedTimer(), 10_000, 60_000).phase).toEqual({
        kind: 'counting',
        deadlineAt: 95_000,
        warningsSent: 0,
      });
      const paused = onPaused(trackedTimer(), 10_000);
      expect(onExtended(paused, 20_000, 5_000).phase).toEqual({ kind: 'paused', remainingMs: 30_000, warningsSent: 0 });
    });

    it('keeps warnings already sent when extending (same cycle)', () => {
      const warned = onWarningSent(trackedTimer(), 1, 0);
      expect(onExtended(warned, 21_000, 60_000)).toMatchObject({
        cycle: 1,
        phase: { kind: 'counting', deadlineAt: 95_000, warningsSent: 1 },
      });
    });

    it.each<[string, TimerPhaseState]>([
      ['waiting', { kind: 'waiting' }],
      ['expired', EXPIRED],
      ['wrappingUp', WRAPPING_UP],
      ['done', DONE],
    ])('ignores an extension while %s', (_kind, phase) => {
      const timer = inPhase(phase);
      expect(onExtended(timer, 40_000, 60_000)).toBe(timer);
    });

    it('ignores an extension of zero or less', () => {
      const timer = trackedTimer();
      expect(onExtended(timer, 1_000, 0)).toBe(timer);
      expect(onExtended(timer, 1_000, -5_000)).toBe(timer);
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
      const closed = onClosingDone(warned, 1);
      expect(onClosingDone(closed, 1)).toBe(closed);
      const requested = onWrapupRequested(warned, 1);
      expect(onWrapupRequested(requested, 1)).toBe(requested);
      const confirmed = onWrapupConfirmed(requested);
      expect(onWrapupConfirmed(confirmed)).toBe(confirmed);
    });

    it('records a later warning with every earlier one, and never goes back to an earlier one', () => {
      const second = onWarningSent(trackedTimer(), 1, 1);
      expect(second.phase).toEqual({ kind: 'counting', deadlineAt: 35_000, warningsSent: 2 });
      expect(onWarningSent(second, 1, 0)).toBe(second);
    });

    it('records a warning sent just before the agent paused', () => {
      const paused = onPaused(trackedTimer(), 21_000);
      expect(onWarningSent(paused, 1, 0).phase).toEqual({ kind: 'paused', remainingMs: 14_000, warningsSent: 1 });
    });

    it.each<[string, TimerPhaseState]>([
      ['waiting', { kind: 'waiting' }],
      ['expired', EXPIRED],
      ['wrappingUp', WRAPPING_UP],
      ['done', DONE],
    ])('records no warning while %s', (_kind, phase) => {
      const timer = inPhase(phase);
      expect(onWarningSent(timer, 1, 0)).toBe(timer);
    });

    it('expires the countdown once the closing message of its cycle is done', () => {
      expect(onClosingDone(trackedTimer(), 1).phase).toEqual(EXPIRED);
      for (const phase of [{ kind: 'waiting' } as const, WRAPPING_UP, DONE]) {
        const timer = inPhase(phase);
        expect(onClosingDone(timer, 1)).toBe(timer);
      }
      const later = onCustomerMessage(trackedTimer(), { at: 10_000 });
      expect(onClosingDone(later, 1)).toBe(later);
    });

    it('holds the wrap-up, not the message, when the agent paused while the closing message was on its way', () => {
      const paused = onPaused(trackedTimer(), 35_000);
      const closed = onClosingDone(paused, 1);
      expect(closed.phase).toEqual({ kind: 'paused', remainingMs: 0, warningsSent: 0, closingDone: true });
      // More time, asked for after that, reopens the countdown: the closing message is due again at its new end.
      expect(onExtended(closed, 40_000, 300_000).phase).toEqual({
        kind: 'paused',
        remainingMs: 300_000,
        warningsSent: 0,
      });
      expect(onResumed(closed, 90_000).phase).toEqual(EXPIRED);
      const replied = onCustomerMessage(closed, { at: 50_000 });
      expect(replied.cycle).toBe(2);
      expect(replied.phase).toEqual({ kind: 'paused', remainingMs: 35_000, warningsSent: 0 });
    });

    it('leads to the wrap-up, not a second closing message, when a transfer that began meanwhile fails', () => {
      const held = onTransferStarted(trackedTimer(), 35_000);
      const closed = onClosingDone(held, 1);
      expect(closed.phase).toEqual({
        kind: 'transferPending',
        held: { remainingMs: 0, warningsSent: 0, pausedByAgent: false, closingDone: true },
      });
      expect(onTransferEnded(closed, 60_000).phase).toEqual(EXPIRED);
      expect(onTransferCompleted(closed).phase).toEqual(DONE);
      const pausedFirst = onClosingDone(onTransferStarted(onPaused(trackedTimer(), 35_000), 35_500), 1);
      expect(onTransferEnded(pausedFirst, 60_000).phase).toMatchObject({ kind: 'paused', closingDone: true });
      expect(onTransferEnded(onClosingDone(onTransferStarted(trackedTimer(), 36_000), 2), 60_000).phase).toEqual({
        kind: 'counting',
        deadlineAt: 60_000,
        warningsSent: 0,
      });
    });

    it('requests the wrap-up from a countdown or an expired timer, nothing held yet', () => {
      expect(onWrapupRequested(trackedTimer(), 1).phase).toEqual(WRAPPING_UP);
      expect(onWrapupRequested(inPhase(EXPIRED), 1).phase).toEqual(WRAPPING_UP);
      for (const phase of [{ kind: 'waiting' } as const, DONE]) {
        const timer = inPhase(phase);
        expect(onWrapupRequested(timer, 1)).toBe(timer);
      }
      const paused = onPaused(trackedTimer(), 10_000);
      expect(onWrapupRequested(paused, 1)).toBe(paused);
    });

    it('freezes the timer once the wrap-up is requested, and re-plans after a failure', () => {
      const requested = onWrapupRequested(trackedTimer(), 1);
      expect(onPaused(requested, 36_000)).toBe(requested);
      expect(onWarningSent(requested, 1, 0)).toBe(requested);
      expect(phaseAt(requested, 36_000)).toBe('wrappingUp');
      expect(planForTimer(requested, originalPolicy(), 36_000)).toBeNull();
      const failed = onWrapupFailed(requested);
      expect(failed.phase).toEqual(EXPIRED);
      expect(failed.cycle).toBe(1);
      expect(planForTimer(failed, originalPolicy(), 36_000)).toMatchObject({ kind: 'wrapUp', cycle: 1 });
      expect(phaseAt(onWrapupConfirmed(requested), 36_000)).toBe('done');
    });

    it('ignores a wrap-up failure when no wrap-up is in flight', () => {
      for (const phase of [{ kind: 'waiting' } as const, EXPIRED, DONE]) {
        const timer = inPhase(phase);
        expect(onWrapupFailed(timer)).toBe(timer);
      }
      const counting = trackedTimer();
      expect(onWrapupFailed(counting)).toBe(counting);
    });

    it('is done whoever wrapped the task up, whatever the phase, and then ignores everything', () => {
      for (const timer of [trackedTimer(), trackedTimer({ startOn: 'agent_reply' }), inPhase(EXPIRED)]) {
        expect(onWrapupConfirmed(timer).phase).toEqual(DONE);
      }
      const done = onWrapupConfirmed(trackedTimer());
      expect(onCustomerMessage(done, { at: 50_000, messageIndex: 9 })).toBe(done);
      expect(onExtended(done, 50_000, 60_000)).toBe(done);
      expect(onWrapupFailed(done)).toBe(done);
      expect(onWrapupRequested(done, 1)).toBe(done);
    });
  });

  describe('a customer message while the wrap-up is in flight', () => {
    const requested = onWrapupRequested(trackedTimer(), 1);

    it('is held: the phase stays wrappingUp and the cycle does not change', () => {
      const held = onCustomerMessage(requested, { at: 36_000, messageIndex: 5 });
      expect(held).toEqual({
        ...requested,
        lastCustomerAt: 36_000,
        phase: { kind: 'wrappingUp', heldMessage: { at: 36_000, messageIndex: 5 }, warningsSent: 0 },
      });
      expect(phaseAt(held, 36_000)).toBe('wrappingUp');
      expect(planForTimer(held, originalPolicy(), 100_000)).toBeNull();
    });

    it('holds only the moment of the message, not whatever else the caller passed along', () => {
      const payload = { conversationSid: 'CH0001', at: 36_000, messageIndex: 5 };
      const held = onCustomerMessage(requested, payload);
      expect(held.phase).toStrictEqual({
        kind: 'wrappingUp',
        heldMessage: { at: 36_000, messageIndex: 5 },
        warningsSent: 0,
      });
      const withoutIndex = onCustomerMessage(requested, { at: 36_000, messageIndex: undefined });
      expect(withoutIndex.phase).toStrictEqual({ kind: 'wrappingUp', heldMessage: { at: 36_000 }, warningsSent: 0 });
    });

    it('keeps the later of two, by index where both have one', () => {
      const first = onCustomerMessage(requested, { at: 36_000, messageIndex: 5 });
      const second = onCustomerMessage(first, { at: 37_000, messageIndex: 6 });
      expect(second.phase).toEqual({
        kind: 'wrappingUp',
        heldMessage: { at: 37_000, messageIndex: 6 },
        warningsSent: 0,
      });
      expect(onCustomerMessage(second, { at: 38_000, messageIndex: 5 })).toBe(second);
      expect(onCustomerMessage(second, { at: 38_000, messageIndex: 6 })).toBe(second);
    });

    it('keeps the later of two by time when an index is missing', () => {
      const first = onCustomerMessage(requested, { at: 37_000 });
      expect(onCustomerMessage(first, { at: 36_500, messageIndex: 9 })).toBe(first);
      expect(onCustomerMessage(first, { at: 37_000 })).toBe(first);
      const later = onCustomerMessage(first, { at: 38_000 });
      expect(later.phase).toEqual({ kind: 'wrappingUp', heldMessage: { at: 38_000 }, warningsSent: 0 });
    });

    it('ignores a stale one (no later than the cycle start)', () => {
      const started = onCustomerMessage(trackedTimer(), { at: 10_000, messageIndex: 4 });
      const wrapping = onWrapupRequested(started, 2);
      expect(wrapping.phase).toEqual(WRAPPING_UP);
      expect(onCustomerMessage(wrapping, { at: 50_000, messageIndex: 4 })).toBe(wrapping);
      expect(onCustomerMessage(wrapping, { at: 50_000, messageIndex: 3 })).toBe(wrapping);
      const byTime = onWrapupRequested(trackedTimer({ at: 5_000 }), 1);
      const seen = onCustomerMessage(byTime, { at: 5_000 });
      expect(seen).toEqual({ ...byTime, lastCustomerAt: 5_000 });
      expect(onCustomerMessage(seen, { at: 5_000 })).toBe(seen);
    });

    it('is lost once the wrap-up is confirmed', () => {
      const held = onCustomerMessage(requested, { at: 36_000, messageIndex: 5 });
      expect(onWrapupConfirmed(held).phase).toEqual(DONE);
    });
  });

  describe('a failed wrap-up', () => {
    const requested = onWrapupRequested(trackedTimer(), 1);

    it('opens a new cycle counting from the held message’s own time', () => {
      const held = onCustomerMessage(requested, { at: 36_000, messageIndex: 5 });
      const failed = onWrapupFailed(held);
      expect(failed).toMatchObject({ cycle: 2, cycleStartedAt: 36_000, cycleStartIndex: 5 });
      expect(failed.phase).toEqual({ kind: 'counting', deadlineAt: 36_000 + 35_000, warningsSent: 0 });
      expect(planForTimer(failed, originalPolicy(), 50_000)).toBeNull();
      expect(planForTimer(failed, originalPolicy(), 56_000)).toMatchObject({ kind: 'sendWarning', cycle: 2 });
    });

    it('counts from the held message even when the failure is reported much later', () => {
      const held = onCustomerMessage(requested, { at: 36_000 });
      const failed = onWrapupFailed(held);
      expect(failed.phase).toEqual({ kind: 'counting', deadlineAt: 71_000, warningsSent: 0 });
      expect(planForTimer(failed, originalPolicy(), 200_000)).toMatchObject({ kind: 'wrapUp', cycle: 2 });
    });

    it('waits for the agent in agent_reply mode when the customer wrote meanwhile', () => {
      const asked = onAgentMessage(trackedTimer({ startOn: 'agent_reply' }), { at: 1_000, messageIndex: 1 });
      const held = onCustomerMessage(onWrapupRequested(asked, 2), { at: 40_000, messageIndex: 2 });
      expect(held.phase).toEqual({ kind: 'wrappingUp', heldMessage: { at: 40_000, messageIndex: 2 }, warningsSent: 0 });
      const failed = onWrapupFailed(held);
      expect(failed).toMatchObject({ cycle: 3, cycleStartIndex: 2, phase: { kind: 'waiting' } });
    });

    it('goes back to expired when nothing was held', () => {
      expect(onWrapupFailed(requested)).toEqual({ ...requested, phase: EXPIRED });
    });
  });

  describe('history', () => {
    it('is reconciled, then outdated, each transition idempotent', () => {
      const timer: ConversationTimer = { ...trackedTimer(), history: 'unread' };
      const reconciled = onHistoryReconciled(timer);
      expect(reconciled).toEqual({ ...timer, history: 'reconciled' });
      expect(onHistoryReconciled(reconciled)).toBe(reconciled);
      const outdated = onHistoryOutdated(reconciled);
      expect(outdated).toEqual(timer);
      expect(onHistoryOutdated(outdated)).toBe(outdated);
    });

    it('leaves the phase alone', () => {
      const paused = onPaused(trackedTimer(), 10_000);
      expect(onHistoryOutdated(paused).phase).toBe(paused.phase);
    });
  });

  describe('an acceptance placed earlier by a better clock estimate', () => {
    /** Tracked when the page heard of the acceptance, 400 ms after it. */
    const heardLate = (): ConversationTimer => trackedTimer({ at: 10_400 });

    it('moves the first countdown back to the acceptance: nothing at 19.999 s, the warning at 20 s after it', () => {
      const refined = onAcceptanceRefined(heardLate(), 'WR0001', 10_000);
      expect(refined).toEqual({
        ...heardLate(),
        cycleStartedAt: 10_000,
        phase: { kind: 'counting', deadlineAt: 45_000, warningsSent: 0 },
      });
      expect(planForTimer(refined, refined.policy, 10_000 + 19_999)).toBeNull();
      expect(planForTimer(refined, refined.policy, 10_000 + 20_000)).toMatchObject({ kind: 'sendWarning' });
    });

    it('keeps warnings already sent and an extension the agent gave', () => {
      const extended = onExtended(onWarningSent(heardLate(), 1, 0), 40_000, 60_000);
      const refined = onAcceptanceRefined(extended, 'WR0001', 10_000);
      expect(refined.phase).toEqual({ kind: 'counting', deadlineAt: 105_000, warningsSent: 1 });
    });

    it('moves by at most the cap: a chat found long after its acceptance keeps the countdown the page gave it', () => {
      const found = trackedTimer({ at: 10_000 + ACCEPTANCE_REFINEMENT_MAX_MS + 1 });
      expect(onAcceptanceRefined(found, 'WR0001', 10_000)).toBe(found);
      const justWithin = trackedTimer({ at: 10_000 + ACCEPTANCE_REFINEMENT_MAX_MS });
      expect(onAcceptanceRefined(justWithin, 'WR0001', 10_000).cycleStartedAt).toBe(10_000);
    });

    it.each<[string, ConversationTimer, string, number]>([
      ['a later time', heardLate(), 'WR0001', 10_500],
      ['the same time', heardLate(), 'WR0001', 10_400],
      ['another reservation of the conversation', heardLate(), 'WR0002', 10_000],
      [
        'a cycle a customer message opened',
        onCustomerMessage(heardLate(), { at: 12_000, messageIndex: 3 }),
        'WR0001',
        10_000,
      ],
      ['a paused countdown', onPaused(heardLate(), 12_000), 'WR0001', 10_000],
      ['a wrap-up in flight', onWrapupRequested(heardLate(), 1), 'WR0001', 10_000],
      ['agent_reply mode, waiting', trackedTimer({ at: 10_400, startOn: 'agent_reply' }), 'WR0001', 10_000],
    ])('leaves %s alone', (_case, timer, reservationSid, acceptedAt) => {
      expect(onAcceptanceRefined(timer, reservationSid, acceptedAt)).toBe(timer);
    });
  });

  describe('restoredTimer', () => {
    it('turns a wrap-up in flight into expired, to be asked again, and unread', () => {
      const restored = restoredTimer(onWrapupRequested(trackedTimer(), 1));
      expect(restored).toEqual({ ...trackedTimer(), history: 'unread', phase: EXPIRED });
      expect(planForTimer(restored, originalPolicy(), 40_000)).toBeNull();
      expect(planForTimer(onHistoryReconciled(restored), originalPolicy(), 40_000)).toMatchObject({ kind: 'wrapUp' });
    });

    it('opens a new cycle from a message held while the wrap-up was in flight', () => {
      const held = onCustomerMessage(onWrapupRequested(trackedTimer(), 1), { at: 36_000, messageIndex: 5 });
      const restored = restoredTimer(held);
      expect(restored).toMatchObject({
        cycle: 2,
        cycleStartedAt: 36_000,
        cycleStartIndex: 5,
        history: 'unread',
        phase: { kind: 'counting', deadlineAt: 71_000, warningsSent: 0 },
      });
    });

    it.each<[string, ConversationTimer]>([
      ['counting', onWarningSent(trackedTimer(), 1, 0)],
      ['paused', onPaused(trackedTimer(), 10_000)],
      ['waiting', trackedTimer({ startOn: 'agent_reply' })],
      ['expired', inPhase(EXPIRED)],
      ['done', inPhase(DONE)],
    ])('only marks the timer unread when %s', (_kind, timer) => {
      expect(restoredTimer(timer)).toEqual({ ...timer, history: 'unread' });
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

describe('core/conversationTimer: the policy a conversation runs under', () => {
  const longer = originalPolicy({
    timerMs: 3_600_000,
    warnings: [{ beforeMs: 600_000, message: 'Closing in {{remaining}}' }],
  });

  it('keeps the whole policy of the running cycle when the admin changes it, and takes the new one at the next', () => {
    const changed = onPolicyChanged(trackedTimer({ timerMs: 60_000 }), longer);
    expect(changed.policy.timerMs).toBe(60_000);
    expect(changed.nextPolicy).toBe(longer);
    expect(changed.phase).toEqual({ kind: 'counting', deadlineAt: 60_000, warningsSent: 0 });
    const replied = onCustomerMessage(changed, { at: 10_000, messageIndex: 1 });
    expect(replied.policy).toBe(longer);
    expect(replied.nextPolicy).toBeNull();
    expect(replied.phase).toEqual({ kind: 'counting', deadlineAt: 10_000 + 3_600_000, warningsSent: 0 });
  });

  it('takes a new start mode at the next cycle too: never a countdown of one mode with the warnings of another', () => {
    const changed = onPolicyChanged(trackedTimer(), originalPolicy({ startOn: 'agent_reply' }));
    expect(onAgentMessage(changed, { at: 5_000, messageIndex: 1 })).toBe(changed);
    const replied = onCustomerMessage(changed, { at: 6_000, messageIndex: 2 });
    expect(replied.phase).toEqual({ kind: 'waiting' });
    expect(replied.policy.startOn).toBe('agent_reply');
  });

  it('changes nothing when the policy is the same, and cancels a pending change set back', () => {
    const timer = trackedTimer();
    expect(onPolicyChanged(timer, originalPolicy())).toBe(timer);
    const pending = onPolicyChanged(timer, longer);
    expect(onPolicyChanged(pending, originalPolicy()).nextPolicy).toBeNull();
    expect(onPolicyChanged(pending, { ...longer })).toBe(pending);
  });

  it('adopts the new policy when a failed wrap-up restarts from a held customer message', () => {
    const wrapping = onCustomerMessage(onWrapupRequested(onPolicyChanged(trackedTimer(), longer), 1), {
      at: 40_000,
      messageIndex: 3,
    });
    const restarted = onWrapupFailed(wrapping);
    expect(restarted.policy).toBe(longer);
    expect(restarted.phase).toEqual({ kind: 'counting', deadlineAt: 40_000 + 3_600_000, warningsSent: 0 });
  });
});
