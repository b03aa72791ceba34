import type * as Flex from '@twilio/flex-ui';

import type { InactivityStore } from '../engine/ports';
import { inactivityReducer } from '../state/inactivitySlice';
import type { StateWithInactivity } from '../state/selectors';
import { selectInactivity } from '../state/selectors';

/** The part of Flex's Redux store the plugin uses. */
export type FlexStore = Pick<Flex.Manager['store'], 'getState' | 'dispatch' | 'subscribe'>;

/**
 * Flex's store seen through our slice (Flex types its state without the reducers plugins add). An event our reducer
 * would leave the slice unchanged by is not dispatched: every dispatch runs all of Flex's store subscribers (about
 * 7 ms with 50 chats on the sandbox's Flex), and at start-up one such event per chat (a transfer list that shows no
 * transfer) cost half a second of the agent's page.
 */
export function inactivityStoreOf(store: FlexStore): InactivityStore {
  const getState = (): StateWithInactivity => store.getState() as Flex.FlexState & StateWithInactivity;
  return {
    getState,
    dispatch: (event) => {
      const slice = selectInactivity(getState());
      if (inactivityReducer(slice, event) === slice) return undefined;
      return store.dispatch(event);
    },
    subscribe: (listener) => store.subscribe(listener),
  };
}
