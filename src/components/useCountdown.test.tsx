import { screen } from '@testing-library/react';
import React from 'react';

import { inactivityEvents } from '../state/inactivityEvents';
import type { BadgeModel } from './badgeModel';
import { useCountdown } from './useCountdown';
import type { FakeNowSource, TestStore } from './testing/fixtures';
import { dispatchNow, fakeNowSource, renderWithStore, testStore, track } from './testing/fixtures';

describe('components/useCountdown', () => {
  describe('the hook', () => {
    let store: TestStore;
    let clock: FakeNowSource;
    /** The model of every render, and the text the probe's element shows after each tick. */
    let seen: Array<BadgeModel | null>;

    function Probe({ sid }: { sid: string }): JSX.Element {
      const { model, textRef } = useCountdown(sid, clock);
      seen.push(model);
      return <span data-testid="text" ref={textRef} />;
    }

    const text = (): string | null => screen.getByTestId('text').textContent;

    beforeEach(() => {
      store = testStore();
      clock = fakeNowSource(0);
      seen = [];
    });

    it('returns null for an untracked conversation', () => {
      renderWithStore(store, <Probe sid="CH1" />);
      expect(seen).toEqual([null]);
      expect(text()).toBe('');
    });

    it('writes a new second without rendering, and renders when more than the text changes', () => {
      track(store, { timerMs: 120_000 });
      renderWithStore(store, <Probe sid="CH1" />);
      expect(text()).toBe('2:00');
      const texts = [100, 500, 999, 1_000, 1_500, 1_999, 2_000].map((now) => {
        clock.tick(now);
        return text();
      });
      expect(texts).toEqual(['2:00', '2:00', '2:00', '1:59', '1:59', '1:59', '1:58']);
      expect(seen.map((model) => model?.text)).toEqual(['2:00']);
      dispatchNow(store, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }));
      expect(seen[seen.length - 1]).toMatchObject({ phase: 'warned', warningsSent: 1, text: '1:58' });
      expect(text()).toBe('1:58');
    });

    it('renders when the words of the time left change (each second of the last minute)', () => {
      track(store);
      renderWithStore(store, <Probe sid="CH1" />);
      clock.tick(1_000);
      expect(seen.map((model) => model?.remainingWords)).toEqual(['35 seconds', '34 seconds']);
      expect(text()).toBe('0:34');
    });

    it('shows the new time at once when the store restarts the countdown to the text React last rendered', () => {
      track(store, { timerMs: 3_600_000 });
      renderWithStore(store, <Probe sid="CH1" />);
      clock.tick(20_000);
      expect(text()).toBe('59:40');
      // The customer writes: back to the text of the first render, with nothing else changed.
      dispatchNow(store, inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: 20_000 }));
      expect(text()).toBe('1:00:00');
    });

    it('does not render on ticks while the history is being read, and counts once it is', () => {
      track(store, { history: 'unread' });
      renderWithStore(store, <Probe sid="CH1" />);
      for (const now of [1_000, 2_000, 3_000]) clock.tick(now);
      expect(seen.map((model) => model?.text)).toEqual(['…']);
      dispatchNow(store, inactivityEvents.historyRead({ conversationSid: 'CH1', messages: [] }));
      expect(seen[seen.length - 1]).toMatchObject({ phase: 'counting', text: '0:32' });
      expect(text()).toBe('0:32');
    });

    it('follows a change of conversation sid', () => {
      track(store);
      track(store, { conversationSid: 'CH2', reservationSid: 'WR2', timerMs: 60_000 });
      const { rerender } = renderWithStore(store, <Probe sid="CH1" />);
      rerender(<Probe sid="CH2" />);
      expect(seen[seen.length - 1]?.text).toBe('1:00');
      expect(text()).toBe('1:00');
      expect(clock.listenerCount).toBe(1);
    });

    it('writes the text of a tracked conversation into an element that appears later', () => {
      renderWithStore(store, <Probe sid="CH1" />);
      track(store);
      expect(text()).toBe('0:35');
    });
  });
});
