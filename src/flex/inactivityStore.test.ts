import { combineReducers, createStore } from 'redux';

import { trackRequest } from '../core/testing/factories';
import { inactivityEvents } from '../state/inactivityEvents';
import { INACTIVITY_NAMESPACE, inactivityReducer } from '../state/inactivitySlice';
import { selectTimer } from '../state/selectors';
import type { FlexStore } from './inactivityStore';
import { inactivityStoreOf } from './inactivityStore';

const T0 = 1_700_000_000_000;

/** A Redux store with our slice beside another, counting what reaches it and how often its subscribers run. */
function flexLikeStore() {
  const store = createStore(
    combineReducers({ flex: (state: { n: number } = { n: 0 }) => state, [INACTIVITY_NAMESPACE]: inactivityReducer }),
  );
  const counts = { dispatched: 0, notified: 0 };
  store.subscribe(() => (counts.notified += 1));
  const counted: FlexStore = {
    // Flex types its whole state; this store holds only a stand-in beside our slice, which is all the adapter reads.
    getState: store.getState as unknown as FlexStore['getState'],
    subscribe: store.subscribe,
    dispatch: ((action: Parameters<typeof store.dispatch>[0]) => {
      counts.dispatched += 1;
      return store.dispatch(action);
    }) as FlexStore['dispatch'],
  };
  return { store: inactivityStoreOf(counted), counts };
}

describe('flex/inactivityStore', () => {
  it('dispatches an event that changes a timer, and the slice shows it', () => {
    const { store, counts } = flexLikeStore();
    store.dispatch(inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH1', at: T0 })));
    expect(counts).toEqual({ dispatched: 1, notified: 1 });
    expect(selectTimer(store.getState(), 'CH1')).toBeDefined();
  });

  it('keeps Flex subscribers out of an event that changes nothing (a transfer ending where none was pending)', () => {
    const { store, counts } = flexLikeStore();
    store.dispatch(inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH1', at: T0 })));
    const before = store.getState();
    store.dispatch(inactivityEvents.transferEnded({ conversationSid: 'CH1', at: T0 + 1_000 }));
    store.dispatch(inactivityEvents.timerPaused({ conversationSid: 'CH2', at: T0 + 1_000 }));
    expect(counts).toEqual({ dispatched: 1, notified: 1 });
    expect(store.getState()).toBe(before);
  });

  it('still dispatches the same kind of event once it changes something (the transfer was pending)', () => {
    const { store, counts } = flexLikeStore();
    store.dispatch(inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH1', at: T0 })));
    store.dispatch(inactivityEvents.transferStarted({ conversationSid: 'CH1', at: T0 + 1_000 }));
    store.dispatch(inactivityEvents.transferEnded({ conversationSid: 'CH1', at: T0 + 2_000 }));
    expect(counts.dispatched).toBe(3);
    expect(selectTimer(store.getState(), 'CH1')?.phase.kind).not.toBe('transferPending');
  });
});
