import { screen } from '@testing-library/react';
import * as Flex from '@twilio/flex-ui';
import React from 'react';

import { CountdownBadge } from '../components/CountdownBadge';
import { fakeNowSource, fakeTask, renderWithStore, testStore, track } from '../components/testing/fixtures';
import { TimerControls } from '../components/TimerControls';
import { createTicker } from '../runtime/ticker';
import { FakeClock } from '../runtime/testing/fakeClock';
import { addCountdownBadge, addTimerControls } from './taskViews';

const BADGE_KEY = 'conversations-inactivity-badge';
const CONTROLS_KEY = 'conversations-inactivity-controls';

/** Any Flex Content store: TaskListItem.Content, TaskCanvasHeader.Content. */
type ContentStore = { readonly fragments: typeof Flex.TaskListItem.Content.fragments };

/** The fragment Flex holds for our child `key`, with the child element itself. */
function added(store: ContentStore, key: string) {
  const fragment = store.fragments.find(
    (candidate) => React.isValidElement(candidate.props.children) && candidate.props.children.key === key,
  );
  const child = fragment?.props.children;
  if (fragment === undefined || !React.isValidElement(child)) return undefined;
  return { options: fragment.props, child };
}

const messagingTask = fakeTask({ conversationSid: 'CH1', channelType: 'sms' });
const voiceTask = fakeTask({ call_sid: 'CA1', from: '+15550001111' });
const strings = { InactivityBadgeLabel: 'Left: {{remaining}}' };

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('flex/taskViews', () => {
  describe('addCountdownBadge', () => {
    function addBadge() {
      const nowSource = fakeNowSource(0);
      const cleanup = addCountdownBadge(Flex, nowSource, strings);
      cleanups.push(cleanup);
      return { nowSource, cleanup, badge: added(Flex.TaskListItem.Content, BADGE_KEY) };
    }

    it("adds a keyed CountdownBadge to every task list row, just before Flex's row, placed over the row", () => {
      const { badge, nowSource } = addBadge();
      expect(badge?.child.type).toBe(CountdownBadge);
      expect(badge?.child.props).toEqual({ nowSource, strings, placement: 'taskListRow' });
      // Flex's own row is the default content, at sortOrder 0.
      expect(badge?.options.sortOrder).toBe(-1);
      expect(badge?.options.replace).toBeUndefined();
    });

    it('shows on messaging rows of any channel, never on voice rows or rows without a task', () => {
      const condition = addBadge().badge?.options.if;
      expect(condition?.({ task: messagingTask })).toBe(true);
      expect(condition?.({ task: fakeTask({ conversationSid: 'CH2', channelType: 'whatsapp' }) })).toBe(true);
      expect(condition?.({ task: voiceTask })).toBe(false);
      expect(condition?.({})).toBe(false);
    });

    it('renders the countdown of the row task once Flex passes the task to the child', () => {
      const { badge, nowSource } = addBadge();
      const store = testStore();
      track(store, { conversationSid: 'CH1' });
      if (badge === undefined) throw new Error('badge not added');
      renderWithStore(store, React.cloneElement(badge.child, { task: messagingTask }));
      nowSource.tick(5_000);
      expect(screen.getByRole('timer').getAttribute('aria-label')).toBe('Left: 30 seconds');
    });

    it('returns the cleanup that removes it', () => {
      const { cleanup } = addBadge();
      cleanup();
      expect(added(Flex.TaskListItem.Content, BADGE_KEY)).toBeUndefined();
    });
  });

  describe('addTimerControls', () => {
    const ticker = createTicker({ clock: new FakeClock(0), intervalMs: 1_000, createWorker: () => null });
    const invoked: Array<{ action: string; payload: unknown }> = [];

    beforeAll(() => {
      Flex.Actions.registerAction('PauseInactivityTimer', (payload: unknown) => {
        invoked.push({ action: 'PauseInactivityTimer', payload });
        return Promise.resolve();
      });
    });

    function addControls(extendMsFor: (task: Flex.ITask) => number | null = () => 300_000) {
      const cleanup = addTimerControls(Flex, { ticker, extendMsFor }, strings);
      cleanups.push(cleanup);
      const controls = added(Flex.TaskCanvasHeader.Content, CONTROLS_KEY);
      if (controls === undefined) throw new Error('controls not added');
      // Narrowed by the `type` assertion below: the child is the TimerControls element taskViews built.
      const props = controls.child.props as React.ComponentProps<typeof TimerControls>;
      return { cleanup, controls, props };
    }

    it("adds keyed TimerControls to the task canvas header, between Flex's name (1) and its End button (2)", () => {
      const { controls, props } = addControls();
      expect(controls.child.type).toBe(TimerControls);
      expect(props.nowSource).toBe(ticker);
      expect(props.strings).toBe(strings);
      expect(controls.options.sortOrder).toBe(1);
    });

    it('shows for messaging tasks only', () => {
      const condition = addControls().controls.options.if;
      expect(condition?.({ task: messagingTask })).toBe(true);
      expect(condition?.({ task: voiceTask })).toBe(false);
      expect(condition?.({})).toBe(false);
    });

    it("gives the runtime's extension for the task, 0 where the runtime has none (not a messaging task)", () => {
      const { props } = addControls((task) => (task === messagingTask ? 120_000 : null));
      expect(props.extendMs(messagingTask)).toBe(120_000);
      expect(props.extendMs(voiceTask)).toBe(0);
    });

    it("invokes the plugin's actions through Flex's Actions", async () => {
      const { props } = addControls();
      await props.invoke('PauseInactivityTimer', { conversationSid: 'CH1' });
      expect(invoked).toEqual([{ action: 'PauseInactivityTimer', payload: { conversationSid: 'CH1' } }]);
    });

    it('returns the cleanup that removes it', () => {
      const { cleanup } = addControls();
      cleanup();
      expect(added(Flex.TaskCanvasHeader.Content, CONTROLS_KEY)).toBeUndefined();
    });
  });
});
