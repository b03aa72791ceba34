import { originalPolicy } from '../core/testing/factories';
import type { ConversationTimer } from '../core/conversationTimer';
import { startTimer } from '../core/conversationTimer';
import type { KeyValueStorage } from '../runtime/keyValueStorage';
import { parseStoredTimers, serializeTimers, STORAGE_VERSION, storageKeyFor } from './storedTimers';
import { createTimerStore } from './timerStorage';

const KEY = storageKeyFor('AC1', 'WK1');
const T0 = 1_700_000_000_000;

function timer(conversationSid = 'CH1'): ConversationTimer {
  return startTimer({
    conversationSid,
    reservationSid: `WR-${conversationSid}`,
    taskSid: `WT-${conversationSid}`,
    channelType: 'web',
    policy: originalPolicy({ timerMs: 60_000 }),
    at: T0,
  });
}

function keyed(...timers: readonly ConversationTimer[]): Record<string, ConversationTimer> {
  return Object.fromEntries(timers.map((t) => [t.conversationSid, t]));
}

interface Setup {
  /** What the storage holds under KEY before the store is created. */
  readonly stored?: string;
  /** Thrown by the `storage` getter (browser blocks storage). */
  readonly getterThrows?: Error;
  /** Thrown by `setItem` (quota). */
  readonly setItemThrows?: Error;
}

/** A store over an in-memory fake of localStorage, with every interaction counted. */
function setup({ stored, getterThrows, setItemThrows }: Setup = {}) {
  const items = new Map<string, string>();
  if (stored !== undefined) items.set(KEY, stored);
  const fake: KeyValueStorage = {
    getItem: jest.fn((key: string) => items.get(key) ?? null),
    setItem: jest.fn((key: string, value: string) => {
      if (setItemThrows !== undefined) throw setItemThrows;
      items.set(key, value);
    }),
    removeItem: jest.fn((key: string) => {
      items.delete(key);
    }),
  };
  const storage = jest.fn((): KeyValueStorage => {
    if (getterThrows !== undefined) throw getterThrows;
    return fake;
  });
  const warn = jest.fn<void, [string]>();
  const store = createTimerStore({ storage, key: KEY, warn });
  return { store, storage, fake, items, warn };
}

function quotaExceeded(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

describe('state/timerStorage', () => {
  describe('load', () => {
    it('gives no timers and no warning when nothing is stored', () => {
      const { store, fake, warn } = setup();
      expect(store.load()).toEqual([]);
      expect(fake.getItem).toHaveBeenCalledWith(KEY);
      expect(warn).not.toHaveBeenCalled();
    });

    it('gives back the stored timers', () => {
      const timers = [timer('CH1'), timer('CH2')];
      const { store, warn } = setup({ stored: serializeTimers(keyed(...timers)) });
      expect(store.load()).toEqual(timers);
      expect(warn).not.toHaveBeenCalled();
    });

    it('warns once, naming the problem, when the stored value is corrupted, and the next save overwrites it', () => {
      const { store, fake, items, warn } = setup({ stored: '{"version":2,"timers":[{' });
      expect(store.load()).toEqual([]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatch(/not valid JSON/);

      const timers = keyed(timer());
      store.save(timers);
      expect(fake.setItem).toHaveBeenCalledTimes(1);
      expect(parseStoredTimers(items.get(KEY) ?? null)).toEqual({ timers: [timer()], problem: null });
      expect(warn).toHaveBeenCalledTimes(1);
    });

    it('warns about malformed entries and keeps the valid ones', () => {
      const stored = JSON.stringify({ version: STORAGE_VERSION, timers: [timer(), { conversationSid: 'CH2' }] });
      const { store, warn } = setup({ stored });
      expect(store.load()).toEqual([timer()]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toContain('1 stored timer(s) were malformed');
    });

    it('warns once about a document of an older version, starts without it, and the next save replaces it', () => {
      const v1 = JSON.stringify({ version: 1, timers: [{ conversationSid: 'CH1', countdown: { kind: 'running' } }] });
      const { store, items, warn } = setup({ stored: v1 });
      expect(store.load()).toEqual([]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toContain('version 1, this plugin reads version 2');

      store.save(keyed(timer()));
      expect(parseStoredTimers(items.get(KEY) ?? null)).toEqual({ timers: [timer()], problem: null });
    });
  });

  describe('save', () => {
    it('writes once under the key, and not again for the very same object', () => {
      const { store, fake, items } = setup();
      const timers = keyed(timer());
      store.save(timers);
      store.save(timers);
      store.save(timers);
      expect(fake.setItem).toHaveBeenCalledTimes(1);
      expect(items.get(KEY)).toBe(serializeTimers(timers));
    });

    it('writes a different object, even with equal contents', () => {
      const { store, fake, items } = setup();
      store.save(keyed(timer('CH1')));
      store.save(keyed(timer('CH1')));
      const latest = keyed(timer('CH1'), timer('CH2'));
      store.save(latest);
      expect(fake.setItem).toHaveBeenCalledTimes(3);
      expect(parseStoredTimers(items.get(KEY) ?? null).timers).toEqual([timer('CH1'), timer('CH2')]);
    });

    it('survives a reload: what one store saved, the next one loads', () => {
      const first = setup();
      first.store.save(keyed(timer('CH1')));
      const second = setup({ stored: first.items.get(KEY) });
      expect(second.store.load()).toEqual([timer('CH1')]);
    });
  });

  describe('when storage is blocked', () => {
    const blocked = new DOMException('The operation is insecure.', 'SecurityError');

    it('loads nothing, warns once, and never touches storage again', () => {
      const { store, storage, warn } = setup({ getterThrows: blocked });
      expect(store.load()).toEqual([]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatch(/cannot read localStorage/);
      expect(warn.mock.calls[0]?.[0]).toContain('The operation is insecure.');

      const callsAfterLoad = storage.mock.calls.length;
      expect(() => store.save(keyed(timer('CH1')))).not.toThrow();
      store.save(keyed(timer('CH2')));
      expect(storage).toHaveBeenCalledTimes(callsAfterLoad);
      expect(warn).toHaveBeenCalledTimes(1);
    });

    it('warns once when the first access is a save', () => {
      const { store, storage, warn } = setup({ getterThrows: new Error('blocked') });
      store.save(keyed(timer('CH1')));
      store.save(keyed(timer('CH2')));
      // One failed write, then one attempt to drop a stale copy; nothing after that.
      expect(storage).toHaveBeenCalledTimes(2);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatch(/cannot write localStorage \(blocked\)/);
    });
  });

  describe('when storage is full', () => {
    it.each([
      ['a DOMException named QuotaExceededError', quotaExceeded()],
      ['an Error', new Error('quota exceeded')],
    ])('warns exactly once for %s, then keeps working without writing', (_what, failure) => {
      const { store, fake, warn } = setup({ setItemThrows: failure });
      expect(() => store.save(keyed(timer('CH1')))).not.toThrow();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatch(/cannot write localStorage/);
      expect(warn.mock.calls[0]?.[0]).toMatch(/quota/i);

      expect(() => store.save(keyed(timer('CH2')))).not.toThrow();
      expect(() => store.save(keyed(timer('CH3')))).not.toThrow();
      expect(fake.setItem).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledTimes(1);
    });

    it('drops the older stored copy, so a reload never restores state behind the live one', () => {
      const { store, fake } = setup({ stored: serializeTimers(keyed(timer('CH1'))), setItemThrows: quotaExceeded() });
      expect(store.load()).toEqual([timer('CH1')]);
      store.save(keyed(timer('CH2')));
      expect(fake.removeItem).toHaveBeenCalledTimes(1);
      expect(fake.getItem(KEY)).toBeNull();
    });
  });
});
