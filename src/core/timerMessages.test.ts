import type { ConversationTimer } from './conversationTimer';
import { onHistoryOutdated, onPaused, onWarningSent, onWrapupRequested } from './conversationTimer';
import type { InactivityMarker } from './inactivityMarker';
import type { MessageAuthorKind } from './messageAuthor';
import { planForTimer } from './planner';
import { originalPolicy, trackedTimer, warningsAt } from './testing/factories';
import type { TimedMessage } from './timerMessages';
import { applyMessage, replayHistory } from './timerMessages';

/** The task of `trackedTimer()`. */
const TASK_SID = 'WT0001';

/** Tracked at 0 under the 35 s policy (cycle 1, started by acceptance), its history unread as after a reload. */
function timer(overrides: Partial<ConversationTimer> = {}): ConversationTimer {
  return onHistoryOutdated({ ...trackedTimer(), ...overrides });
}

function message(index: number, authorKind: MessageAuthorKind, at: number): TimedMessage {
  return { index, authorKind, at, marker: null };
}

function ours(index: number, at: number, marker: Partial<InactivityMarker> = {}): TimedMessage {
  return {
    index,
    authorKind: 'plugin',
    at,
    marker: { kind: 'warning', taskSid: TASK_SID, cycleStartIndex: null, warningIndex: 0, ...marker },
  };
}

describe('core/timerMessages', () => {
  describe('replayHistory', () => {
    it('marks the timer reconciled, even for an empty page', () => {
      expect(timer().history).toBe('unread');
      expect(replayHistory(timer(), [])).toEqual({ ...timer(), history: 'reconciled' });
    });

    it('restarts the cycle from the time of a customer message that arrived during the reload', () => {
      const replayed = replayHistory(timer(), [message(0, 'customer', -5_000), message(3, 'customer', 20_000)]);
      expect(replayed).toMatchObject({
        cycle: 2,
        cycleStartedAt: 20_000,
        cycleStartIndex: 3,
        history: 'reconciled',
        phase: { kind: 'counting', deadlineAt: 55_000, warningsSent: 0 },
      });
    });

    it('counts from the latest of several customer messages, in index order whatever the page order', () => {
      const replayed = replayHistory(timer(), [message(7, 'customer', 30_000), message(4, 'customer', 12_000)]);
      expect(replayed).toMatchObject({
        cycle: 3,
        cycleStartIndex: 7,
        phase: { kind: 'counting', deadlineAt: 65_000, warningsSent: 0 },
      });
    });

    it('records a warning of the current cycle already in the history (another tab or device sent it)', () => {
      const replayed = replayHistory(timer(), [ours(2, 20_000)]);
      expect(replayed.phase).toEqual({ kind: 'counting', deadlineAt: 35_000, warningsSent: 1 });
      expect(planForTimer(replayed, originalPolicy(), 25_000)).toBeNull();
    });

    it('records a later warning with every earlier one', () => {
      const replayed = replayHistory(timer(), [ours(2, 30_000, { warningIndex: 2 })]);
      expect(replayed.phase).toEqual({ kind: 'counting', deadlineAt: 35_000, warningsSent: 3 });
      expect(planForTimer(replayed, originalPolicy({ warnings: warningsAt(20, 10, 5) }), 31_000)).toBeNull();
    });

    it('records a warning of the cycle a customer message in the same page started', () => {
      const replayed = replayHistory(timer(), [
        ours(5, 40_000, { cycleStartIndex: 3, warningIndex: 0 }),
        message(3, 'customer', 20_000),
      ]);
      expect(replayed).toMatchObject({ cycle: 2, cycleStartIndex: 3, phase: { kind: 'counting', warningsSent: 1 } });
    });

    it('records a closing message of the current cycle: the timer is expired and the wrap-up comes next', () => {
      const replayed = replayHistory(timer(), [ours(4, 35_000, { kind: 'closing', warningIndex: undefined })]);
      expect(replayed.phase).toEqual({ kind: 'expired', warningsSent: 0 });
      expect(planForTimer(replayed, originalPolicy({ closingMessage: 'Bye.' }), 35_100)).toMatchObject({
        kind: 'wrapUp',
        cycle: 1,
      });
    });

    it.each<[string, TimedMessage]>([
      ['a warning of an older cycle', ours(2, 10_000, { cycleStartIndex: null })],
      ['a warning of another task on the same conversation', ours(8, 30_000, { taskSid: 'WT0', cycleStartIndex: 5 })],
      ['a closing message of another task', ours(8, 30_000, { kind: 'closing', taskSid: 'WT0', cycleStartIndex: 5 })],
      ['a plugin message whose marker was damaged', { index: 8, authorKind: 'plugin', at: 30_000, marker: null }],
      ['a supervisor or bot message', message(8, 'other', 30_000)],
      ['an agent message in customer_message mode', message(8, 'agent', 30_000)],
      ['a customer message already seen', message(5, 'customer', 20_000)],
      ['a customer message older than the cycle', message(4, 'customer', 19_000)],
    ])('ignores %s', (_case, old) => {
      const current = timer({ cycle: 2, cycleStartIndex: 5, cycleStartedAt: 20_000 });
      expect(replayHistory(current, [old])).toEqual({ ...current, history: 'reconciled' });
    });

    it('ignores a marker of another task even when its cycle start matches', () => {
      const fresh = timer();
      expect(replayHistory(fresh, [ours(2, 20_000, { taskSid: 'WT9999' })])).toEqual({
        ...fresh,
        history: 'reconciled',
      });
    });

    it('is idempotent: replaying the same page twice equals replaying it once', () => {
      const page = [
        message(3, 'customer', 20_000),
        ours(4, 40_000, { cycleStartIndex: 3 }),
        message(5, 'agent', 41_000),
        message(6, 'customer', 45_000),
        ours(7, 65_000, { cycleStartIndex: 6 }),
      ];
      const once = replayHistory(timer(), page);
      expect(once).toMatchObject({ cycle: 3, cycleStartIndex: 6, phase: { kind: 'counting', warningsSent: 1 } });
      expect(replayHistory(once, page)).toBe(once);
      expect(replayHistory(onHistoryOutdated(once), page)).toEqual(once);
    });

    it('in agent_reply mode, an agent reply starts the countdown and a later customer message stops it', () => {
      const waiting = onHistoryOutdated(trackedTimer({ startOn: 'agent_reply' }));
      expect(replayHistory(waiting, [message(2, 'agent', 10_000)]).phase).toEqual({
        kind: 'counting',
        deadlineAt: 45_000,
        warningsSent: 0,
      });
      const answered = replayHistory(waiting, [message(3, 'customer', 12_000), message(2, 'agent', 10_000)]);
      expect(answered).toMatchObject({ cycle: 3, cycleStartIndex: 3, phase: { kind: 'waiting' } });
    });

    it('holds a customer message found while the wrap-up is in flight', () => {
      const wrapping = onWrapupRequested(timer(), 1);
      expect(replayHistory(wrapping, [message(3, 'customer', 36_000)]).phase).toEqual({
        kind: 'wrappingUp',
        heldMessage: { at: 36_000, messageIndex: 3 },
        warningsSent: 0,
      });
    });

    it('keeps a paused countdown paused, at full length again after a customer message', () => {
      const paused = onPaused(timer(), 30_000);
      expect(replayHistory(paused, [message(3, 'customer', 31_000)]).phase).toEqual({
        kind: 'paused',
        remainingMs: 35_000,
        warningsSent: 0,
      });
    });
  });

  describe('applyMessage', () => {
    it('restarts the cycle on a live customer message, with its index, and leaves the history status alone', () => {
      const live = applyMessage(timer(), message(1, 'customer', 5_000));
      expect(live).toMatchObject({ cycle: 2, cycleStartIndex: 1, cycleStartedAt: 5_000, history: 'unread' });
      const reconciled = applyMessage(trackedTimer(), message(1, 'customer', 5_000));
      expect(reconciled.history).toBe('reconciled');
    });

    it('passes an agent message to the timer, which only cares in agent_reply mode', () => {
      const current = trackedTimer();
      expect(applyMessage(current, message(1, 'agent', 5_000))).toBe(current);
      const waiting = trackedTimer({ startOn: 'agent_reply' });
      expect(applyMessage(waiting, message(1, 'agent', 5_000))).toMatchObject({ cycle: 2, cycleStartIndex: 1 });
    });

    it('ignores everyone else', () => {
      const current = trackedTimer();
      expect(applyMessage(current, message(1, 'other', 5_000))).toBe(current);
    });

    it('records our warning under the timer’s cycle, with its warning index', () => {
      const current = { ...trackedTimer(), cycle: 4, cycleStartIndex: 9, cycleStartedAt: 1_000 };
      const recorded = applyMessage(current, ours(10, 5_000, { cycleStartIndex: 9, warningIndex: 2 }));
      expect(recorded).toMatchObject({ cycle: 4, phase: { kind: 'counting', warningsSent: 3 } });
    });

    it('ignores our warning of another cycle or task', () => {
      const current = onWarningSent(trackedTimer(), 1, 0);
      expect(applyMessage(current, ours(10, 5_000, { cycleStartIndex: 3, warningIndex: 1 }))).toBe(current);
      expect(applyMessage(current, ours(10, 5_000, { taskSid: 'WT2', warningIndex: 1 }))).toBe(current);
    });
  });
});
