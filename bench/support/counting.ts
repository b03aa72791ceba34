/**
 * Counting wrappers for the boundaries the benchmarks and the CI invariants watch: store dispatches, storage writes,
 * live subscriptions. Each wrapper passes every call through unchanged and only counts.
 */
import type { AnyAction, Store } from 'redux';

import type { PageVisibility } from '../../src/runtime/pageVisibility';
import type { WakingNowSource } from '../../src/runtime/ticker';
import type { KeyValueStorage } from '../../src/runtime/keyValueStorage';

/** An in-memory Web Storage that counts its writes. */
export interface CountingStorage extends KeyValueStorage {
  readonly writes: number;
  readonly removes: number;
  readonly items: ReadonlyMap<string, string>;
}

export function countingStorage(): CountingStorage {
  const items = new Map<string, string>();
  let writes = 0;
  let removes = 0;
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem(key, value) {
      writes += 1;
      items.set(key, value);
    },
    removeItem(key) {
      removes += 1;
      items.delete(key);
    },
    get writes() {
      return writes;
    },
    get removes() {
      return removes;
    },
    items,
  };
}

/** Live subscriptions of one kind; an unsubscribe called twice counts once, as the real sources behave. */
export interface LiveCount {
  readonly active: number;
  /** Wraps a subscribe result so that its first call decrements the count. */
  track(unsubscribe: () => void): () => void;
}

export function liveCount(): LiveCount {
  let active = 0;
  return {
    get active() {
      return active;
    },
    track(unsubscribe) {
      active += 1;
      let done = false;
      return () => {
        if (!done) {
          done = true;
          active -= 1;
        }
        unsubscribe();
      };
    },
  };
}

/** A NowSource whose live subscriptions are counted. */
export interface CountedNowSource extends WakingNowSource {
  readonly subscriptions: LiveCount;
}

export function countedNowSource(source: WakingNowSource): CountedNowSource {
  const subscriptions = liveCount();
  return {
    now: () => source.now(),
    wakeAt: (at) => source.wakeAt(at),
    subscribe: (listener) => subscriptions.track(source.subscribe(listener)),
    subscriptions,
  };
}

/**
 * The page's visibility for the ticker and the runtime's notice board: always visible, so it never fires (nothing
 * becomes visible), and its listeners are counted.
 */
export function countedVisibility(): PageVisibility & { readonly listeners: LiveCount } {
  const listeners = liveCount();
  return { isVisible: () => true, onVisible: () => listeners.track(() => undefined), listeners };
}

/** A store whose dispatches are counted; everything else is the store itself. */
export interface CountedStore<S, A extends AnyAction> extends Store<S, A> {
  readonly dispatchCount: () => number;
}

export function countedStore<S, A extends AnyAction>(store: Store<S, A>): CountedStore<S, A> {
  let dispatches = 0;
  return {
    ...store,
    dispatch: <T extends A>(action: T): T => {
      dispatches += 1;
      return store.dispatch(action);
    },
    dispatchCount: () => dispatches,
  };
}
