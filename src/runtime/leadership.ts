/**
 * Leader election between the agent's Flex tabs: exactly one tab acts (sends warnings, wraps up), the others only
 * display. Web Locks when available, else a renewed localStorage lease, else this tab alone.
 */
import type { Clock } from './clock';

/** How leadership is being decided. */
export type LeadershipMechanism = 'web-locks' | 'storage-lease' | 'single-tab';

/** This tab's view of the election. */
export interface Leadership {
  /** Whether this tab should act right now. */
  isLeader(): boolean;
  /** Calls `listener` when this tab gains or loses leadership (not with the current value); returns unsubscribe. */
  subscribe(listener: (leader: boolean) => void): () => void;
  /** Gives leadership up for good and removes every timer and listener; subscribers hear `false` if we led. */
  release(): void;
  /** The mechanism in use; it changes only if Web Locks turn out unusable after all. */
  readonly mechanism: LeadershipMechanism;
}

/** The part of `navigator.locks` used here. */
export interface LockManagerLike {
  request(name: string, options: { mode: 'exclusive' }, callback: (lock: unknown) => Promise<void>): Promise<void>;
}

/** The part of `localStorage` used here. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Where leadership can be coordinated; both optional. */
export interface LeadershipEnvironment {
  locks?: LockManagerLike;
  /** A getter, because merely reading `window.localStorage` can throw (blocked storage). */
  storage?: () => StorageLike;
}

/** Options of {@link electLeader}. */
export interface ElectLeaderOptions extends LeadershipEnvironment {
  /** Lock name and storage key; scope and version it (e.g. per worker). */
  name: string;
  clock: Clock;
  /** Identifies this tab in the storage lease; random by default. */
  tabId?: string;
  /** How long a storage lease lasts without renewal; renewed every third of it. Default 6000 ms. */
  leaseMs?: number;
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
  readonly storage: () => StorageLike;
  readonly key: string;
  readonly tabId: string;
  readonly leaseMs: number;
  readonly clock: Clock;
  readonly setLeader: (leader: boolean) => void;
  readonly warn: (message: string) => void;
}

/** Claims the lease if allowed; reads it back because another tab may have written in between. */
function claimLease(store: StorageLike, key: string, tabId: string, now: number, leaseMs: number): boolean {
  if (!mayClaimLease(parseLease(store.getItem(key)), tabId, now)) return false;
  store.setItem(key, JSON.stringify({ tabId, expiresAt: now + leaseMs }));
  return parseLease(store.getItem(key))?.tabId === tabId;
}

/**
 * Claims or renews the storage lease now and every `leaseMs / 3`, so a live leader renews twice before its lease
 * could expire. Returns the function that stops renewing and removes the lease if it is ours.
 */
function holdStorageLease(options: LeaseOptions): () => void {
  const { storage, key, tabId, leaseMs, clock, setLeader, warn } = options;
  let warned = false;
  const renew = (): void => {
    try {
      setLeader(claimLease(storage(), key, tabId, clock.now(), leaseMs));
    } catch (error) {
      // Keep the current role: flipping on a transient storage error (e.g. quota) would cause churn.
      if (!warned) warn(`[runtime/leadership] localStorage lease failed; keeping current role: ${String(error)}`);
      warned = true;
    }
  };
  renew();
  const handle = clock.setInterval(renew, leaseMs / 3);
  return () => {
    clock.clearInterval(handle);
    try {
      const store = storage();
      if (parseLease(store.getItem(key))?.tabId === tabId) store.removeItem(key);
    } catch {
      // Storage gone: the lease simply expires.
    }
  };
}

function randomTabId(clock: Clock): string {
  return `${clock.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function validateLease(leaseMs: number): void {
  if (!(Number.isFinite(leaseMs) && leaseMs > 0)) {
    throw new RangeError(`leaseMs must be a positive number of ms, got ${leaseMs}`);
  }
}

/**
 * Elects one acting tab among those sharing `name`. Uses only what is passed in (pass
 * {@link defaultLeadershipEnvironment} in the browser): Web Locks if `locks` is given, else the storage lease if
 * `storage` is given, else single-tab mode (always leader, one warning). If a Web Lock request fails before ever being
 * granted, it falls back the same way with a warning. With Web Locks the first grant arrives asynchronously.
 */
export function electLeader(options: ElectLeaderOptions): Leadership {
  const { name, clock, locks, storage } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  validateLease(leaseMs);
  const tabId = options.tabId ?? randomTabId(clock);
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const state = createLeaderState();
  let mechanism: LeadershipMechanism = 'single-tab';
  let stopMechanism: () => void = () => undefined;
  let released = false;

  function startWithoutLocks(): void {
    if (storage === undefined) {
      mechanism = 'single-tab';
      warn('[runtime/leadership] neither Web Locks nor localStorage is available; this tab acts as the only one');
      state.set(true);
      return;
    }
    mechanism = 'storage-lease';
    stopMechanism = holdStorageLease({ storage, key: name, tabId, leaseMs, clock, setLeader: state.set, warn });
  }

  function onLocksUnusable(error: unknown): void {
    if (released) return;
    warn(`[runtime/leadership] Web Locks request failed; falling back: ${String(error)}`);
    startWithoutLocks();
  }

  if (locks === undefined) {
    startWithoutLocks();
  } else {
    mechanism = 'web-locks';
    stopMechanism = holdWebLock(locks, name, state.set, onLocksUnusable);
  }

  return {
    isLeader: () => state.get(),
    subscribe: (listener) => state.subscribe(listener),
    release() {
      if (released) return;
      released = true;
      stopMechanism();
      state.set(false);
      state.clear();
    },
    get mechanism() {
      return mechanism;
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
function readStorage(): (() => StorageLike) | undefined {
  try {
    if (typeof window === 'undefined') return undefined;
    const probeKey = '__runtime_leadership_probe__';
    window.localStorage.setItem(probeKey, probeKey);
    window.localStorage.removeItem(probeKey);
    return () => window.localStorage;
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
