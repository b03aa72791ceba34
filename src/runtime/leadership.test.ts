import type { Clock, IntervalHandle } from './clock';
import { defaultLeadershipEnvironment, electLeader, mayClaimLease, parseLease } from './leadership';
import type { LockManagerLike, StorageLike } from './leadership';
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

/** A Map-backed localStorage shared by the "tabs" of a test. */
class FakeStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
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

describe('runtime/leadership', () => {
  describe('web-locks', () => {
    function twoTabs() {
      const locks = new FakeLockManager();
      const clock = new FakeClock();
      const warn = jest.fn();
      const first = electLeader({ name: NAME, clock, locks, warn });
      const second = electLeader({ name: NAME, clock, locks, warn });
      return { first, second, clock, warn };
    }

    it('makes the first tab leader and keeps the second waiting', async () => {
      const { first, second, warn } = twoTabs();
      await flushPromises();
      expect(first.mechanism).toBe('web-locks');
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
      const storage = new FakeStorage();
      const leadership = electLeader({ name: NAME, clock: new FakeClock(), locks, storage: () => storage, warn });
      expect(leadership.mechanism).toBe('web-locks');
      await flushPromises();
      expect(leadership.mechanism).toBe('storage-lease');
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
      const leadership = electLeader({ name: NAME, clock: new FakeClock(), locks, warn: jest.fn() });
      expect(leadership.isLeader()).toBe(true);
      rejectHeld(new Error('AbortError: stolen'));
      await flushPromises();
      expect(leadership.isLeader()).toBe(false);
      expect(leadership.mechanism).toBe('web-locks');
      expect(requests).toBe(2);
    });
  });

  describe('storage-lease', () => {
    function twoTabs(leaseMs = 6_000) {
      const clock = new FakeClock(0);
      const storage = new FakeStorage();
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
      expect(a.leadership.mechanism).toBe('storage-lease');
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
      expect(b.leadership.isLeader()).toBe(false);
      clock.advanceTo(10_000);
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
      storage.setItem(NAME, JSON.stringify({ tabId: 'tab-c', expiresAt: 100_000 }));
      clock.advance(2_000);
      expect(a.leadership.isLeader()).toBe(false);
    });

    it('does not remove a lease that is not ours on release', () => {
      const { storage, b } = twoTabs();
      b.leadership.release();
      expect(parseLease(storage.getItem(NAME))?.tabId).toBe('tab-a');
    });

    it('keeps its role and warns once when storage throws', () => {
      const clock = new FakeClock();
      const warn = jest.fn();
      let broken = false;
      const storage = new FakeStorage();
      const leadership = electLeader({
        name: NAME,
        clock,
        warn,
        storage: () => {
          if (broken) throw new Error('QuotaExceededError');
          return storage;
        },
      });
      broken = true;
      clock.advance(10_000);
      expect(leadership.isLeader()).toBe(true);
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

  describe('single-tab', () => {
    it('is always leader, warns once, and release cleans up', () => {
      const clock = new FakeClock();
      const warn = jest.fn();
      const leadership = electLeader({ name: NAME, clock, warn });
      const heard = jest.fn();
      leadership.subscribe(heard);
      expect(leadership.mechanism).toBe('single-tab');
      expect(leadership.isLeader()).toBe(true);
      expect(warn).toHaveBeenCalledTimes(1);
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
