import { trackedTimer } from '../core/testing/factories';
import type { BadgeModel } from './badgeModel';
import { badgeModelAt, differsOnlyInText, sameBadge } from './badgeModel';

describe('components/badgeModel', () => {
  describe('badgeModelAt', () => {
    const timer = trackedTimer({ conversationSid: 'CH1', at: 0, timerMs: 35_000 });

    it('derives text, phase and urgency from the timer at now', () => {
      expect(badgeModelAt(timer, 20_000)).toEqual({
        phase: 'counting',
        text: '0:15',
        remainingMs: 15_000,
        remainingWords: '15 seconds',
        remainingMinutes: 1,
        warningsSent: 0,
        urgent: false,
      });
    });

    it('is urgent from 10 s left on', () => {
      expect(badgeModelAt(timer, 24_999).urgent).toBe(false);
      expect(badgeModelAt(timer, 25_000).urgent).toBe(true);
      expect(badgeModelAt(timer, 35_000)).toMatchObject({ phase: 'expired', text: '0:00', urgent: true });
    });

    it('is never urgent while paused or waiting', () => {
      const paused = { ...timer, phase: { kind: 'paused', remainingMs: 3_000, warningsSent: 0 } as const };
      expect(badgeModelAt(paused, 0)).toMatchObject({ phase: 'paused', text: '0:03', urgent: false });
      const waiting = { ...timer, phase: { kind: 'waiting' } as const };
      expect(badgeModelAt(waiting, 0)).toMatchObject({ phase: 'waiting', text: '—', remainingMs: null, urgent: false });
    });

    it('shows no time and no urgency until the history is read, even past the deadline', () => {
      const unread = { ...timer, history: 'unread' } as const;
      const expected = { phase: 'awaitingHistory', text: '…', remainingMs: null, urgent: false };
      expect(badgeModelAt(unread, 20_000)).toMatchObject(expected);
      expect(badgeModelAt(unread, 40_000)).toMatchObject(expected);
      expect(sameBadge(badgeModelAt(unread, 20_000), badgeModelAt(unread, 21_000))).toBe(true);
    });

    it('keeps the warnings of the cycle, read from the phase', () => {
      const warned = { ...timer, phase: { kind: 'counting', deadlineAt: 35_000, warningsSent: 1 } as const };
      expect(badgeModelAt(warned, 20_000)).toMatchObject({ phase: 'warned', warningsSent: 1 });
    });

    it('treats models that differ only in remainingMs as the same', () => {
      expect(sameBadge(badgeModelAt(timer, 20_000), badgeModelAt(timer, 20_999))).toBe(true);
      expect(sameBadge(badgeModelAt(timer, 20_000), badgeModelAt(timer, 21_000))).toBe(false);
    });

    it('tells a change of text alone from one the label, the description or the look sees', () => {
      const hour = trackedTimer({ conversationSid: 'CH1', at: 0, timerMs: 3_600_000 });
      const at = (now: number): BadgeModel => badgeModelAt(hour, now);
      // 59:59 and 59:58: "1 hour" left in words, 60 whole minutes.
      expect(differsOnlyInText(at(1_000), at(2_000))).toBe(true);
      // The description's minutes go from 60 to 59 as 59:59.999 becomes 59:00.
      expect(differsOnlyInText(at(59_000), at(61_000))).toBe(false);
      // The label's words go from "1 hour" to "59 minutes" as the nearest minute does, below 59:30.
      expect(differsOnlyInText(at(30_000), at(31_000))).toBe(false);
      // Under a minute the words follow the seconds: every tick renders.
      expect(differsOnlyInText(badgeModelAt(timer, 30_000), badgeModelAt(timer, 31_000))).toBe(false);
      expect(differsOnlyInText(at(1_000), { ...at(2_000), phase: 'paused' })).toBe(false);
      expect(differsOnlyInText(at(1_000), { ...at(2_000), warningsSent: 1 })).toBe(false);
    });
  });
});
