import React from 'react';

import { trackedTimer } from '../core/testing/factories';
import { inactivityEvents } from '../state/inactivityEvents';
import type { BadgeModel } from './useCountdown';
import { badgeModelAt, sameBadge, useCountdown } from './useCountdown';
import type { FakeNowSource, TestStore } from './testing/fixtures';
import { dispatchNow, fakeNowSource, renderWithStore, testStore, track } from './testing/fixtures';

describe('components/useCountdown', () => {
  describe('badgeModelAt', () => {
    const timer = trackedTimer({ conversationSid: 'CH1', at: 0, timerMs: 35_000 });

    it('derives text, phase and urgency from the timer at now', () => {
      expect(badgeModelAt(timer, 20_000)).toEqual({
        phase: 'counting',
        text: '0:15',
        remainingMs: 15_000,
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
  });

  describe('the hook', () => {
    let store: TestStore;
    let clock: FakeNowSource;
    let seen: Array<BadgeModel | null>;

    function Probe({ sid }: { sid: string }): null {
      seen.push(useCountdown(sid, clock));
      return null;
    }

    beforeEach(() => {
      store = testStore();
      clock = fakeNowSource(0);
      seen = [];
    });

    it('returns null for an untracked conversation', () => {
      renderWithStore(store, <Probe sid="CH1" />);
      expect(seen).toEqual([null]);
    });

    it('renders again only when something visible changes', () => {
      track(store);
      renderWithStore(store, <Probe sid="CH1" />);
      for (const now of [100, 500, 999, 1_000, 1_500, 1_999]) clock.tick(now);
      expect(seen.map((model) => model?.text)).toEqual(['0:35', '0:34']);
      dispatchNow(store, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }));
      expect(seen[seen.length - 1]).toMatchObject({ phase: 'warned', warningsSent: 1, text: '0:34' });
    });

    it('does not render on ticks while the history is being read, and counts once it is', () => {
      track(store, { history: 'unread' });
      renderWithStore(store, <Probe sid="CH1" />);
      for (const now of [1_000, 2_000, 3_000]) clock.tick(now);
      expect(seen.map((model) => model?.text)).toEqual(['…']);
      dispatchNow(store, inactivityEvents.historyRead({ conversationSid: 'CH1', messages: [] }));
      expect(seen[seen.length - 1]).toMatchObject({ phase: 'counting', text: '0:32' });
    });

    it('follows a change of conversation sid', () => {
      track(store);
      track(store, { conversationSid: 'CH2', reservationSid: 'WR2', timerMs: 60_000 });
      const { rerender } = renderWithStore(store, <Probe sid="CH1" />);
      rerender(<Probe sid="CH2" />);
      expect(seen[seen.length - 1]?.text).toBe('1:00');
      expect(clock.listenerCount).toBe(1);
    });
  });
});
