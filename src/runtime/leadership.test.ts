import type { Clock, IntervalHandle } from './clock';
import { MemoryStorage } from './keyValueStorage';
import { defaultLeadershipEnvironment, electLeader, mayClaimLease, parseLease } from './leadership';
import type { LockManagerLike } from './leadership';
import { FakeClock } from './testing/fakeClock';

/** A LockManager with one FIFO queue per name: the next request is granted when the holder's promise settles. */
class FakeLockManager implements LockManagerLike {
  private readonly queues = new Map<string, Array<() => void>>();
  private readonly busy = new Set<string>();

  request(name: string, _options: { mode: 'exclusive' }, callback: (lock: unknown) => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        callback({ name })
          .then(resolve, reject)
          .finally(() => this.grantNext(name));
      };
      const queue = this.queues.get(name) ?? [];
      queue.push(grant);
      this.queues.set(name, queue);
      if (!this.busy.has(name)) this.grantNext(name);
    });
  }

  private grantNext(name: string): void {
    const next = this.queues.get(name)?.shift();
    if (next === undefined) this.busy.delete(name);
    else {
      this.busy.add(name);
      next();
    }
  }
}

/**
 * One tab's Worker-driven ticker on a shared FakeClock: a tick every second, delivered only if `minGapMs` has passed
 * since the last delivered one, so `throttle(60_000)` models Chrome's once-a-minute hidden-tab timers.
 */
class TabTicks {
  private readonly listeners = new Set<(now: number) => void>();
  private minGapMs = 0;
  private lastDeliveredAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly clock: FakeClock) {
    clock.setInterval(() => this.tick(), 1_000);
  }

  subscribe(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  throttle(minGapMs: number): void {
    this.minGapMs = minGapMs;
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  private tick(): void {
    const now = this.clock.now();
    if (now - this.lastDeliveredAt < this.minGapMs) return;
    this.lastDeliveredAt = now;
    this.listeners.forEach((listener) => listener(now));
  }
}

/** A tab's clock that may only be read: proves that renewal rides on the ticks and schedules nothing itself. */
function readOnlyClock(shared: FakeClock): Clock & { setInterval: jest.Mock; setTimeout: jest.Mock } {
  return {
    now: () => shared.now(),
    setInterval: jest.fn(),
    clearInterval: () => undefined,
    setTimeout: jest.fn(),
    clearTimeout: () => undefined,
  };
}

/** One tab's view of a shared FakeClock; crash() clears only this tab's timers, like a tab that froze or died. */
function tabClock(shared: FakeClock): Clock & { crash(): void } {
  const handles = new Set<IntervalHandle>();
  return {
    now: () => shared.now(),
    setInterval: (callback, ms) => {
      const handle = shared.setInterval(callback, ms);
      handles.add(handle);
      return handle;
    },
    clearInterval: (handle) => {
      handles.delete(handle);
      shared.clearInterval(handle);
    },
    setTimeout: (callback, ms) => shared.setTimeout(callback, ms),
    clearTimeout: (handle) => shared.clearTimeout(handle),
    crash: () => handles.forEach((handle) => shared.clearInterval(handle)),
  };
}

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const NAME = 'inactivity-leader:v1:WK0001';
const leaseIn = (storage: MemoryStorage) => parseLease(storage.getItem(NAME));

describe('runtime/leadership', () => {
  describe('web-locks', () => {
    function twoTabs() {
      const locks = new FakeLockManager();
      const clock = new FakeClock();
      const storage = new MemoryStorage();
      const warn = jest.fn();
      const first = electLeader({ name: NAME, clock, locks, storage: () => storage, warn });
      const second = electLeader({ name: NAME, clock, locks, storage: () => storage, warn });
      return { first, second, clock, storage, warn };
    }

    it('makes the first tab leader and keeps the second waiting, never touching the storage lease', async () => {
      const { first, second, clock, storage, warn } = twoTabs();
      await flushPromises();
      clock.advance(60_000);
      expect(storage.getItem(NAME)).toBeNull();
      expect(clock.pendingTimers()).toBe(0);
      expect(first.isLeader()).toBe(true);
      expect(second.isLeader()).toBe(false);
      expect(warn).not.toHaveBeenCalled();
    });

    it('promotes the second tab when the first releases, notifying both', async () => {
      const { first, second } = twoTabs();
      const firstHeard = jest.fn();
      const secondHeard = jest.fn();
      await flushPromises();
      first.subscribe(firstHeard);
      second.subscribe(secondHeard);
      first.release();
      await flushPromises();
      expect(first.isLeader()).toBe(false);
      expect(second.isLeader()).toBe(true);
      expect(firstHeard).toHaveBeenCalledWith(false);
      expect(secondHeard).toHaveBeenCalledWith(true);
    });

    it('passes the lock straight on when a waiting tab releases before being granted', async () => {
      const locks = new FakeLockManager();
      const clock = new FakeClock();
      const first = electLeader({ name: NAME, clock, locks });
      const second = electLeader({ name: NAME, clock, locks });
      const third = electLeader({ name: NAME, clock, locks });
      const secondHeard = jest.fn();
      second.subscribe(secondHeard);
      await flushPromises();
      second.release();
      first.release();
      await flushPromises();
      expect(second.isLeader()).toBe(false);
      expect(secondHeard).not.toHaveBeenCalled();
      expect(third.isLeader()).toBe(true);
    });

    it('falls back to the storage lease, with a warning, when the lock request is refused', async () => {
      const warn = jest.fn();
      const locks: LockManagerLike = { request: () => Promise.reject(new Error('SecurityError')) };
      const storage = new MemoryStorage();
      const clock = new FakeClock();
      const ticks = new TabTicks(clock);
      const leadership = electLeader({ name: NAME, clock, locks, storage: () => storage, ticks, tabId: 'tab-a', warn });
      expect(storage.getItem(NAME)).toBeNull();
      expect(ticks.subscribers).toBe(0);
      await flushPromises();
      expect(leaseIn(storage)?.tabId).toBe('tab-a');
      expect(ticks.subscribers).toBe(1);
      expect(leadership.isLeader()).toBe(true);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Web Locks request failed/));
    });

    it('queues again when a held lock is taken away', async () => {
      let rejectHeld: (error: unknown) => void = () => undefined;
      let requests = 0;
      const locks: LockManagerLike = {
        request: (_name, _options, callback) => {
          requests += 1;
          if (requests > 1) return new Promise<void>(() => undefined);
          void callback({});
          return new Promise<void>((_resolve, reject) => {
            rejectHeld = reject;
          });
        },
      };
      const storage = new MemoryStorage();
      const leadership = electLeader({
        name: NAME,
        clock: new FakeClock(),
        locks,
        storage: () => storage,
        warn: jest.fn(),
      });
      expect(leadership.isLeader()).toBe(true);
      rejectHeld(new Error('AbortError: stolen'));
      await flushPromises();
      expect(leadership.isLeader()).toBe(false);
      expect(requests).toBe(2);
      expect(storage.getItem(NAME)).toBeNull();
    });
  });

  describe('storage-lease renewed by clock.setInterval (no ticks given)', () => {
    function twoTabs(leaseMs = 6_000) {
      const clock = new FakeClock(0);
      const storage = new MemoryStorage();
      const tabs = ['tab-a', 'tab-b'].map((tabId) => {
        const own = tabClock(clock);
        const leadership = electLeader({ name: NAME, clock: own, storage: () => storage, tabId, leaseMs });
        return { leadership, clock: own };
      });
      const [a, b] = tabs;
      if (a === undefined || b === undefined) throw new Error('two tabs expected');
      return { clock, storage, a, b };
    }

    it('elects exactly one of two tabs, and keeps it while it renews', () => {
      const { clock, a, b } = twoTabs();
      expect([a.leadership.isLeader(), b.leadership.isLeader()]).toEqual([true, false]);
      clock.advance(60_000);
      expect([a.leadership.isLeader(), b.leadership.isLeader()]).toEqual([true, false]);
    });

    it('lets the other tab take over only after the lease of a leader that stopped renewing expires', () => {
      const { clock, storage, a, b } = twoTabs();
      clock.advanceTo(4_000);
      a.clock.crash();
      expect(parseLease(storage.getItem(NAME))).toEqual({ tabId: 'tab-a', expiresAt: 10_000 });
      clock.advanceTo(9_999);
      expect([a.leadership.isLeader(), b.leadership.isLeader()]).toEqual([true, false]);
      clock.advanceTo(10_000);
      expect(a.leadership.isLeader()).toBe(false);
      expect(b.leadership.isLeader()).toBe(true);
      expect(parseLease(storage.getItem(NAME))?.tabId).toBe('tab-b');
    });

    it('hands over at the next renewal after the leader releases, removing its lease', () => {
      const { clock, storage, a, b } = twoTabs();
      const heard = jest.fn();
      b.leadership.subscribe(heard);
      clock.advanceTo(1_000);
      a.leadership.release();
      expect(storage.getItem(NAME)).toBeNull();
      clock.advanceTo(1_999);
      expect(b.leadership.isLeader()).toBe(false);
      clock.advanceTo(2_000);
      expect(b.leadership.isLeader()).toBe(true);
      expect(heard).toHaveBeenCalledWith(true);
    });

    it('steps a stale leader down when it finds another tab holding a live lease', () => {
      const { clock, storage, a } = twoTabs();
      const heard = jest.fn();
      a.leadership.subscribe(heard);
      storage.setItem(NAME, JSON.stringify({ tabId: 'tab-c', expiresAt: 100_000 }));
      clock.advance(2_000);
      expect(a.leadership.isLeader()).toBe(false);
      expect(heard).toHaveBeenCalledWith(false);
    });

    it('does not remove a lease that is not ours on release', () => {
      const { storage, b } = twoTabs();
      b.leadership.release();
      expect(parseLease(storage.getItem(NAME))?.tabId).toBe('tab-a');
    });

    it('keeps its role while its last claim lasts when storage throws, warns once, then steps down', () => {
      const clock = new FakeClock();
      const warn = jest.fn();
      const heard = jest.fn();
      let broken = false;
      const storage = new MemoryStorage();
      const leadership = electLeader({
        name: NAME,
        clock,
        warn,
        storage: () => {
          if (broken) throw new Error('QuotaExceededError');
          return storage;
        },
      });
      leadership.subscribe(heard);
      broken = true;
      clock.advanceTo(5_999);
      expect(leadership.isLeader()).toBe(true);
      expect(heard).not.toHaveBeenCalled();
      clock.advanceTo(6_000);
      expect(leadership.isLeader()).toBe(false);
      expect(heard).toHaveBeenCalledWith(false);
      expect(warn).toHaveBeenCalledTimes(1);
      leadership.release();
      expect(clock.pendingTimers()).toBe(0);
    });

    it('release stops renewing and leaves no timer behind', () => {
      const { clock, a, b } = twoTabs();
      a.leadership.release();
      b.leadership.release();
      expect(clock.pendingTimers()).toBe(0);
      expect(a.leadership.isLeader()).toBe(false);
    });

    it('rejects a non-positive lease', () => {
      expect(() => electLeader({ name: NAME, clock: new FakeClock(), leaseMs: 0 })).toThrow(RangeError);
    });
  });

  describe('storage-lease renewed by ticks', () => {
    function tab(clock: FakeClock, storage: MemoryStorage, tabId: string) {
      const ticks = new TabTicks(clock);
      const ownClock = readOnlyClock(clock);
      const leadership = electLeader({ name: NAME, clock: ownClock, storage: () => storage, tabId, ticks });
      const heard = jest.fn();
      leadership.subscribe(heard);
      return { leadership, ticks, clock: ownClock, heard };
    }

    it('renews from the ticks once a third of the lease has passed, scheduling no timer of its own', () => {
      const clock = new FakeClock(0);
      const storage = new MemoryStorage();
      const writes = jest.spyOn(storage, 'setItem');
      const a = tab(clock, storage, 'tab-a');
      clock.advanceTo(10_000);
      // Claims at 0, 2 s, 4 s, 6 s, 8 s and 10 s; the ticks in between only check.
      expect(writes).toHaveBeenCalledTimes(6);
      expect(leaseIn(storage)).toEqual({ tabId: 'tab-a', expiresAt: 16_000 });
      clock.advanceTo(60_000);
      expect(a.leadership.isLeader()).toBe(true);
      expect(a.clock.setInterval).not.toHaveBeenCalled();
      expect(a.clock.setTimeout).not.toHaveBeenCalled();
    });

    it('never has two leaders while the holder is throttled, and hands over when its lease expires', () => {
      const clock = new FakeClock(0);
      const storage = new MemoryStorage();
      const a = tab(clock, storage, 'tab-a');
      const b = tab(clock, storage, 'tab-b');
      clock.advanceTo(4_500);
      expect([a.leadership.isLeader(), b.leadership.isLeader()]).toEqual([true, false]);
      expect(leaseIn(storage)).toEqual({ tabId: 'tab-a', expiresAt: 10_000 });

      a.ticks.throttle(60_000);
      let aLostAt: number | null = null;
      let bWonAt: number | null = null;
      while (clock.now() < 70_000) {
        clock.advance(100);
        const [aLeads, bLeads] = [a.leadership.isLeader(), b.leadership.isLeader()];
        expect({ at: clock.now(), both: aLeads && bLeads }).toEqual({ at: clock.now(), both: false });
        if (!aLeads) aLostAt ??= clock.now();
        if (bLeads) bWonAt ??= clock.now();
      }

      expect(aLostAt).toBe(10_000);
      expect(bWonAt).toBe(10_000);
      expect(leaseIn(storage)?.tabId).toBe('tab-b');
      // A's first throttled tick (at 64 s) found B's live lease: only then were A's subscribers told.
      expect(a.heard.mock.calls).toEqual([[false]]);
      expect(b.heard.mock.calls).toEqual([[true]]);
    });

    it('stops reporting leader at once when another tab has overwritten its lease, and tells subscribers next tick', () => {
      const clock = new FakeClock(0);
      const storage = new MemoryStorage();
      const a = tab(clock, storage, 'tab-a');
      clock.advanceTo(500);
      // Both tabs passed their read-back: the other tab wrote last.
      storage.setItem(NAME, JSON.stringify({ tabId: 'tab-c', expiresAt: 6_500 }));
      expect(a.leadership.isLeader()).toBe(false);
      expect(a.heard).not.toHaveBeenCalled();
      clock.advanceTo(1_000);
      expect(a.heard.mock.calls).toEqual([[false]]);
    });

    it('reclaims a lease that lapsed while throttled if no other tab took it, but does not lead during the gap', () => {
      const clock = new FakeClock(0);
      const storage = new MemoryStorage();
      const a = tab(clock, storage, 'tab-a');
      a.ticks.throttle(60_000);
      clock.advanceTo(5_999);
      expect(a.leadership.isLeader()).toBe(true);
      clock.advanceTo(6_000);
      expect(a.leadership.isLeader()).toBe(false);
      // Its ticks came at 1 s, then not before 61 s.
      clock.advanceTo(60_999);
      expect(a.leadership.isLeader()).toBe(false);
      clock.advanceTo(61_000);
      expect(a.leadership.isLeader()).toBe(true);
      expect(leaseIn(storage)).toEqual({ tabId: 'tab-a', expiresAt: 67_000 });
    });

    it('release unsubscribes from the ticks and removes its lease', () => {
      const clock = new FakeClock(0);
      const storage = new MemoryStorage();
      const a = tab(clock, storage, 'tab-a');
      const b = tab(clock, storage, 'tab-b');
      a.leadership.release();
      b.leadership.release();
      expect([a.ticks.subscribers, b.ticks.subscribers]).toEqual([0, 0]);
      expect(storage.getItem(NAME)).toBeNull();
      expect(a.leadership.isLeader()).toBe(false);
      expect(a.heard.mock.calls).toEqual([[false]]);
    });
  });

  describe('single-tab', () => {
    it('is always leader, warns once, and release cleans up', () => {
      const clock = new FakeClock();
      const warn = jest.fn();
      const leadership = electLeader({ name: NAME, clock, warn });
      const heard = jest.fn();
      leadership.subscribe(heard);
      expect(leadership.isLeader()).toBe(true);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/neither Web Locks nor localStorage/));
      leadership.release();
      leadership.release();
      expect(leadership.isLeader()).toBe(false);
      expect(heard).toHaveBeenCalledTimes(1);
      expect(clock.pendingTimers()).toBe(0);
    });
  });

  it('isolates a throwing subscriber from the others', () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const leadership = electLeader({ name: NAME, clock: new FakeClock(), warn: jest.fn() });
    const heard = jest.fn();
    leadership.subscribe(() => {
      throw new Error('boom');
    });
    leadership.subscribe(heard);
    leadership.release();
    expect(heard).toHaveBeenCalledWith(false);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  describe('lease decisions (pure)', () => {
    it('may claim a missing, own or expired lease, but not a live foreign one', () => {
      expect(mayClaimLease(null, 'a', 0)).toBe(true);
      expect(mayClaimLease({ tabId: 'a', expiresAt: 10 }, 'a', 5)).toBe(true);
      expect(mayClaimLease({ tabId: 'b', expiresAt: 10 }, 'a', 9)).toBe(false);
      expect(mayClaimLease({ tabId: 'b', expiresAt: 10 }, 'a', 10)).toBe(true);
    });

    it('treats malformed stored leases as none', () => {
      expect(parseLease('{"tabId":"a","expiresAt":5}')).toEqual({ tabId: 'a', expiresAt: 5 });
      expect(parseLease('not json')).toBeNull();
      expect(parseLease('{"tabId":1,"expiresAt":5}')).toBeNull();
      expect(parseLease('null')).toBeNull();
      expect(parseLease(null)).toBeNull();
    });
  });

  describe('defaultLeadershipEnvironment', () => {
    it('offers jsdom localStorage and no Web Locks', () => {
      const environment = defaultLeadershipEnvironment();
      expect(environment.locks).toBeUndefined();
      expect(environment.storage?.()).toBe(window.localStorage);
    });

    it('omits storage when reaching it throws', () => {
      const spy = jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
        throw new Error('SecurityError');
      });
      expect(defaultLeadershipEnvironment().storage).toBeUndefined();
      spy.mockRestore();
    });

    it('passes navigator.locks through when present', () => {
      const locks = new FakeLockManager();
      Object.defineProperty(navigator, 'locks', { configurable: true, value: locks });
      try {
        expect(defaultLeadershipEnvironment().locks).toBe(locks);
      } finally {
        Reflect.deleteProperty(navigator, 'locks');
      }
    });
  });
});
