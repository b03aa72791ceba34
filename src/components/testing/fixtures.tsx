import { act, render } from '@testing-library/react';
import type { RenderOptions, RenderResult } from '@testing-library/react';
import type { ITask } from '@twilio/flex-ui';
import React from 'react';
import { Provider } from 'react-redux';
import { combineReducers, createStore } from 'redux';
import type { Store } from 'redux';

import type { HistoryStatus, TrackRequest } from '../../core/conversationTimer';
import type { TimerOverrides } from '../../core/testing/factories';
import { trackRequest } from '../../core/testing/factories';
import type { NowSource } from '../../runtime/ticker';
import type { InactivityEvent } from '../../state/inactivityEvents';
import { inactivityEvents } from '../../state/inactivityEvents';
import { inactivityReducer, INACTIVITY_NAMESPACE } from '../../state/inactivitySlice';
import type { StateWithInactivity } from '../../state/selectors';

/** A NowSource whose time moves only when a test says so; `tick` notifies subscribers inside act(). */
export interface FakeNowSource extends NowSource {
  tick(now: number): void;
  readonly listenerCount: number;
}

/** A FakeNowSource at `start` ms. */
export function fakeNowSource(start = 0): FakeNowSource {
  let current = start;
  const listeners = new Set<(now: number) => void>();
  return {
    now: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    tick(now) {
      current = now;
      act(() => listeners.forEach((listener) => listener(now)));
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}

/** A store with the inactivity slice where Flex keeps it, taking only our events. */
export type TestStore = Store<StateWithInactivity, InactivityEvent>;

/** A real store holding only our slice, as Flex's store holds it under INACTIVITY_NAMESPACE. */
export function testStore(): TestStore {
  return createStore(combineReducers({ [INACTIVITY_NAMESPACE]: inactivityReducer }));
}

/** Dispatches inside act(), so components see the change before the test reads the DOM. */
export function dispatchNow(store: TestStore, event: InactivityEvent): void {
  act(() => {
    store.dispatch(event);
  });
}

/** What `track` is asked: the track request's fields, and whether the history is read afterwards. */
export interface TrackOptions extends TimerOverrides {
  /**
   * `reconciled` (the default) reads an empty history right after tracking, as production does once the recent
   * messages are loaded, so the timer counts. `unread` stops before that: the timer awaits its history.
   */
  readonly history?: HistoryStatus;
}

/** Tracks CH1 (task WT1) with a 35 s timer started at 0 (the original plugin's example) unless overridden. */
export function track(store: TestStore, { history = 'reconciled', ...overrides }: TrackOptions = {}): void {
  const request: TrackRequest = trackRequest({
    conversationSid: 'CH1',
    reservationSid: 'WR1',
    taskSid: 'WT1',
    ...overrides,
  });
  dispatchNow(store, inactivityEvents.conversationTracked(request));
  if (history === 'reconciled') {
    dispatchNow(store, inactivityEvents.historyRead({ conversationSid: request.conversationSid, messages: [] }));
  }
}

/** A task as Flex passes it to Content children; only `attributes` and the sids matter to our components. */
export function fakeTask(attributes: Record<string, unknown> = { conversationSid: 'CH1' }): ITask {
  const task: Partial<ITask> = { sid: 'WR1', taskSid: 'WT1', attributes };
  return task as ITask;
}

/** Renders inside a react-redux Provider; `rerender` keeps the Provider. */
export function renderWithStore(
  store: TestStore,
  element: React.ReactElement,
  options: Omit<RenderOptions, 'wrapper'> = {},
): RenderResult {
  const wrapper = ({ children }: { children?: React.ReactNode }): React.ReactElement => (
    <Provider store={store}>{children}</Provider>
  );
  return render(element, { ...options, wrapper });
}
