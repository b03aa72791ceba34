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
  startTimer,
} from './conversationTimer';
import type { ConversationTimer } from './conversationTimer';
import { nextDueAt, planCommands, planForTimer } from './planner';
import { originalPolicy, trackedTimer, warningsAt, trackRequest } from './testing/factories';

describe('core/planner', () => {
  const policy = originalPolicy();

  describe('the original 35 s / 15 s configuration', () => {
    it('plans nothing before the warning threshold', () => {
      const timer = trackedTimer();
      expect(planForTimer(timer, policy, 0)).toBeNull();
      expect(planForTimer(timer, policy, 19_999)).toBeNull();
    });

    it('plans the warning at exactly 20.000 s, with the time left', () => {
      expect(planForTimer(trackedTimer(), policy, 20_000)).toEqual({
        kind: 'sendWarning',
        conversationSid: 'CH0001',
        cycle: 1,
        warningIndex: 0,
        remainingMs: 15_000,
      });
    });

    it('plans the warning once: after it is recorded, nothing until the deadline', () => {
      const warned = onWarningSent(trackedTimer(), 1, 0);
      expect(planForTimer(warned, policy, 20_000)).toBeNull();
      expect(planForTimer(warned, policy, 34_999)).toBeNull();
    });

    it('plans the wrap-up at exactly 35.000 s and not a millisecond before', () => {
      const warned = onWarningSent(trackedTimer(), 1, 0);
      expect(planForTimer(warned, policy, 34_999)).toBeNull();
      expect(planForTimer(warned, policy, 35_000)).toEqual({
        kind: 'wrapUp',
        conversationSid: 'CH0001',
        reservationSid: 'WR0001',
        cycle: 1,
      });
    });

    it('moves both the warning and the wrap-up by 10 s when the customer writes at 10 s', () => {
      const replied = onCustomerMessage(trackedTimer(), { at: 10_000 });
      expect(planForTimer(replied, policy, 29_999)).toBeNull();
      expect(planForTimer(replied, policy, 30_000)).toMatchObject({ kind: 'sendWarning', cycle: 2 });
      const warned = onWarningSent(replied, 2, 0);
      expect(planForTimer(warned, policy, 44_999)).toBeNull();
      expect(planForTimer(warned, policy, 45_000)).toMatchObject({ kind: 'wrapUp', cycle: 2 });
    });

    it('sends no late warning once the deadline has passed (a page closed through it)', () => {
      expect(planForTimer(trackedTimer(), policy, 60_000)).toMatchObject({ kind: 'wrapUp' });
    });

    it('still sends a warning that was missed while the page was closed, if time is left', () => {
      expect(planForTimer(trackedTimer(), policy, 30_000)).toMatchObject({ kind: 'sendWarning', remainingMs: 5_000 });
    });

    it('plans nothing while the wrap-up is pending', () => {
      const requested = onWrapupRequested(trackedTimer(), 1);
      expect(planForTimer(requested, policy, 40_000)).toBeNull();
    });
  });

  describe('several warnings', () => {
    const threeWarnings = originalPolicy({ timerMs: 60_000, warnings: warningsAt(30, 10, 20) });

    it('sends each at its own threshold, in order', () => {
      let timer: ConversationTimer = trackedTimer({ timerMs: 60_000 });
      const sent: Array<[number, number]> = [];
      for (let now = 0; now <= 59_999; now += 1) {
        const command = planForTimer(timer, threeWarnings, now);
        if (command?.kind === 'sendWarning') {
          sent.push([now, command.warningIndex]);
          timer = onWarningSent(timer, command.cycle, command.warningIndex);
        }
      }
      expect(sent).toEqual([
        [30_000, 0],
        [40_000, 1],
        [50_000, 2],
      ]);
    });

    it('sends only the latest due warning after a gap, and never the skipped ones later', () => {
      const command = planForTimer(trackedTimer({ timerMs: 60_000 }), threeWarnings, 45_000);
      expect(command).toMatchObject({ kind: 'sendWarning', warningIndex: 1 });
      const recorded = onWarningSent(trackedTimer({ timerMs: 60_000 }), 1, 1);
      expect(planForTimer(recorded, threeWarnings, 45_001)).toBeNull();
      expect(planForTimer(recorded, threeWarnings, 50_000)).toMatchObject({ warningIndex: 2 });
    });
  });

  describe('closing message', () => {
    const closing = originalPolicy({ closingMessage: 'Closing this chat now.' });

    it('comes at the deadline, before the wrap-up', () => {
      const warned = onWarningSent(trackedTimer(), 1, 0);
      expect(planForTimer(warned, closing, 34_999)).toBeNull();
      expect(planForTimer(warned, closing, 35_000)).toEqual({
        kind: 'sendClosingMessage',
        conversationSid: 'CH0001',
        cycle: 1,
      });
      expect(planForTimer(onClosingDone(warned, 1), closing, 35_000)).toMatchObject({ kind: 'wrapUp' });
    });
  });

  describe('the history', () => {
    it('plans nothing, at any time, for a timer whose history is unread', () => {
      const unread = onHistoryOutdated(trackedTimer());
      for (const now of [0, 20_000, 34_999, 35_000, 1_000_000]) {
        expect(planForTimer(unread, policy, now)).toBeNull();
      }
      expect(planForTimer(onHistoryOutdated(onClosingDone(trackedTimer(), 1)), policy, 40_000)).toBeNull();
      expect(nextDueAt(unread, policy, 0)).toBeNull();
    });

    it('plans nothing for a timer just tracked, until its history is reconciled', () => {
      const tracked = startTimer(
        trackRequest({
          conversationSid: 'CH0001',
          reservationSid: 'WR0001',
          taskSid: 'WT0001',
          channelType: 'web',
          timerMs: 35_000,
          at: 0,
        }),
      );
      expect(planForTimer(tracked, policy, 20_000)).toBeNull();
      expect(planForTimer(onHistoryReconciled(tracked), policy, 20_000)).toMatchObject({ kind: 'sendWarning' });
      expect(nextDueAt(onHistoryReconciled(tracked), policy, 0)).toBe(20_000);
    });

    it('keeps the boundaries once reconciled late: nothing at 19.999 s, one warning at 20 s', () => {
      const late = onHistoryReconciled(onHistoryOutdated(trackedTimer()));
      expect(planForTimer(late, policy, 19_999)).toBeNull();
      expect(planForTimer(late, policy, 20_000)).toMatchObject({ kind: 'sendWarning', warningIndex: 0 });
    });
  });

  describe('an expired timer', () => {
    const expired = onClosingDone(trackedTimer(), 1);

    it('is wrapped up at once, whatever the time and whether or not a closing message is configured', () => {
      const wrapUp = { kind: 'wrapUp', conversationSid: 'CH0001', reservationSid: 'WR0001', cycle: 1 };
      expect(expired.phase).toEqual({ kind: 'expired', warningsSent: 0 });
      expect(planForTimer(expired, policy, 0)).toEqual(wrapUp);
      expect(planForTimer(expired, originalPolicy({ closingMessage: 'Bye.' }), 35_000)).toEqual(wrapUp);
    });

    it('is wrapped up again after Flex failed to', () => {
      const failed = onWrapupFailed(onWrapupRequested(expired, 1));
      expect(planForTimer(failed, policy, 50_000)).toMatchObject({ kind: 'wrapUp', cycle: 1 });
    });

    it('plans nothing once the wrap-up is done, or for a disabled channel', () => {
      expect(planForTimer(onWrapupConfirmed(expired), policy, 50_000)).toBeNull();
      expect(planForTimer(expired, originalPolicy({ enabled: false }), 50_000)).toBeNull();
    });

    it('has no next due time: its wrap-up is due now', () => {
      expect(nextDueAt(expired, policy, 40_000)).toBeNull();
    });
  });

  describe('timers that do not count', () => {
    it('plans nothing for a disabled channel', () => {
      expect(planForTimer(trackedTimer(), originalPolicy({ enabled: false }), 40_000)).toBeNull();
    });

    it('plans nothing while waiting for the agent in agent_reply mode', () => {
      const waiting = trackedTimer({ startOn: 'agent_reply' });
      expect(planForTimer(waiting, originalPolicy({ startOn: 'agent_reply' }), 1_000_000)).toBeNull();
    });

    it('plans nothing while paused, even long past the old deadline', () => {
      expect(planForTimer(onPaused(trackedTimer(), 10_000), policy, 1_000_000)).toBeNull();
    });
  });

  describe('planCommands', () => {
    it('plans each conversation independently, one command each at most', () => {
      const early = trackedTimer({ conversationSid: 'CH0001', at: 0 });
      const late = trackedTimer({ conversationSid: 'CH0002', reservationSid: 'WR0002', at: 10_000 });
      const commands = planCommands([early, late], () => policy, 35_000);
      expect(commands.map((command) => [command.conversationSid, command.kind])).toEqual([
        ['CH0001', 'wrapUp'],
        ['CH0002', 'sendWarning'],
      ]);
    });
  });

  describe('nextDueAt', () => {
    it('is the warning threshold first, then the deadline', () => {
      expect(nextDueAt(trackedTimer(), policy, 0)).toBe(20_000);
      expect(nextDueAt(onWarningSent(trackedTimer(), 1, 0), policy, 20_000)).toBe(35_000);
    });

    it('is null when nothing counts', () => {
      expect(nextDueAt(trackedTimer({ startOn: 'agent_reply' }), policy, 0)).toBeNull();
    });
  });
});

describe('core/planner: channels with a customer-service window', () => {
  const DAY = 24 * 60 * 60 * 1_000;
  const whatsapp = (lastCustomerAt: number) =>
    trackedTimer({ channelType: 'whatsapp', timerMs: 2 * DAY, at: lastCustomerAt });

  it('sends a WhatsApp warning due at 23:59:59 after the customer wrote, and skips one due at 24:00:00', () => {
    const policy = originalPolicy({
      timerMs: 2 * DAY,
      warnings: [{ beforeMs: 2 * DAY - DAY, message: 'Still there?' }],
    });
    const justInside = { ...whatsapp(0), lastCustomerAt: 1_000 };
    expect(planForTimer(justInside, policy, DAY)).toMatchObject({ kind: 'sendWarning', warningIndex: 0 });
    const onTheEdge = { ...whatsapp(0), lastCustomerAt: 0 };
    expect(planForTimer(onTheEdge, policy, DAY)).toEqual({
      kind: 'skipMessage',
      conversationSid: 'CH0001',
      cycle: 1,
      message: 'warning',
      warningIndex: 0,
    });
  });

  it('skips the closing message outside the window but still wraps up', () => {
    const policy = originalPolicy({ timerMs: 2 * DAY, warnings: [], closingMessage: 'Bye' });
    const timer = { ...whatsapp(0), lastCustomerAt: 0 };
    expect(planForTimer(timer, policy, 2 * DAY)).toMatchObject({ kind: 'skipMessage', message: 'closing' });
    expect(planForTimer({ ...timer, phase: { kind: 'expired', warningsSent: 0 } }, policy, 2 * DAY)).toMatchObject({
      kind: 'wrapUp',
    });
  });

  it('never skips on a channel without a window', () => {
    const policy = originalPolicy({ timerMs: 2 * DAY, warnings: [{ beforeMs: DAY, message: 'Still there?' }] });
    const sms = { ...trackedTimer({ channelType: 'sms', timerMs: 2 * DAY }), lastCustomerAt: 0 };
    expect(planForTimer(sms, policy, DAY)).toMatchObject({ kind: 'sendWarning' });
  });
});
