import { screen } from '@testing-library/react';
import React, { Profiler } from 'react';

import { inactivityEvents } from '../state/inactivityEvents';
import type { TimerTheme } from './badgeLook';
import { CountdownBadge } from './CountdownBadge';
import type { FakeNowSource, TestStore } from './testing/fixtures';
import { dispatchNow, fakeNowSource, fakeTask, renderWithStore, testStore, track } from './testing/fixtures';

let store: TestStore;
let clock: FakeNowSource;

beforeEach(() => {
  store = testStore();
  clock = fakeNowSource(0);
});

function renderBadge(
  props: { task?: ReturnType<typeof fakeTask>; theme?: TimerTheme; strings?: Record<string, string> } = {},
) {
  return renderWithStore(store, <CountdownBadge task={fakeTask()} nowSource={clock} {...props} />);
}

function badge(): HTMLElement {
  return screen.getByRole('timer');
}

/** The name of the inline SVG icon inside `element`. */
function iconOf(element: HTMLElement): string | undefined {
  return element.querySelector('svg')?.dataset.icon;
}

describe('components/CountdownBadge', () => {
  describe('counting', () => {
    it('shows 0:15 at 20.000 s of a 35 s timer started at 0, as an accessible timer', () => {
      track(store);
      clock.tick(20_000);
      renderBadge();
      expect(badge().textContent).toBe('0:15');
      expect(badge().getAttribute('aria-live')).toBe('off');
      expect(badge().getAttribute('aria-label')).toBe('Customer inactivity: 15 seconds left');
      expect(badge().dataset.phase).toBe('counting');
    });

    it('shows 0:16 at 19.001 s: seconds round up', () => {
      track(store);
      renderBadge();
      clock.tick(19_001);
      expect(badge().textContent).toBe('0:16');
    });

    it('follows the now source across second boundaries', () => {
      track(store);
      renderBadge();
      expect(badge().textContent).toBe('0:35');
      clock.tick(1_000);
      expect(badge().textContent).toBe('0:34');
      clock.tick(1_001);
      expect(badge().textContent).toBe('0:34');
      clock.tick(2_000);
      expect(badge().textContent).toBe('0:33');
    });

    it('restarts at once when the customer writes (a store change, no tick)', () => {
      track(store);
      clock.tick(20_000);
      renderBadge();
      dispatchNow(store, inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: 20_000 }));
      expect(badge().textContent).toBe('0:35');
    });

    it('turns urgent at 10 s left, not before', () => {
      track(store);
      renderBadge();
      clock.tick(24_999);
      expect(badge().dataset.look).toBe('calm');
      clock.tick(25_000);
      expect(badge().textContent).toBe('0:10');
      expect(badge().dataset.look).toBe('urgent');
      // The only filled look: white on red.
      expect(badge().style.backgroundColor).toBe('rgb(214, 31, 31)');
      expect(badge().style.color).toBe('rgb(255, 255, 255)');
    });
  });

  describe('warned', () => {
    it('takes the warning look and says the customer was warned', () => {
      track(store);
      clock.tick(20_000);
      renderBadge();
      expect(badge().dataset.look).toBe('calm');
      dispatchNow(store, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }));
      expect(badge().dataset.phase).toBe('warned');
      expect(badge().dataset.look).toBe('warning');
      expect(badge().style.backgroundColor).toBe('rgb(254, 245, 238)');
      expect(badge().style.color).toBe('rgb(141, 49, 24)');
      expect(badge().getAttribute('aria-label')).toBe('Customer inactivity: 15 seconds left, customer warned');
    });

    it("uses the theme's Paste tokens when Flex passes them", () => {
      const theme: TimerTheme = {
        tokens: {
          backgroundColors: { colorBackgroundWarningWeakest: 'rgb(1, 2, 3)' },
          textColors: { colorTextWarningStrong: 'rgb(4, 5, 6)' },
        },
      };
      track(store);
      dispatchNow(store, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }));
      renderBadge({ theme });
      expect(badge().style.backgroundColor).toBe('rgb(1, 2, 3)');
      expect(badge().style.color).toBe('rgb(4, 5, 6)');
      // A token the theme lacks falls back on its own.
      expect(badge().style.borderColor).toBe('rgb(244, 124, 34)');
    });
  });

  describe('other phases', () => {
    it('shows a pause icon and the time kept while paused', () => {
      track(store);
      dispatchNow(store, inactivityEvents.timerPaused({ conversationSid: 'CH1', at: 10_000 }));
      renderBadge();
      clock.tick(30_000);
      expect(badge().textContent).toBe('0:25');
      expect(iconOf(badge())).toBe('pause');
      expect(badge().style.borderStyle).toBe('dashed');
      expect(badge().dataset.phase).toBe('paused');
      expect(badge().getAttribute('aria-label')).toBe('Customer inactivity: paused with 25 seconds left');
    });

    it('shows arrows and the time held while a transfer is pending, never urgent, and says so', () => {
      track(store);
      dispatchNow(store, inactivityEvents.transferStarted({ conversationSid: 'CH1', at: 30_000 }));
      renderBadge();
      clock.tick(60_000);
      expect(badge().textContent).toBe('⇄ 0:05');
      expect(badge().dataset.phase).toBe('transferPending');
      expect(badge().dataset.look).not.toBe('urgent');
      expect(badge().getAttribute('aria-label')).toMatch(/transfer is pending, 5 seconds left/);
    });

    it('shows a dash while waiting for the agent (agent_reply mode)', () => {
      track(store, { startOn: 'agent_reply' });
      renderBadge();
      expect(badge().textContent).toBe('—');
      expect(badge().dataset.phase).toBe('waiting');
      expect(badge().getAttribute('aria-label')).toBe(
        'Customer inactivity: not counting, the customer is waiting for a reply',
      );
    });

    it('shows 0:00 once expired and while wrapping up', () => {
      track(store);
      renderBadge();
      clock.tick(35_000);
      expect(badge().textContent).toBe('0:00');
      expect(badge().dataset.phase).toBe('expired');
      expect(badge().getAttribute('aria-label')).toBe('Customer inactivity: time is up, moving to wrap-up');
      dispatchNow(store, inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 1 }));
      expect(badge().textContent).toBe('0:00');
      expect(badge().dataset.phase).toBe('wrappingUp');
      expect(badge().dataset.look).toBe('urgent');
    });

    it('disappears once the wrap-up is confirmed', () => {
      track(store);
      renderBadge();
      dispatchNow(store, inactivityEvents.wrapupConfirmed({ conversationSid: 'CH1' }));
      expect(screen.queryByRole('timer')).toBeNull();
    });
  });

  describe('awaiting the history', () => {
    it('shows an ellipsis in the pending look, not a countdown that nothing would act on', () => {
      track(store, { history: 'unread' });
      clock.tick(20_000);
      renderBadge();
      expect(badge().textContent).toBe('…');
      expect(badge().dataset.phase).toBe('awaitingHistory');
      expect(badge().dataset.look).toBe('pending');
      expect(iconOf(badge())).toBe('sync');
      expect(badge().style.borderStyle).toBe('dashed');
      expect(badge().style.backgroundColor).toBe('rgb(244, 244, 246)');
      expect(badge().getAttribute('aria-label')).toBe(
        'Customer inactivity: waiting for the chat history before counting',
      );
    });

    it('stays calm past the deadline: an unread timer is not known to have run out', () => {
      track(store, { history: 'unread' });
      renderBadge();
      clock.tick(40_000);
      expect(badge().textContent).toBe('…');
      expect(badge().dataset.look).toBe('pending');
    });

    it('switches to m:ss once the history is read, and back when the connection is lost', () => {
      track(store, { history: 'unread' });
      clock.tick(20_000);
      renderBadge();
      dispatchNow(store, inactivityEvents.historyRead({ conversationSid: 'CH1', messages: [] }));
      expect(badge().textContent).toBe('0:15');
      expect(badge().dataset.look).toBe('calm');
      expect(badge().getAttribute('aria-label')).toBe('Customer inactivity: 15 seconds left');
      dispatchNow(store, inactivityEvents.connectionLost({}));
      expect(badge().textContent).toBe('…');
      expect(badge().dataset.phase).toBe('awaitingHistory');
    });

    it('takes its aria-label from the strings it is given', () => {
      track(store, { history: 'unread' });
      renderBadge({ strings: { InactivityBadgeAwaitingHistory: 'Inactividad: leyendo el historial' } });
      expect(badge().getAttribute('aria-label')).toBe('Inactividad: leyendo el historial');
    });
  });

  describe('untracked conversations', () => {
    it('renders nothing and does not listen to the ticker', () => {
      track(store);
      const { container } = renderBadge({ task: fakeTask({ conversationSid: 'CH9' }) });
      expect(container.innerHTML).toBe('');
      expect(clock.listenerCount).toBe(0);
    });

    it('renders nothing for a task without a conversation (voice)', () => {
      track(store);
      const { container } = renderBadge({ task: fakeTask({ call_sid: 'CA1' }) });
      expect(container.innerHTML).toBe('');
    });

    it('appears when the conversation becomes tracked, and goes when it is released', () => {
      renderBadge();
      expect(screen.queryByRole('timer')).toBeNull();
      track(store);
      expect(badge().textContent).toBe('0:35');
      expect(clock.listenerCount).toBe(1);
      dispatchNow(store, inactivityEvents.conversationReleased({ conversationSid: 'CH1' }));
      expect(screen.queryByRole('timer')).toBeNull();
      expect(clock.listenerCount).toBe(0);
    });
  });

  describe('looks', () => {
    it('gives every phase its own icon, border and colors, with no emoji or symbol glyph', () => {
      track(store, { conversationSid: 'CH1' });
      track(store, { conversationSid: 'CH2' });
      track(store, { conversationSid: 'CH3' });
      track(store, { conversationSid: 'CH4', startOn: 'agent_reply' });
      track(store, { conversationSid: 'CH5', history: 'unread' });
      dispatchNow(store, inactivityEvents.warningSent({ conversationSid: 'CH2', cycle: 1, warningIndex: 0 }));
      dispatchNow(store, inactivityEvents.timerPaused({ conversationSid: 'CH3', at: 0 }));
      renderWithStore(
        store,
        <>
          {['CH1', 'CH2', 'CH3', 'CH4', 'CH5'].map((sid) => (
            <CountdownBadge key={sid} task={fakeTask({ conversationSid: sid })} nowSource={clock} />
          ))}
        </>,
      );
      const lookOf = (element: HTMLElement) =>
        [element.dataset.look, iconOf(element), element.style.borderStyle, element.style.backgroundColor].join(' ');
      expect(screen.getAllByRole('timer').map(lookOf)).toEqual([
        'calm clock solid rgb(249, 249, 250)',
        'warning alert solid rgb(254, 245, 238)',
        'paused pause dashed rgb(235, 244, 255)',
        'quiet hourglass dashed rgb(255, 255, 255)',
        'pending sync dashed rgb(244, 244, 246)',
      ]);
      clock.tick(26_000);
      expect(screen.getAllByRole('timer').map(lookOf)[0]).toBe('urgent clock solid rgb(214, 31, 31)');
      // Digits, the colon, the dash and the ellipsis render in every font; ⏸-like glyphs need an emoji font.
      for (const timer of screen.getAllByRole('timer')) expect(timer.textContent).toMatch(/^[0-9:\u2014\u2026]+$/);
    });

    it('keeps its icon out of the accessibility tree: the aria-label says it all', () => {
      track(store);
      renderBadge();
      expect(badge().querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    });
  });

  describe('placement', () => {
    function anchorOf(timer: HTMLElement): HTMLElement {
      const anchor = timer.parentElement;
      if (anchor === null) throw new Error('no anchor');
      return anchor;
    }

    it('is a plain pill in the text flow by default', () => {
      track(store);
      renderBadge();
      expect(badge().style.position).toBe('');
      expect(anchorOf(badge()).dataset.placement).toBeUndefined();
    });

    it('over a task list row: a zero-height anchor, the pill at its top right, letting clicks reach the row', () => {
      track(store);
      renderWithStore(store, <CountdownBadge task={fakeTask()} nowSource={clock} placement="taskListRow" />);
      const anchor = anchorOf(badge());
      expect(anchor.dataset.placement).toBe('taskListRow');
      expect(anchor.style.position).toBe('relative');
      expect(anchor.style.height).toBe('0px');
      expect(badge().style.position).toBe('absolute');
      expect([badge().style.top, badge().style.right]).toEqual(['8px', '12px']);
      expect(badge().style.pointerEvents).toBe('none');
      expect(badge().style.zIndex).toBe('1');
    });

    it('over a task list row: leaves nothing behind for an untracked conversation', () => {
      const { container } = renderWithStore(
        store,
        <CountdownBadge task={fakeTask({ conversationSid: 'CH9' })} nowSource={clock} placement="taskListRow" />,
      );
      expect(container.innerHTML).toBe('');
    });
  });

  it('takes its aria-label from the strings it is given', () => {
    track(store);
    clock.tick(20_000);
    renderBadge({ strings: { InactivityBadgeLabel: 'Inactividad: quedan {{remaining}}' } });
    expect(badge().getAttribute('aria-label')).toBe('Inactividad: quedan 15 seconds');
  });

  describe('rendering cost', () => {
    it('renders once for ten ticks within the same second, again when the second changes', () => {
      track(store);
      clock.tick(20_000);
      const onRender = jest.fn();
      renderWithStore(
        store,
        <Profiler id="badge" onRender={onRender}>
          <CountdownBadge task={fakeTask()} nowSource={clock} />
        </Profiler>,
      );
      expect(onRender).toHaveBeenCalledTimes(1);
      for (let i = 1; i <= 10; i += 1) clock.tick(20_000 + i * 99);
      expect(badge().textContent).toBe('0:15');
      expect(onRender).toHaveBeenCalledTimes(1);
      clock.tick(21_000);
      expect(badge().textContent).toBe('0:14');
      expect(onRender).toHaveBeenCalledTimes(2);
      for (let i = 1; i <= 10; i += 1) clock.tick(21_000 + i * 99);
      expect(onRender).toHaveBeenCalledTimes(2);
    });

    it('above a minute left, writes each second without rendering: it renders as the label changes', () => {
      track(store, { timerMs: 3_600_000 });
      const onRender = jest.fn();
      renderWithStore(
        store,
        <Profiler id="badge" onRender={onRender}>
          <CountdownBadge task={fakeTask()} nowSource={clock} />
        </Profiler>,
      );
      const texts = new Set<string | null>();
      for (let second = 1; second <= 30; second += 1) {
        clock.tick(second * 1_000);
        texts.add(badge().textContent);
      }
      expect(texts.size).toBe(30);
      expect(badge().textContent).toBe('59:30');
      expect(onRender).toHaveBeenCalledTimes(1);
      // Below 59:30 the nearest whole minute, and with it the label, changes.
      clock.tick(31_000);
      expect(badge().getAttribute('aria-label')).toBe('Customer inactivity: 59 minutes left');
      expect(onRender).toHaveBeenCalledTimes(2);
    });

    it('keeps the text it wrote when Flex renders the row again (a parent render brings no older time back)', () => {
      track(store, { timerMs: 3_600_000 });
      const view = renderBadge();
      clock.tick(5_000);
      expect(badge().textContent).toBe('59:55');
      view.rerender(<CountdownBadge task={fakeTask()} nowSource={clock} strings={{}} />);
      expect(badge().textContent).toBe('59:55');
    });

    it('leaves no subscription behind after unmount', () => {
      track(store);
      const { unmount } = renderBadge();
      expect(clock.listenerCount).toBe(1);
      unmount();
      expect(clock.listenerCount).toBe(0);
    });
  });

  describe('screen readers', () => {
    const ROW = 'Twilio-TaskListBaseItem';

    /** The badge as Flex places it in the task list: just before its row's focusable element. */
    function renderInTaskList(attributes: Record<string, unknown> = { conversationSid: 'CH1', customerName: 'Ana' }) {
      return renderWithStore(
        store,
        <>
          <CountdownBadge task={fakeTask(attributes)} nowSource={clock} placement="taskListRow" />
          <div className={ROW} role="button" tabIndex={0} aria-label="chat task with status accepted" />
        </>,
      );
    }

    const row = (): HTMLElement => screen.getByRole('button', { name: 'chat task with status accepted' });
    const description = (): string => {
      const ids = (row().getAttribute('aria-describedby') ?? '').split(' ');
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    };
    const liveRegion = (container: HTMLElement): HTMLElement => {
      const region = container.querySelector<HTMLElement>('[aria-live="polite"]');
      if (region === null) throw new Error('no live region');
      return region;
    };

    /** Counts the DOM changes under `element` between calls. */
    function watch(element: Node): () => number {
      const observer = new MutationObserver(() => undefined);
      observer.observe(element, { subtree: true, childList: true, characterData: true });
      return () => observer.takeRecords().length;
    }

    it("describes its row (aria-describedby on Flex's focusable row) with the time left in whole minutes", () => {
      track(store, { timerMs: 300_000 });
      renderInTaskList();
      expect(description()).toBe('Customer inactivity: 5 minutes left');
      clock.tick(60_001);
      expect(description()).toBe('Customer inactivity: 4 minutes left');
      clock.tick(250_000);
      expect(description()).toBe('Customer inactivity: 1 minute left');
      dispatchNow(store, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }));
      expect(description()).toBe('Customer inactivity: 1 minute left, customer warned');
    });

    it('changes the description at most once a minute while the badge changes every second', () => {
      track(store, { timerMs: 300_000 });
      renderInTaskList();
      const descriptionChanges = watch(document.getElementById('inactivity-CH1') as Node);
      const badgeChanges = watch(badge());
      for (let second = 1; second <= 59; second += 1) clock.tick(second * 1_000);
      expect(badgeChanges()).toBeGreaterThanOrEqual(59);
      expect(descriptionChanges()).toBe(0);
      clock.tick(60_000);
      expect(descriptionChanges()).toBe(1);
    });

    it('removes its id from the row when it goes, leaving what others described the row with', () => {
      track(store);
      const rowAfter = (badgeShown: boolean) => (
        <>
          {badgeShown && <CountdownBadge task={fakeTask()} nowSource={clock} placement="taskListRow" />}
          <div className={ROW} role="button" tabIndex={0} aria-label="chat task with status accepted" />
        </>
      );
      const view = renderWithStore(store, rowAfter(true));
      row().setAttribute('aria-describedby', `other-plugin ${row().getAttribute('aria-describedby') ?? ''}`);
      view.rerender(rowAfter(false));
      expect(row().getAttribute('aria-describedby')).toBe('other-plugin');
      view.rerender(rowAfter(true));
      expect(row().getAttribute('aria-describedby')).toBe('other-plugin inactivity-CH1');
    });

    it('announces politely only when a warning is sent and when the chat moves to wrap-up, never each second', () => {
      track(store, { timerMs: 120_000 });
      const { container } = renderInTaskList();
      const region = liveRegion(container);
      const announced = watch(region);
      for (let second = 1; second <= 30; second += 1) clock.tick(second * 1_000);
      expect(region.textContent).toBe('');
      expect(announced()).toBe(0);
      dispatchNow(store, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }));
      expect(region.textContent).toBe('Inactivity warning sent to Ana');
      expect(announced()).toBe(1);
      for (let second = 31; second <= 119; second += 1) clock.tick(second * 1_000);
      expect(announced()).toBe(0);
      clock.tick(120_000);
      expect(region.textContent).toBe('Customer inactivity: the chat with Ana is moving to wrap-up');
      dispatchNow(store, inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 1 }));
      expect(region.textContent).toBe('Customer inactivity: the chat with Ana is moving to wrap-up');
      // Replacing the warning with the wrap-up news: one node out, one in.
      expect(announced()).toBe(2);
    });

    it('does not announce what was already so when it mounts (a reload), but does announce the next event', () => {
      track(store, { timerMs: 120_000 });
      dispatchNow(store, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }));
      const { container } = renderInTaskList({ conversationSid: 'CH1' });
      expect(liveRegion(container).textContent).toBe('');
      clock.tick(120_000);
      expect(liveRegion(container).textContent).toBe('Customer inactivity: the chat is moving to wrap-up');
    });

    it('announces the warning of a new cycle after the customer replied, even one mounted already warned', () => {
      track(store, { timerMs: 120_000 });
      dispatchNow(store, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }));
      const { container } = renderInTaskList();
      dispatchNow(store, inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: 1_000 }));
      expect(liveRegion(container).textContent).toBe('');
      dispatchNow(store, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 2, warningIndex: 0 }));
      expect(liveRegion(container).textContent).toBe('Inactivity warning sent to Ana');
    });
  });
});
