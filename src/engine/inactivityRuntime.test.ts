import { fakeTask } from '../flex/testing/fakeFlex';
import type { Harness } from '../flex/testing/engineHarness';
import { flushPromises, startHarness } from '../flex/testing/engineHarness';

const T0 = 1_000_000;

/** Two tabs of one agent: the first acts, the second mirrors. */
function twoTabs(options: Parameters<typeof startHarness>[0] = {}): { acting: Harness; other: Harness } {
  const acting = startHarness({ ...options, leader: true });
  const other = startHarness({ previous: acting, leader: false });
  return { acting, other };
}

/** Three tabs of one agent: the first acts, the others mirror. */
function threeTabs(options: Parameters<typeof startHarness>[0] = {}): Record<'first' | 'second' | 'third', Harness> {
  const first = startHarness({ ...options, leader: true });
  const second = startHarness({ previous: first, leader: false });
  const third = startHarness({ previous: first, leader: false });
  return { first, second, third };
}

describe('engine/inactivityRuntime', () => {
  describe('one writer', () => {
    it('mirrors in the other tab exactly what the acting tab holds, and only the acting tab writes', async () => {
      const { acting, other } = twoTabs();
      await acting.advanceTo(T0 + 21_000);
      acting.customerWrites();
      await acting.advance(1_000);
      expect(other.timer()).toEqual(acting.timer());
      expect(acting.timerWriters()).toEqual([acting.tabNumber]);
      expect(other.effects.sent).toHaveLength(0);
    });

    it('applies a pause made in the other tab once, in the acting tab, and every tab shows it within a tick', async () => {
      const { acting, other } = twoTabs();
      await acting.advanceTo(T0 + 10_000);
      other.runtime.submit({ kind: 'pause', conversationSid: 'CH1' });
      await acting.advance(1_000);
      const paused = { kind: 'paused', remainingMs: 25_000, warningsSent: 0 };
      expect(acting.timer()?.phase).toEqual(paused);
      expect(other.timer()?.phase).toEqual(paused);
      await acting.advanceTo(T0 + 120_000);
      expect(acting.warningsSent()).toHaveLength(0);
      expect(acting.effects.wrapups).toEqual([]);
      expect(acting.timerWriters()).toEqual([acting.tabNumber]);
    });

    it('gives more time from the other tab, with the acting tab’s policy', async () => {
      const { acting, other } = twoTabs({ customerInactivity: { timer_sec: 35, warning_sec: 15, extend_sec: 60 } });
      await acting.advanceTo(T0 + 10_000);
      other.runtime.submit({ kind: 'extend', conversationSid: 'CH1' });
      await acting.advance(0);
      expect(other.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 95_000 });
    });

    it('the tab that takes over starts from what was saved, including an extension made a moment before', async () => {
      const { acting, other } = twoTabs({ customerInactivity: { timer_sec: 35, warning_sec: 15, extend_sec: 60 } });
      await acting.advanceTo(T0 + 10_000);
      other.runtime.submit({ kind: 'extend', conversationSid: 'CH1' });
      await flushPromises();
      acting.stop();
      other.leadership.set(true);
      expect(other.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 95_000 });
      await other.advanceTo(T0 + 94_000);
      expect(other.effects.wrapups).toEqual([]);
      await other.advanceTo(T0 + 95_000);
      expect(other.effects.wrapups).toEqual(['WR1']);
    });

    it('keeps a pause across a handover to another tab', async () => {
      const { acting, other } = twoTabs();
      await acting.advanceTo(T0 + 10_000);
      acting.runtime.submit({ kind: 'pause', conversationSid: 'CH1' });
      acting.stop();
      other.leadership.set(true);
      await other.advanceTo(T0 + 200_000);
      expect(other.timer()?.phase).toMatchObject({ kind: 'paused', remainingMs: 25_000 });
      expect(other.effects.wrapups).toEqual([]);
    });

    it('a tab that loses the lead stops acting and writing, and mirrors the new acting tab', async () => {
      const { acting, other } = twoTabs();
      await acting.advanceTo(T0 + 5_000);
      acting.leadership.set(false);
      other.leadership.set(true);
      await other.advanceTo(T0 + 35_000);
      expect(acting.effects.sent).toHaveLength(0);
      expect(other.warningsSent()).toHaveLength(1);
      expect(acting.timer()).toBeUndefined();
    });
  });

  describe('controls used in a tab that does not act', () => {
    const EXTEND_60 = { customerInactivity: { timer_sec: 35, warning_sec: 15, extend_sec: 60 } };
    const abandonments = (harness: Harness): string[] =>
      harness.log.warnings.filter((warning) => warning.includes('abandoned'));

    it('applies a pause made while the acting tab is handed over, as soon as the next tab acts', async () => {
      const { first, second, third } = threeTabs();
      await first.advanceTo(T0 + 10_000);
      first.stop();
      second.runtime.submit({ kind: 'pause', conversationSid: 'CH1' });
      await flushPromises();
      third.leadership.set(true);
      await flushPromises();
      const paused = { kind: 'paused', remainingMs: 25_000, warningsSent: 0 };
      expect(third.timer()?.phase).toEqual(paused);
      expect(second.timer()?.phase).toEqual(paused);
      await third.advanceTo(T0 + 120_000);
      expect(third.effects.wrapups).toEqual([]);
      expect(abandonments(second)).toEqual([]);
    });

    it('applies a pause that reached the acting tab as its lead lapsed, once the next tab acts', async () => {
      const { first, second, third } = threeTabs();
      await first.advanceTo(T0 + 10_000);
      first.leadership.set(false);
      second.runtime.submit({ kind: 'pause', conversationSid: 'CH1' });
      await flushPromises();
      third.leadership.set(true);
      await flushPromises();
      expect(third.timer()?.phase).toMatchObject({ kind: 'paused', remainingMs: 25_000 });
      expect(first.timer()?.phase).toMatchObject({ kind: 'paused', remainingMs: 25_000 });
    });

    it('gives more time exactly once when the tab it was asked in takes over itself', async () => {
      const { first, second, third } = threeTabs(EXTEND_60);
      await first.advanceTo(T0 + 10_000);
      first.stop();
      second.runtime.submit({ kind: 'extend', conversationSid: 'CH1' });
      await second.advance(2_000);
      second.leadership.set(true);
      expect(second.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 95_000 });
      await second.advance(20_000);
      expect(second.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 95_000 });
      expect(third.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 95_000 });
      expect(abandonments(second)).toEqual([]);
    });

    it('abandons a pause no tab took up within 10 s with one warning, and the next acting tab does not apply it', async () => {
      const { first, second, third } = threeTabs();
      await first.advanceTo(T0 + 10_000);
      first.stop();
      second.runtime.submit({ kind: 'pause', conversationSid: 'CH1' });
      await second.advanceTo(T0 + 19_999);
      expect(abandonments(second)).toEqual([]);
      await second.advanceTo(T0 + 20_000);
      expect(abandonments(second)).toEqual([
        'Inactivity: the pause asked for CH1 was not applied: no tab acted on it within 10 s, so it was abandoned.',
      ]);
      third.leadership.set(true);
      await third.advance(5_000);
      expect(third.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 35_000 });
      expect(abandonments(second)).toHaveLength(1);
    });

    it('leaves no timer behind when the tabs stop with a control still waiting for an acting tab', async () => {
      const { first, second, third } = threeTabs();
      await first.advanceTo(T0 + 10_000);
      first.stop();
      second.runtime.submit({ kind: 'pause', conversationSid: 'CH1' });
      await flushPromises();
      second.stop();
      third.stop();
      expect(second.clock.pendingTimers()).toBe(0);
    });
  });

  describe('agent notices', () => {
    it('shows a notice in the visible tab, not in the hidden acting tab, and once', async () => {
      const { acting, other } = twoTabs();
      acting.visibility.set(false);
      acting.effects.wrapupWorks = false;
      await acting.advanceTo(T0 + 40_000);
      expect(other.notices.filter((notice) => notice.kind === 'wrapupFailed')).toHaveLength(1);
      expect(acting.notices).toEqual([]);
    });

    it('when no tab is visible, the first tab the agent returns to shows it, and no other', async () => {
      const { acting, other } = twoTabs();
      acting.visibility.set(false);
      other.visibility.set(false);
      await acting.advanceTo(T0 + 36_000);
      expect([...acting.notices, ...other.notices]).toEqual([]);
      other.visibility.set(true);
      await flushPromises();
      acting.visibility.set(true);
      expect(other.notices.map((notice) => notice.kind)).toEqual(['wrappedUp']);
      expect(acting.notices).toEqual([]);
    });
  });

  it('leaves nothing behind when every tab stops', async () => {
    const { acting, other } = twoTabs({ tasks: [fakeTask(1), fakeTask(2)] });
    await acting.advance(1_000);
    acting.stop();
    other.stop();
    expect(acting.conversations.watcherCount()).toBe(0);
    expect(acting.tasks.listeners.size).toBe(0);
    expect(acting.ticker.listeners.size + other.ticker.listeners.size).toBe(0);
  });
});
