import type { ConversationTimer } from '../core/conversationTimer';
import type { KeyValueStorage } from '../runtime/keyValueStorage';
import { createTimerSerializer, parseStoredTimers } from './storedTimers';

/** Where timers survive a page reload. */
export interface TimerStore {
  /** The timers stored by the previous page, or none. Never throws. */
  load(): ConversationTimer[];
  /**
   * Persists `timers` unless it is the very object saved last: ticks that change nothing never write. Only the timer
   * objects not saved before are serialised.
   */
  save(timers: Readonly<Record<string, ConversationTimer>>): void;
}

export interface TimerStoreOptions {
  /** A getter, because merely touching `window.localStorage` throws when the browser blocks storage. */
  readonly storage: () => KeyValueStorage;
  readonly key: string;
  readonly warn: (message: string) => void;
}

/**
 * A store over Web Storage. When storage is unavailable or full it says so once and keeps working in memory: the
 * timers then only survive as long as the page, which is still better than stopping the countdowns.
 */
export function createTimerStore({ storage, key, warn }: TimerStoreOptions): TimerStore {
  let lastSaved: Readonly<Record<string, ConversationTimer>> | undefined;
  let persisting = true;
  const serialize = createTimerSerializer();

  const fallBackToMemory = (what: string, error: unknown): void => {
    persisting = false;
    const reason = error instanceof Error ? error.message : String(error);
    warn(`Inactivity timers: ${what} (${reason}); timers are kept in memory only and will not survive a reload.`);
  };

  // A copy older than the live state would, after a reload, re-arm warnings already sent: better none at all.
  const forgetStaleCopy = (): void => {
    try {
      storage().removeItem(key);
    } catch {
      // Storage is unusable altogether; there is no stale copy we could reach either.
    }
  };

  return {
    load() {
      let text: string | null;
      try {
        text = storage().getItem(key);
      } catch (error) {
        fallBackToMemory('cannot read localStorage', error);
        return [];
      }
      const reading = parseStoredTimers(text);
      if (reading.problem !== null) warn(`Inactivity timers: ${reading.problem}.`);
      return reading.timers;
    },
    save(timers) {
      if (!persisting || timers === lastSaved) return;
      lastSaved = timers;
      try {
        storage().setItem(key, serialize(timers));
      } catch (error) {
        fallBackToMemory('cannot write localStorage', error);
        forgetStaleCopy();
      }
    },
  };
}
