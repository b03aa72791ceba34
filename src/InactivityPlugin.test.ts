import { EventEmitter } from 'events';
import * as Flex from '@twilio/flex-ui';
import React from 'react';
import type { AnyAction, Reducer, ReducersMapObject } from 'redux';
import { combineReducers, createStore } from 'redux';

import { InactivityString } from './strings/inactivityStrings';
import type { TaskLike } from './tasks/messagingTask';
import InactivityPlugin, { PLUGIN_NAME } from './InactivityPlugin';
import { inactivityReducer, INACTIVITY_NAMESPACE } from './state/inactivitySlice';
import type { StateWithInactivity } from './state/selectors';
import { selectInactivity } from './state/selectors';

// Defined by flex-plugin-scripts' webpack build; FlexPlugin's constructor reads them.
Object.assign(globalThis, {
  __FPB_PLUGIN_UNIQUE_NAME: 'plugin-conversations-inactivity',
  __FPB_PLUGIN_VERSION: '0.0.0-test',
  __FPB_FLEX_PLUGIN_SCRIPTS_VERSION: '7.1.2',
  __FPB_FLEX_PLUGIN_VERSION: '7.1.2',
  __FPB_FLEX_UI_VERSION: '2.17.1',
  __FPB_REACT_VERSION: '17.0.2',
  __FPB_REACT_DOM_VERSION: '17.0.2',
});

const TASK: TaskLike & Pick<Flex.ITask, 'getParticipants'> = {
  sid: 'WR1',
  taskSid: 'WT1',
  status: 'accepted',
  taskChannelUniqueName: 'chat',
  attributes: { conversationSid: 'CH1', channelType: 'web', flexInteractionChannelSid: 'UO1' },
  getParticipants: () => Promise.resolve([{ type: 'customer', mediaProperties: { sid: 'MBcustomer' } }]),
};

/**
 * Flex's manager as init uses it: a real Redux store whose `flex` slice holds the worker's tasks, with Flex's
 * `addReducer`; Flex's events; the admin's ui_attributes; no Conversations client yet.
 */
function fakeManager() {
  const reducers: ReducersMapObject = { flex: () => ({ worker: { tasks: new Map([[TASK.sid, TASK]]) } }) };
  const store = createStore(combineReducers(reducers));
  const addReducer = jest.fn((name: string, reducer: Reducer<unknown, AnyAction>) => {
    reducers[name] = reducer;
    store.replaceReducer(combineReducers(reducers));
  });
  const strings: Record<string, string> = { TaskHeaderLine: '{{task.defaultFrom}}' };
  const fake = {
    serviceConfiguration: {
      account_sid: 'AC1',
      ui_attributes: { customerInactivity: { timer_sec: 35, warning_sec: 15 } },
    },
    strings,
    store: { ...store, addReducer },
    events: new EventEmitter(),
    conversationsClient: undefined,
    workerClient: Object.assign(new EventEmitter(), { sid: 'WK1' }),
  };
  // Manager is a class with private members and ~40 accessors; init only touches the fields above.
  const manager = fake as unknown as Flex.Manager;
  const state = (): StateWithInactivity => store.getState() as StateWithInactivity;
  return { manager, addReducer, strings, state };
}

/** Lets the engine's start-up promises (participants, history) settle. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

describe('InactivityPlugin', () => {
  let warn: jest.SpyInstance;
  let info: jest.SpyInstance;
  let log: jest.SpyInstance;

  beforeEach(() => {
    // init starts the runtime on the system clock (ticker and tab lease intervals): keep them on fake timers.
    jest.useFakeTimers();
    // Without a Conversations client the engine warns that it cannot read the history; expected here.
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    plugin?.stop();
    expect(jest.getTimerCount()).toBe(0);
    jest.useRealTimers();
    window.localStorage.clear();
    warn.mockRestore();
    info.mockRestore();
    log.mockRestore();
  });

  let plugin: InactivityPlugin | undefined;

  function initPlugin() {
    const fake = fakeManager();
    plugin = new InactivityPlugin();
    plugin.init(Flex, fake.manager);
    expect(jest.getTimerCount()).toBeGreaterThan(0);
    return fake;
  }

  it('stops its previous runtime when initialised again (a hot reload), leaving one ticker', () => {
    initPlugin();
    const timersAfterFirst = jest.getTimerCount();
    plugin?.init(Flex, fakeManager().manager);
    expect(jest.getTimerCount()).toBe(timersAfterFirst);
  });

  it('is named InactivityPlugin', () => {
    expect(new InactivityPlugin().name).toBe(PLUGIN_NAME);
  });

  it('wires everything up on init', async () => {
    const { addReducer, strings, state } = initPlugin();

    expect(addReducer).toHaveBeenCalledWith(INACTIVITY_NAMESPACE, inactivityReducer);
    expect(strings[InactivityString.BadgeLabel]).toBeDefined();
    expect(strings.TaskHeaderLine).toBe('{{task.defaultFrom}}');
    for (const id of [
      InactivityString.NotificationWrappedUp,
      InactivityString.NotificationWrapupFailed,
      InactivityString.NotificationMessageFailed,
    ]) {
      expect(Flex.Notifications.registeredNotifications.has(id)).toBe(true);
    }
    const keys = (store: { readonly fragments: typeof Flex.TaskListItem.Content.fragments }) =>
      store.fragments.map((fragment) =>
        React.isValidElement(fragment.props.children) ? fragment.props.children.key : null,
      );
    expect(keys(Flex.TaskListItem.Content)).toContain('conversations-inactivity-badge');
    expect(keys(Flex.TaskCanvasHeader.Content)).toContain('conversations-inactivity-controls');

    // The held task is tracked in our slice, under the 35 s of ui_attributes.
    await flush();
    expect(selectInactivity(state()).timers.CH1).toMatchObject({ reservationSid: 'WR1', policy: { timerMs: 35_000 } });

    // The timer actions are registered with Flex and reach the store.
    await Flex.Actions.invokeAction('PauseInactivityTimer', { conversationSid: 'CH1' });
    expect(selectInactivity(state()).timers.CH1?.phase).toEqual({
      kind: 'paused',
      remainingMs: 35_000,
      warningsSent: 0,
    });
  });
});
