import { act, fireEvent, screen } from '@testing-library/react';
import React from 'react';

import type { TimerActionPayload } from '../actions/timerActionNames';
import { registerTimerActions } from '../flex/timerActions';
import { inactivityEvents } from '../state/inactivityEvents';
import { selectTimer } from '../state/selectors';
import { CountdownBadge } from './CountdownBadge';
import type { FakeNowSource, TestStore } from './testing/fixtures';
import { dispatchNow, fakeNowSource, fakeTask, renderWithStore, testStore, track } from './testing/fixtures';
import { COMPACT_BELOW_PX, TimerControls } from './TimerControls';

const FIVE_MINUTES = 300_000;

let store: TestStore;
let clock: FakeNowSource;
let invoke: jest.Mock<Promise<unknown>, [string, TimerActionPayload]>;

beforeEach(() => {
  store = testStore();
  clock = fakeNowSource(0);
  invoke = jest.fn((_action: string, _payload: TimerActionPayload) => Promise.resolve());
});

function renderControls(
  props: { extendMs?: number; task?: ReturnType<typeof fakeTask>; strings?: Record<string, string> } = {},
) {
  return renderWithStore(
    store,
    <TimerControls
      task={props.task ?? fakeTask()}
      nowSource={clock}
      extendMs={() => props.extendMs ?? FIVE_MINUTES}
      invoke={invoke}
      strings={props.strings}
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
    await click(button('Pause timer'));
    expect(invoke).toHaveBeenCalledWith('PauseInactivityTimer', { conversationSid: 'CH1' });
  });

  it('offers Resume while paused and invokes ResumeInactivityTimer', async () => {
    track(store);
    dispatchNow(store, inactivityEvents.timerPaused({ conversationSid: 'CH1', at: 5_000 }));
    renderControls();
    expect(screen.queryByRole('button', { name: 'Pause timer' })).toBeNull();
    await click(button('Resume timer'));
    expect(invoke).toHaveBeenCalledWith('ResumeInactivityTimer', { conversationSid: 'CH1' });
  });

  it('extends through ExtendInactivityTimer, labelled with the extension', async () => {
    track(store);
    renderControls();
    const extend = button('+5 min');
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
    expect(screen.getAllByRole('button').map((b) => b.title)).toEqual(['Pause inactivity timer']);
  });

  describe('accessibility', () => {
    it('names every button with its visible text (WCAG 2.5.3), the longer words as tooltip and description', () => {
      track(store);
      renderControls();
      for (const control of screen.getAllByRole('button')) {
        expect(control.getAttribute('aria-label')).toBeNull();
        expect(screen.getByRole('button', { name: control.textContent ?? '' })).toBe(control);
      }
      expect(button('Pause timer').title).toBe('Pause inactivity timer');
      expect(button('+5 min').title).toBe('Give the customer 5 minutes more');
    });

    it('keeps visible text and name together when the labels are translated', () => {
      track(store);
      dispatchNow(store, inactivityEvents.timerPaused({ conversationSid: 'CH1', at: 5_000 }));
      renderControls({
        strings: { InactivityControlResumeLabel: 'Reanudar', InactivityControlResume: 'Reanudar el temporizador' },
      });
      expect(button('Reanudar').title).toBe('Reanudar el temporizador');
    });

    it('works from the keyboard: native buttons, raised above their neighbour while focused so the ring shows whole', () => {
      track(store);
      renderControls();
      const pause = button('Pause timer');
      expect(pause.tagName).toBe('BUTTON');
      expect(pause.getAttribute('type')).toBe('button');
      expect(pause.tabIndex).toBe(0);
      act(() => pause.focus());
      expect(pause.style.zIndex).toBe('1');
      expect(pause.style.outline).toBe('');
      act(() => pause.blur());
      expect(pause.style.zIndex).toBe('');
    });
  });

  describe('look', () => {
    it('labels the buttons with short visible text and an icon drawn in SVG, no emoji glyph', () => {
      track(store);
      renderControls();
      const pause = button('Pause timer');
      expect(pause.textContent).toBe('Pause timer');
      expect(pause.querySelector('svg')?.dataset.icon).toBe('pause');
      expect(pause.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
      expect(pause.title).toBe('Pause inactivity timer');
    });

    it('shows Resume timer with a play icon while paused', () => {
      track(store);
      dispatchNow(store, inactivityEvents.timerPaused({ conversationSid: 'CH1', at: 5_000 }));
      renderControls();
      const resume = button('Resume timer');
      expect(resume.textContent).toBe('Resume timer');
      expect(resume.querySelector('svg')?.dataset.icon).toBe('play');
    });

    it('takes the visible labels from the strings it is given', () => {
      track(store);
      renderControls({ strings: { InactivityControlPauseLabel: 'Pausar' } });
      expect(button('Pausar').title).toBe('Pause inactivity timer');
    });

    it('joins the two buttons into one group: outer corners rounded, the shared border drawn once', () => {
      track(store);
      renderControls();
      const [toggle, extend] = screen.getAllByRole('button');
      expect(toggle?.style.borderRadius).toBe('4px 0 0 4px');
      expect(extend?.style.borderRadius).toBe('0 4px 4px 0');
      expect(extend?.style.marginLeft).toBe('-1px');
    });

    it('rounds a lone pause button on all corners', () => {
      track(store);
      renderControls({ extendMs: 0 });
      expect(button('Pause timer').style.borderRadius).toBe('4px 4px 4px 4px');
    });

    it("colors the buttons from the theme's Paste tokens, and takes the primary colors on hover", () => {
      track(store);
      const theme = {
        tokens: {
          textColors: { colorText: 'rgb(1, 1, 1)', colorTextPrimary: 'rgb(2, 2, 2)' },
          radii: { borderRadius20: '6px' },
        },
      };
      renderWithStore(
        store,
        <TimerControls task={fakeTask()} nowSource={clock} extendMs={() => 0} invoke={invoke} theme={theme} />,
      );
      const pause = button('Pause timer');
      expect(pause.style.color).toBe('rgb(1, 1, 1)');
      expect(pause.style.borderRadius).toBe('6px 6px 6px 6px');
      fireEvent.mouseEnter(pause);
      expect(pause.style.color).toBe('rgb(2, 2, 2)');
      fireEvent.mouseLeave(pause);
      expect(pause.style.color).toBe('rgb(1, 1, 1)');
    });
  });

  describe('in a narrow header', () => {
    /** Stands in for the browser's ResizeObserver, which jsdom lacks; `resize` calls the observers back. */
    class FakeResizeObserver implements ResizeObserver {
      static readonly live = new Set<FakeResizeObserver>();
      constructor(private readonly callback: ResizeObserverCallback) {
        FakeResizeObserver.live.add(this);
      }
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {
        FakeResizeObserver.live.delete(this);
      }
      static resize(): void {
        act(() => FakeResizeObserver.live.forEach((observer) => observer.callback([], observer)));
      }
    }

    let rowWidth = 0;

    beforeEach(() => {
      Object.defineProperty(window, 'ResizeObserver', {
        configurable: true,
        writable: true,
        value: FakeResizeObserver,
      });
    });

    afterEach(() => {
      Reflect.deleteProperty(window, 'ResizeObserver');
    });

    /** Renders the controls in a header row (their parent element) `width` px wide. */
    function renderInRow(width: number) {
      rowWidth = width;
      const row = document.createElement('div');
      Object.defineProperty(row, 'clientWidth', { get: () => rowWidth });
      document.body.appendChild(row);
      return renderWithStore(
        store,
        <TimerControls task={fakeTask()} nowSource={clock} extendMs={() => FIVE_MINUTES} invoke={invoke} />,
        { container: row },
      );
    }

    it(`shows the toggle's icon alone below ${COMPACT_BELOW_PX} px, keeping its accessible name`, () => {
      track(store);
      renderInRow(COMPACT_BELOW_PX - 1);
      // Only the icon shows: the tooltip names the button.
      const pause = button('Pause inactivity timer');
      expect(pause.textContent).toBe('');
      expect(pause.querySelector('svg')?.dataset.icon).toBe('pause');
      expect(button('+5 min').textContent).toBe('+5 min');
    });

    it('follows the row as it is resized, and stops observing when unmounted', () => {
      track(store);
      const { unmount } = renderInRow(COMPACT_BELOW_PX);
      expect(button('Pause timer').textContent).toBe('Pause timer');
      rowWidth = 300;
      FakeResizeObserver.resize();
      expect(button('Pause inactivity timer').textContent).toBe('');
      rowWidth = 600;
      FakeResizeObserver.resize();
      expect(button('Pause timer').textContent).toBe('Pause timer');
      unmount();
      expect(FakeResizeObserver.live.size).toBe(0);
    });
  });

  describe('hidden when nothing can be adjusted', () => {
    it('while waiting for the agent', () => {
      track(store, { startOn: 'agent_reply' });
      renderControls();
      expect(screen.queryAllByRole('button')).toHaveLength(0);
    });

    it('while a transfer is pending, and again once it failed', () => {
      track(store);
      renderControls();
      dispatchNow(store, inactivityEvents.transferStarted({ conversationSid: 'CH1', at: 1_000 }));
      expect(screen.queryAllByRole('button')).toHaveLength(0);
      dispatchNow(store, inactivityEvents.transferEnded({ conversationSid: 'CH1', at: 2_000 }));
      expect(screen.queryAllByRole('button')).toHaveLength(2);
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

    it('while the history is being read, however long the countdown had left', () => {
      track(store, { history: 'unread' });
      renderControls();
      expect(screen.queryAllByRole('button')).toHaveLength(0);
    });

    it('until the history is read, and again when the connection is lost', () => {
      track(store, { history: 'unread' });
      renderControls();
      dispatchNow(store, inactivityEvents.historyRead({ conversationSid: 'CH1', messages: [] }));
      expect(screen.getAllByRole('button').map((b) => b.title)).toEqual([
        'Pause inactivity timer',
        'Give the customer 5 minutes more',
      ]);
      dispatchNow(store, inactivityEvents.connectionLost({}));
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
      await click(button('Pause timer'));
      expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('PauseInactivityTimer'), failure);
    });

    it('logs an invoke that throws synchronously', async () => {
      const failure = new Error('no Flex');
      invoke.mockImplementation(() => {
        throw failure;
      });
      track(store);
      renderControls();
      await click(button('+5 min'));
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
    // Stands in for the acting tab: applies each control at once, with this test's clock.
    const eventOf = ({ kind, conversationSid }: { kind: 'pause' | 'resume' | 'extend'; conversationSid: string }) => {
      const at = clock.now();
      if (kind === 'pause') return inactivityEvents.timerPaused({ conversationSid, at });
      if (kind === 'resume') return inactivityEvents.timerResumed({ conversationSid, at });
      return inactivityEvents.timerExtended({ conversationSid, at, byMs: FIVE_MINUTES });
    };
    registerTimerActions({
      actions: { registerAction: (name, body) => void bodies.set(name, body) },
      submit: (intent) => void store.dispatch(eventOf(intent)),
      isTracked: (sid) => selectTimer(store.getState(), sid) !== undefined,
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
    await click(button('Pause timer'));
    clock.tick(50_000);
    expect(screen.getByRole('timer').textContent).toBe('0:15');
    expect(screen.getByRole('timer').dataset.look).toBe('paused');
    await click(button('+5 min'));
    expect(screen.getByRole('timer').textContent).toBe('5:15');
    await click(button('Resume timer'));
    clock.tick(51_000);
    expect(screen.getByRole('timer').textContent).toBe('5:14');
  });
});
