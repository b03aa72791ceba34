import { originalPolicy } from '../core/testing/factories';
import { fakeStore } from '../flex/testing/fakeFlex';
import type { StorageChanges } from '../runtime/browserTabs';
import type { KeyValueStorage } from '../runtime/keyValueStorage';
import { inactivityEvents } from '../state/inactivityEvents';
import { selectInactivity } from '../state/selectors';
import { parseStoredTimers, storageKeyFor } from '../state/storedTimers';
import { createTimerStore } from '../state/timerStorage';
import { startTimerMirror, startTimerWriter } from './persistence';
import type { InactivityStore } from './ports';

const KEY = storageKeyFor('AC1', 'WK1');
const T0 = 1_700_000_000_000;
const CHATS = 50;

/** One tab's view of a shared in-memory localStorage, its writes counted. */
function setup({ acting = true, stored }: { acting?: boolean; stored?: string } = {}) {
  const items = new Map<string, string>();
  if (stored !== undefined) items.set(KEY, stored);
  const storage: KeyValueStorage = {
    getItem: (key) => items.get(key) ?? null,
    setItem: jest.fn((key: string, value: string) => {
      items.set(key, value);
    }),
    removeItem: (key) => {
      items.delete(key);
    },
  };
  const store = fakeStore();
  const timerStore = createTimerStore({ storage: () => storage, key: KEY, warn: jest.fn() });
  const isActing = jest.fn(() => acting);
  return {
    store,
    timerStore,
    isActing,
    items,
    writes: (): number => (storage.setItem as jest.Mock).mock.calls.length,
    /** The timers storage holds, as the next page would load them. */
    stored: () => parseStoredTimers(items.get(KEY) ?? null).timers,
    /** The timers the store holds, in the order they are saved. */
    live: () => Object.values(selectInactivity(store.getState()).timers),
  };
}

function track(store: InactivityStore, n: number): void {
  store.dispatch(
    inactivityEvents.conversationTracked({
      conversationSid: `CH${n}`,
      reservationSid: `WR${n}`,
      taskSid: `WT${n}`,
      channelType: 'web',
      policy: originalPolicy(),
      at: T0,
    }),
  );
}

function reconcile(store: InactivityStore, n: number): void {
  store.dispatch(inactivityEvents.historyRead({ conversationSid: `CH${n}`, messages: [] }));
}

const chats = Array.from({ length: CHATS }, (_, i) => i + 1);

/** Lets the current task end: every microtask queued so far (and those they queue) runs first. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Counts the characters JSON.stringify produces while `work` runs. */
async function charactersSerialised(work: () => Promise<void>): Promise<number> {
  const original = JSON.stringify.bind(JSON);
  let characters = 0;
  const spy = jest.spyOn(JSON, 'stringify').mockImplementation((...args: Parameters<typeof JSON.stringify>) => {
    const text = original(...args);
    characters += text.length;
    return text;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return characters;
}

describe('engine/persistence', () => {
  describe('startTimerWriter: cost proportional to what changed', () => {
    it(`serialises each changed timer once, not every timer on every change, for ${CHATS} chats reconciled one task after another`, async () => {
      const tab = setup();
      const stop = startTimerWriter(tab.store, tab.timerStore, tab.isActing);

      const characters = await charactersSerialised(async () => {
        chats.forEach((n) => track(tab.store, n));
        await nextTask();
        for (const n of chats) {
          reconcile(tab.store, n);
          await nextTask();
        }
      });

      const documentLength = (tab.items.get(KEY) ?? '').length;
      // Each timer is serialised when tracked and when reconciled: about two documents' worth. Re-serialising all
      // timers on each change was about (50 × 51 / 2 + 50 × 50) / 50 ≈ 75 documents' worth.
      expect(characters).toBeLessThan(3 * documentLength);
      expect(tab.stored()).toEqual(tab.live());
      stop();
    });

    it(`writes a burst of ${CHATS} changes made in one task at most twice, not ${CHATS} times`, async () => {
      const tab = setup();
      const stop = startTimerWriter(tab.store, tab.timerStore, tab.isActing);
      const before = tab.writes();

      chats.forEach((n) => track(tab.store, n));
      await Promise.resolve();

      expect(tab.writes() - before).toBeLessThanOrEqual(2);
      expect(tab.stored()).toHaveLength(CHATS);
      expect(tab.stored()).toEqual(tab.live());
      stop();
    });

    it('asks leadership at most twice per task however many changes it makes', async () => {
      const tab = setup();
      const stop = startTimerWriter(tab.store, tab.timerStore, tab.isActing);
      tab.isActing.mockClear();

      chats.forEach((n) => track(tab.store, n));
      await Promise.resolve();

      expect(tab.isActing.mock.calls.length).toBeLessThanOrEqual(2);
      stop();
    });
  });

  describe('startTimerWriter: durability', () => {
    it('has the first change of a task in storage as soon as it is dispatched', () => {
      const tab = setup();
      const stop = startTimerWriter(tab.store, tab.timerStore, tab.isActing);
      track(tab.store, 1);
      expect(tab.stored()).toEqual(tab.live());
      stop();
    });

    it('has every change of a task in storage by the end of the microtasks queued in that task', async () => {
      const tab = setup();
      const stop = startTimerWriter(tab.store, tab.timerStore, tab.isActing);
      track(tab.store, 1);
      track(tab.store, 2);
      reconcile(tab.store, 1);
      await Promise.resolve();
      expect(tab.stored()).toEqual(tab.live());
      expect(tab.stored().map((timer) => timer.history)).toEqual(['reconciled', 'unread']);
      stop();
    });

    it('has each reconciled history in storage by the end of the task that read it', async () => {
      const tab = setup();
      const stop = startTimerWriter(tab.store, tab.timerStore, tab.isActing);
      chats.forEach((n) => track(tab.store, n));
      await nextTask();
      for (const n of chats.slice(0, 3)) {
        // A history read resolves in a promise callback of its own task, as the Conversations SDK's do.
        await Promise.resolve().then(() => reconcile(tab.store, n));
        expect(tab.stored().find((timer) => timer.conversationSid === `CH${n}`)?.history).toBe('reconciled');
        await nextTask();
      }
      stop();
    });

    it('saves the latest timers when stopped mid-task, and nothing after', async () => {
      const tab = setup();
      const stop = startTimerWriter(tab.store, tab.timerStore, tab.isActing);
      track(tab.store, 1);
      track(tab.store, 2);
      stop();
      expect(tab.stored()).toEqual(tab.live());
      const writes = tab.writes();

      track(tab.store, 3);
      await nextTask();
      expect(tab.writes()).toBe(writes);
      expect(tab.stored()).toHaveLength(2);
    });

    it('writes nothing, and asks nothing, when the store changes but the timers do not (a quiet tick, a Flex action)', async () => {
      const tab = setup();
      track(tab.store, 1);
      const stop = startTimerWriter(tab.store, tab.timerStore, tab.isActing);
      const writes = tab.writes();
      tab.isActing.mockClear();

      tab.store.dispatch(inactivityEvents.timerPaused({ conversationSid: 'CH-unknown', at: T0 }));
      track(tab.store, 1); // Already tracked under the same reservation: the state is the very same object.
      await nextTask();

      expect(tab.writes()).toBe(writes);
      expect(tab.isActing).not.toHaveBeenCalled();
      stop();
    });

    it('never writes once its lead has lapsed, and leaves what the new acting tab saved', async () => {
      const tab = setup();
      const stop = startTimerWriter(tab.store, tab.timerStore, tab.isActing);
      track(tab.store, 1);
      await nextTask();
      const writes = tab.writes();
      const savedByOther = tab.items.get(KEY);
      tab.isActing.mockReturnValue(false);

      track(tab.store, 2);
      track(tab.store, 3);
      await nextTask();

      expect(tab.writes()).toBe(writes);
      expect(tab.items.get(KEY)).toBe(savedByOther);
      stop();
    });
  });

  describe('startTimerMirror', () => {
    it('shows what the acting tab saved and never writes, even with a writer whose tab does not act', async () => {
      const acting = setup();
      const stopActing = startTimerWriter(acting.store, acting.timerStore, acting.isActing);
      chats.forEach((n) => track(acting.store, n));
      await nextTask();

      const mirror = setup({ acting: false, stored: acting.items.get(KEY) });
      const listeners = new Set<() => void>();
      const changes: StorageChanges = {
        onChange: (_key, listener) => {
          const each = (): void => listener(mirror.items.get(KEY) ?? null);
          listeners.add(each);
          return () => listeners.delete(each);
        },
      };
      const stopMirror = startTimerMirror({
        store: mirror.store,
        timerStore: mirror.timerStore,
        storageChanges: changes,
        timersKey: KEY,
      });
      const stopIdleWriter = startTimerWriter(mirror.store, mirror.timerStore, mirror.isActing);
      expect(mirror.live()).toHaveLength(CHATS);

      reconcile(acting.store, 1);
      await nextTask();
      mirror.items.set(KEY, acting.items.get(KEY) ?? '');
      listeners.forEach((each) => each());
      await nextTask();

      expect(mirror.live()).toEqual(acting.live());
      expect(mirror.writes()).toBe(0);
      stopIdleWriter();
      stopMirror();
      stopActing();
    });
  });
});
