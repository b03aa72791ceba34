import type { ConversationTimer, TimerPhaseState } from './conversationTimer';
import {
  onClosingDone,
  onCustomerMessage,
  onHistoryOutdated,
  onHistoryReconciled,
  onPaused,
  onWarningSent,
  onWrapupConfirmed,
  onWrapupFailed,
  onWrapupRequested,
} from './conversationTimer';
import { phaseAt, remainingMsAt, warningsSentOf } from './phase';
import { trackedTimer } from './testing/factories';

function unread(timer: ConversationTimer): ConversationTimer {
  return onHistoryOutdated(timer);
}

describe('core/phase', () => {
  describe('phaseAt', () => {
    it('is awaitingHistory for an unread countdown, whatever the time, and the real phase once reconciled', () => {
      const counting = unread(trackedTimer());
      for (const now of [0, 19_999, 20_000, 35_000, 1_000_000]) expect(phaseAt(counting, now)).toBe('awaitingHistory');
      const reconciled = onHistoryReconciled(counting);
      expect(phaseAt(reconciled, 0)).toBe('counting');
      expect(phaseAt(reconciled, 35_000)).toBe('expired');
      const warned = onWarningSent(reconciled, 1, 0);
      expect(phaseAt(unread(warned), 30_000)).toBe('awaitingHistory');
      expect(phaseAt(warned, 30_000)).toBe('warned');
    });

    it('is awaitingHistory for an unread expired timer, and expired once reconciled', () => {
      const expired = onClosingDone(trackedTimer(), 1);
      expect(phaseAt(unread(expired), 0)).toBe('awaitingHistory');
      expect(phaseAt(onHistoryReconciled(unread(expired)), 0)).toBe('expired');
    });

    it.each<[string, ConversationTimer, string]>([
      ['waiting', trackedTimer({ startOn: 'agent_reply' }), 'waiting'],
      ['paused', onPaused(trackedTimer(), 10_000), 'paused'],
      ['wrappingUp', onWrapupRequested(trackedTimer(), 1), 'wrappingUp'],
      ['done', onWrapupConfirmed(trackedTimer()), 'done'],
    ])('shows a %s timer as it is, read or not (nothing counts down in it)', (_kind, timer, phase) => {
      expect(phaseAt(timer, 50_000)).toBe(phase);
      expect(phaseAt(unread(timer), 50_000)).toBe(phase);
    });

    it('turns expired at the deadline, not a millisecond before', () => {
      expect(phaseAt(trackedTimer(), 34_999)).toBe('counting');
      expect(phaseAt(trackedTimer(), 35_000)).toBe('expired');
    });
  });

  describe('remainingMsAt', () => {
    it.each<[string, TimerPhaseState, number | null]>([
      ['waiting', { kind: 'waiting' }, null],
      ['done', { kind: 'done' }, null],
      ['paused', { kind: 'paused', remainingMs: 12_345, warningsSent: 1 }, 12_345],
      ['expired', { kind: 'expired', warningsSent: 0 }, 0],
      ['wrappingUp', { kind: 'wrappingUp', heldMessage: { at: 1 }, warningsSent: 0 }, 0],
      ['counting, before the deadline', { kind: 'counting', deadlineAt: 60_000, warningsSent: 0 }, 10_000],
      ['counting, past the deadline', { kind: 'counting', deadlineAt: 40_000, warningsSent: 0 }, 0],
    ])('is right while %s', (_kind, phase, remaining) => {
      expect(remainingMsAt({ ...trackedTimer(), phase }, 50_000)).toBe(remaining);
    });
  });

  describe('warningsSentOf', () => {
    it("counts the cycle's warnings through to the wrap-up, and none in a new cycle", () => {
      const warned = onWarningSent(trackedTimer(), 1, 1);
      expect(warningsSentOf(warned)).toBe(2);
      expect(warningsSentOf(onPaused(warned, 25_000))).toBe(2);
      expect(warningsSentOf(onCustomerMessage(warned, { at: 25_000 }))).toBe(0);
      // Kept after the closing message and while the wrap-up is in flight: the outcome records them.
      const closed = onClosingDone(warned, 1);
      expect(warningsSentOf(closed)).toBe(2);
      expect(warningsSentOf(onWrapupRequested(warned, 1))).toBe(2);
      expect(warningsSentOf(onWrapupRequested(closed, 1))).toBe(2);
      expect(warningsSentOf(onWrapupFailed(onWrapupRequested(closed, 1)))).toBe(2);
    });
  });
});
