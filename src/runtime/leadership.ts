/**
 * Leader election between the agent's Flex tabs: exactly one tab acts (sends warnings, wraps up), the others only
 * display. Web Locks when available, else a renewed localStorage lease, else this tab alone.
 */
import { randomId } from './browserTabs';
import type { Clock } from './clock';
import { requirePositiveMs } from './clock';
import { browserStorage } from './keyValueStorage';
import type { KeyValueStorage } from './keyValueStorage';
import type { NowSource } from './ticker';

/** This tab's view of the election. */
export interface Leadership {
  /**
   * Whether this tab should act right now. With the storage lease it is exact at every moment (it never outlives this
   * tab's lease), even if no tick or renewal has run lately; call it right before acting.
   */
  isLeader(): boolean;
  /**
   * Calls `listener` when this tab gains or loses leadership (not with the current value); returns unsubscribe. With
   * the storage lease a change is heard at the next tick or renewal, so it may trail {@link Leadership.isLeader}.
   */
  subscribe(listener: (leader: boolean) => void): () => void;
  /** Gives leadership up for good and removes every timer and listener; subscribers hear `false` if we led. */
  release(): void;
}

/** The part of `navigator.locks` used here. */
export interface LockManagerLike {
  request(name: string, options: { mode: 'exclusive' }, callback: (lock: unknown) => Promise<void>): Promise<void>;
}

/** Where leadership can be coordinated; both optional. */
export interface LeadershipEnvironment {
  locks?: LockManagerLike;
  /** A getter, because merely reading `window.localStorage` can throw (blocked storage). */
  storage?: () => KeyValueStorage;
}

/** Options of {@link electLeader}. */
export interface ElectLeaderOptions extends LeadershipEnvironment {
  /** Lock name and storage key; scope and version it (e.g. per worker). */
  name: string;
  clock: Clock;
  /** Identifies this tab in the storage lease; random by default. */
  tabId?: string;
  /**
   * How long a storage lease lasts without renewal; renewed once a third of it has passed. Default 6000 ms. Keep it
   * several tick periods long, or the lease lapses between two ticks.
   */
  leaseMs?: number;
  /**
   * What renews the storage lease: pass the plugin's Worker-driven ticker, because hidden tabs throttle page timers
   * (Chrome: once a minute) and a leader that cannot renew loses its lease. Without it, `clock.setInterval` renews.
   */
  ticks?: Pick<NowSource, 'subscribe'>;
  /** Where the one-off fallback warnings go; console.warn by default. */
  warn?: (message: string) => void;
}

/** The stored lease: who leads, until when (epoch ms). */
export interface StorageLease {
  readonly tabId: string;
  readonly expiresAt: number;
}

const DEFAULT_LEASE_MS = 6_000;

/**
 * Pure decision: may `tabId` (re)claim the lease at `now`? Yes if there is none, it is ours, or it has expired.
 */
export function mayClaimLease(lease: StorageLease | null, tabId: string, now: number): boolean {
  return lease === null || lease.tabId === tabId || lease.expiresAt <= now;
}

/** Parses a stored lease; anything malformed counts as no lease, so a corrupt entry cannot block election. */
export function parseLease(raw: string | null): StorageLease | null {
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { tabId, expiresAt } = parsed as Record<string, unknown>;
    return typeof tabId === 'string' && typeof expiresAt === 'number' ? { tabId, expiresAt } : null;
  } catch {
    return null;
  }
}

// Function-typed properties, not methods: `set` is handed around unbound as a callback.
interface LeaderState {
  readonly get: () => boolean;
  readonly set: (leader: boolean) => void;
  readonly subscribe: (listener: (leader: boolean) => void) => () => void;
  readonly clear: () => void;
}

/** Holds the leader flag and notifies on change; a throwing listener is logged and does not stop the others. */
function createLeaderState(): LeaderState {
  let leader = false;
  const listeners = new Set<{ readonly listener: (leader: boolean) => void }>();
  return {
    get: () => leader,
    set(next) {
      if (next === leader) return;
      leader = next;
      for (const entry of [...listeners]) {
        try {
          entry.listener(next);
        } catch (error) {
          console.error('[runtime/leadership] a leadership listener threw', error);
        }
      }
    },
    subscribe(listener) {
      const entry = { listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    clear: () => listeners.clear(),
  };
}

/**
 * Queues for the exclusive lock and holds it (a promise settled only by the returned release function). The browser
 * hands the lock to the next queued tab when the holder releases it or closes. `onUnusable` runs if the request fails
 * before the lock was ever granted.
 */
function holdWebLock(
  locks: LockManagerLike,
  name: string,
  setLeader: (leader: boolean) => void,
  onUnusable: (error: unknown) => void,
): () => void {
  let released = false;
  let granted = false;
  let letGo: (() => void) | null = null;
  const hold = (): Promise<void> => {
    // Granted after release(): hand the lock straight on.
    if (released) return Promise.resolve();
    granted = true;
    setLeader(true);
    return new Promise<void>((resolve) => {
      letGo = resolve;
    });
  };
  const onRejected = (error: unknown): void => {
    if (released) return;
    setLeader(false);
    // Never granted: locks are unusable here. Granted then lost (stolen): queue again.
    if (granted) request();
    else onUnusable(error);
  };
  function request(): void {
    try {
      locks.request(name, { mode: 'exclusive' }, hold).catch(onRejected);
    } catch (error) {
      onRejected(error);
    }
  }
  request();
  return () => {
    released = true;
    letGo?.();
    letGo = null;
  };
}

interface LeaseOptions {
  readonly storage: () => KeyValueStorage;
  readonly key: string;
  readonly tabId: string;
  readonly leaseMs: number;
  readonly clock: Clock;
  readonly ticks: Pick<NowSource, 'subscribe'> | undefined;
  readonly setLeader: (leader: boolean) => void;
  readonly warn: (message: string) => void;
}

/** A running storage lease: whether it is ours at this instant, and how to stop it. */
interface StorageLeaseHold {
  readonly leads: () => boolean;
  readonly stop: () => void;
}

/** Claims the lease if allowed; reads it back because another tab may have written in between. */
function claimLease(store: KeyValueStorage, key: string, tabId: string, now: number, leaseMs: number): boolean {
  if (!mayClaimLease(parseLease(store.getItem(key)), tabId, now)) return false;
  store.setItem(key, JSON.stringify({ tabId, expiresAt: now + leaseMs }));
  return parseLease(store.getItem(key))?.tabId === tabId;
}

/**
 * Claims or renews the storage lease now and then whenever a third of `leaseMs` has passed since the last attempt, so
 * a live leader renews twice before its lease could expire. Leadership is bounded by the last successful claim: once
 * it expires this tab is no longer leader, whether or not it has managed to renew, so a throttled or frozen tab cannot
 * keep acting after another tab has (rightly) taken the expired lease over.
 */
function holdStorageLease(options: LeaseOptions): StorageLeaseHold {
  const { storage, key, tabId, leaseMs, clock, ticks, setLeader, warn } = options;
  const renewEveryMs = leaseMs / 3;
  /** Expiry of this tab's last successful claim; null while another tab holds the lease. */
  let heldUntil: number | null = null;
  let lastAttemptAt = Number.NEGATIVE_INFINITY;
  let warned = false;

  const leads = (): boolean => {
    const now = clock.now();
    if (heldUntil === null || now >= heldUntil) return false;
    // Reading storage on every call (about once a second) is cheap, and it catches a tab that claimed concurrently.
    try {
      return parseLease(storage().getItem(key))?.tabId === tabId;
    } catch {
      // Unreadable: no other tab may claim before our claim expires, so it still holds until then.
      return true;
    }
  };

  const renew = (): void => {
    const now = clock.now();
    lastAttemptAt = now;
    try {
      heldUntil = claimLease(storage(), key, tabId, now, leaseMs) ? now + leaseMs : null;
    } catch (error) {
      // A transient error (e.g. quota) must not flip the role at once: the last claim stands until it expires.
      if (!warned) {
        warn(
          `[runtime/leadership] localStorage lease failed; keeping the last claim until it expires: ${String(error)}`,
        );
      }
      warned = true;
    }
  };

  // On every tick, not only on renewals: subscribers then hear of a lapsed or overwritten lease within a tick.
  const sync = (): void => setLeader(leads());

  renew();
  sync();
  let stopRenewing: () => void;
  if (ticks === undefined) {
    const handle = clock.setInterval(() => {
      renew();
      sync();
    }, renewEveryMs);
    stopRenewing = () => clock.clearInterval(handle);
  } else {
    stopRenewing = ticks.subscribe(() => {
      if (clock.now() - lastAttemptAt >= renewEveryMs) renew();
      sync();
    });
  }
  return {
    leads,
    stop() {
      stopRenewing();
      heldUntil = null;
      try {
        const store = storage();
        if (parseLease(store.getItem(key))?.tabId === tabId) store.removeItem(key);
      } catch {
        // Storage gone: the lease simply expires.
      }
    },
  };
}

/**
 * Elects one acting tab among those sharing `name`. Uses only what is passed in (pass
 * {@link defaultLeadershipEnvironment} in the browser): Web Locks if `locks` is given, else the storage lease if
 * `storage` is given, else single-tab mode (always leader, one warning). If a Web Lock request fails before ever being
 * granted, it falls back the same way with a warning. With Web Locks the first grant arrives asynchronously.
 */
export function electLeader(options: ElectLeaderOptions): Leadership {
  const { name, clock, locks, storage, ticks } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  requirePositiveMs('leaseMs', leaseMs);
  const tabId = options.tabId ?? randomId();
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const state = createLeaderState();
  // Web Locks and single-tab: the flag is the truth. The storage lease swaps in its own, time-bounded answer.
  let isLeader: () => boolean = state.get;
  let stopMechanism: () => void = () => undefined;
  let released = false;

  function startWithoutLocks(): void {
    if (storage === undefined) {
      warn('[runtime/leadership] neither Web Locks nor localStorage is available; this tab acts as the only one');
      state.set(true);
      return;
    }
    const lease = holdStorageLease({ storage, key: name, tabId, leaseMs, clock, ticks, setLeader: state.set, warn });
    isLeader = lease.leads;
    stopMechanism = lease.stop;
  }

  function onLocksUnusable(error: unknown): void {
    if (released) return;
    warn(`[runtime/leadership] Web Locks request failed; falling back: ${String(error)}`);
    startWithoutLocks();
  }

  if (locks === undefined) {
    startWithoutLocks();
  } else {
    stopMechanism = holdWebLock(locks, name, state.set, onLocksUnusable);
  }

  return {
    isLeader: () => isLeader(),
    subscribe: state.subscribe,
    release() {
      if (released) return;
      released = true;
      stopMechanism();
      state.set(false);
      state.clear();
    },
  };
}

/** Reads `navigator.locks`, tolerating a missing navigator or a throwing getter. */
function readLocks(): LockManagerLike | undefined {
  try {
    return typeof navigator === 'undefined' || navigator.locks == null ? undefined : navigator.locks;
  } catch {
    return undefined;
  }
}

/** Returns a localStorage getter if storage can actually be written (blocked or full storage throws). */
function readStorage(): (() => KeyValueStorage) | undefined {
  try {
    if (typeof window === 'undefined') return undefined;
    const probeKey = '__runtime_leadership_probe__';
    window.localStorage.setItem(probeKey, probeKey);
    window.localStorage.removeItem(probeKey);
    return browserStorage;
  } catch {
    return undefined;
  }
}

/** The browser's Web Locks and localStorage, each omitted where unavailable or blocked; spread into electLeader. */
export function defaultLeadershipEnvironment(): LeadershipEnvironment {
  const environment: LeadershipEnvironment = {};
  const locks = readLocks();
  const storage = readStorage();
  if (locks !== undefined) environment.locks = locks;
  if (storage !== undefined) environment.storage = storage;
  return environment;
}
