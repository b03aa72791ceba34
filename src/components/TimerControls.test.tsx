import { act, fireEvent, screen } from '@testing-library/react';
import React from 'react';

import { registerTimerActions } from '../flex/timerActions';
import type { TimerActionPayload } from '../flex/timerActions';
import { inactivityEvents } from '../state/inactivityEvents';
import { CountdownBadge } from './CountdownBadge';
import type { FakeNowSource, TestStore } from './testing/fixtures';
import { dispatchNow, fakeNowSource, fakeTask, renderWithStore, testStore, track } from './testing/fixtures';
import { TimerControls } from './TimerControls';

const FIVE_MINUTES = 300_000;

let store: TestStore;
let clock: FakeNowSource;
let invoke: jest.Mock<Promise<unknown>, [string, TimerActionPayload]>;

beforeEach(() => {
  store = testStore();
  clock = fakeNowSource(0);
  invoke = jest.fn((_action: string, _payload: TimerActionPayload) => Promise.resolve());
});

function renderControls(props: { extendMs?: number; task?: ReturnType<typeof fakeTask> } = {}) {
  return renderWithStore(
    store,
    <TimerControls
      task={props.task ?? fakeTask()}
      nowSource={clock}
      extendMs={() => props.extendMs ?? FIVE_MINUTES}
      invoke={invoke}
    />,
  );
}

function button(name: string): HTMLElement {
  return screen.getByRole('button', { name });
}

/** Clicks and lets the invocation's promise settle inside act(). */
async function click(element: HTMLElement): Promise<void> {
  await act(async () => {
    fireEvent.click(element);
    await Promise.resolve();
  });
}

describe('components/TimerControls', () => {
  it('pauses a running countdown through PauseInactivityTimer', async () => {
    track(store);
    renderControls();
    await click(button('Pause inactivity timer'));
    expect(invoke).toHaveBeenCalledWith('PauseInactivityTimer', { conversationSid: 'CH1' });
  });

  it('offers Resume while paused and invokes ResumeInactivityTimer', async () => {
    track(store);
    dispatchNow(store, inactivityEvents.timerPaused({ conversationSid: 'CH1', at: 5_000 }));
    renderControls();
    expect(screen.queryByRole('button', { name: 'Pause inactivity timer' })).toBeNull();
    await click(button('Resume inactivity timer'));
    expect(invoke).toHaveBeenCalledWith('ResumeInactivityTimer', { conversationSid: 'CH1' });
  });

  it('extends through ExtendInactivityTimer, labelled with the extension', async () => {
    track(store);
    renderControls();
    const extend = button('Give the customer 5 minutes more');
    expect(extend.textContent).toBe('+5 min');
    await click(extend);
    expect(invoke).toHaveBeenCalledWith('ExtendInactivityTimer', { conversationSid: 'CH1' });
  });

  it('stays available after a warning', () => {
    track(store);
    dispatchNow(store, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }));
    renderControls();
    expect(screen.getAllByRole('button')).toHaveLength(2);
  });

  it('hides the extend button when the policy gives no extension', () => {
    track(store);
    renderControls({ extendMs: 0 });
    expect(screen.getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['Pause inactivity timer']);
  });

  describe('hidden when nothing can be adjusted', () => {
    it('while waiting for the agent', () => {
      track(store, { startOn: 'agent_reply' });
      renderControls();
      expect(screen.queryAllByRole('button')).toHaveLength(0);
    });

    it('once time is up (a tick, no store change) and while wrapping up', () => {
      track(store);
      renderControls();
      expect(screen.queryAllByRole('button')).toHaveLength(2);
      clock.tick(35_000);
      expect(screen.queryAllByRole('button')).toHaveLength(0);
      dispatchNow(store, inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 1 }));
      expect(screen.queryAllByRole('button')).toHaveLength(0);
    });

    it('for an untracked conversation or no task', () => {
      track(store);
      renderControls({ task: fakeTask({ conversationSid: 'CH9' }) });
      expect(screen.queryAllByRole('button')).toHaveLength(0);
      expect(clock.listenerCount).toBe(0);
    });
  });

  describe('failed invocations', () => {
    let consoleError: jest.SpyInstance;

    beforeEach(() => {
      consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    });

    afterEach(() => {
      consoleError.mockRestore();
    });

    it('logs a rejected invocation instead of leaving it unhandled', async () => {
      const failure = new Error('Action PauseInactivityTimer cancelled by before event');
      invoke.mockImplementation(() => Promise.reject(failure));
      track(store);
      renderControls();
      await click(button('Pause inactivity timer'));
      expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('PauseInactivityTimer'), failure);
    });

    it('logs an invoke that throws synchronously', async () => {
      const failure = new Error('no Flex');
      invoke.mockImplementation(() => {
        throw failure;
      });
      track(store);
      renderControls();
      await click(button('Give the customer 5 minutes more'));
      expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('ExtendInactivityTimer'), failure);
    });
  });

  it('re-renders on phase changes only, not on every second', () => {
    track(store);
    const renders = jest.fn();
    renderWithStore(
      store,
      <React.Profiler id="controls" onRender={renders}>
        <TimerControls task={fakeTask()} nowSource={clock} extendMs={() => FIVE_MINUTES} invoke={invoke} />
      </React.Profiler>,
    );
    for (let now = 1_000; now <= 30_000; now += 1_000) clock.tick(now);
    expect(renders).toHaveBeenCalledTimes(1);
  });

  it('drives the badge through the registered actions and the real reducer', async () => {
    const bodies = new Map<string, (payload: unknown) => Promise<unknown>>();
    registerTimerActions({
      actions: { registerAction: (name, body) => void bodies.set(name, body) },
      dispatch: (event) => store.dispatch(event),
      now: () => clock.now(),
      extendMsFor: () => FIVE_MINUTES,
    });
    const invokeRegistered = (action: string, payload: TimerActionPayload): Promise<unknown> =>
      bodies.get(action)?.(payload) ?? Promise.reject(new Error(`unknown action ${action}`));
    track(store);
    renderWithStore(
      store,
      <>
        <CountdownBadge task={fakeTask()} nowSource={clock} />
        <TimerControls task={fakeTask()} nowSource={clock} extendMs={() => FIVE_MINUTES} invoke={invokeRegistered} />
      </>,
    );
    clock.tick(20_000);
    await click(button('Pause inactivity timer'));
    clock.tick(50_000);
    expect(screen.getByRole('timer').textContent).toBe('⏸0:15');
    await click(button('Give the customer 5 minutes more'));
    expect(screen.getByRole('timer').textContent).toBe('⏸5:15');
    await click(button('Resume inactivity timer'));
    clock.tick(51_000);
    expect(screen.getByRole('timer').textContent).toBe('5:14');
  });
});
