/**
 * The plugin's single ticking loop. Every tick reports `clock.now()`; consumers derive countdowns from deadlines, so a
 * late or skipped tick only delays an update, it never skews time.
 */
import type { Clock, IntervalHandle } from './clock';
import type { PageVisibility } from './pageVisibility';
import { documentVisibility } from './pageVisibility';

/** Current time plus a stream of ticks carrying it. */
export interface NowSource {
  /** The current time from the clock (epoch ms). */
  now(): number;
  /** Calls `listener` with `clock.now()` on every tick; returns the unsubscribe function. */
  subscribe(listener: (now: number) => void): () => void;
}

/** A {@link NowSource} backed by a Worker or a main-thread interval. */
export interface Ticker extends NowSource {
  /** Stops the loop and drops every subscriber; a later subscribe starts afresh. */
  stop(): void;
}

/** The part of a dedicated Worker the ticker uses. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** Page visibility changes: the ticker ticks at once when the page becomes visible. */
export type VisibilitySource = Pick<PageVisibility, 'onVisible'>;

/** Options of {@link createTicker}. */
export interface TickerOptions {
  clock: Clock;
  /** Period between ticks, in ms. */
  intervalMs: number;
  /** Builds the Worker that drives ticks; null means "use the main thread". Defaults to {@link createTickWorker}. */
  createWorker?: () => WorkerLike | null;
  /** Defaults to document visibilitychange events. */
  visibility?: VisibilitySource;
}

type Driver =
  | { readonly kind: 'worker'; readonly worker: WorkerLike }
  | { readonly kind: 'main-thread'; readonly handle: IntervalHandle };

interface Subscription {
  readonly listener: (now: number) => void;
}

/**
 * Worker body: (re)starts an interval at the period it is sent and posts a bare tick each time. It carries no time:
 * the main thread reads its own clock.
 */
const TICK_WORKER_SOURCE =
  'var id = null; self.onmessage = function (event) { clearInterval(id); ' +
  'id = setInterval(function () { self.postMessage(0); }, event.data); };';

/** Adapts a real Worker (whose handlers take MessageEvent/ErrorEvent) to {@link WorkerLike}. */
function adaptWorker(worker: Worker): WorkerLike {
  const adapter: WorkerLike = {
    postMessage: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
    onmessage: null,
    onerror: null,
  };
  worker.onmessage = (event) => adapter.onmessage?.(event);
  worker.onerror = (event) => adapter.onerror?.(event);
  return adapter;
}

/**
 * Builds a dedicated Worker from a Blob URL that ticks at the period posted to it. Hidden tabs throttle main-thread
 * timers (Chrome: once a minute after 5 minutes hidden), dedicated Worker timers are not throttled that way.
 * Returns null where Worker, Blob or URL.createObjectURL is missing or construction throws (e.g. a CSP without blob:).
 */
export function createTickWorker(): WorkerLike | null {
  if (typeof Worker !== 'function' || typeof Blob !== 'function' || typeof URL.createObjectURL !== 'function') {
    return null;
  }
  let url: string | null = null;
  try {
    url = URL.createObjectURL(new Blob([TICK_WORKER_SOURCE], { type: 'text/javascript' }));
    return adaptWorker(new Worker(url));
  } catch {
    return null;
  } finally {
    // The Worker constructor has already resolved the URL, so revoking now only frees the Blob for later.
    if (url !== null) URL.revokeObjectURL(url);
  }
}

/** Calls each current subscriber with `now`; one that throws is logged and does not stop the rest. */
function deliver(subscriptions: ReadonlySet<Subscription>, now: number): void {
  for (const subscription of [...subscriptions]) {
    // A listener may unsubscribe another one during this tick; that one must not be called any more.
    if (!subscriptions.has(subscription)) continue;
    try {
      subscription.listener(now);
    } catch (error) {
      console.error('[runtime/ticker] a tick listener threw; the other listeners still run', error);
    }
  }
}

function validateInterval(intervalMs: number): void {
  if (!(Number.isFinite(intervalMs) && intervalMs > 0)) {
    throw new RangeError(`Ticker intervalMs must be a positive number of ms, got ${intervalMs}`);
  }
}

/**
 * Creates the plugin's ticker. Nothing runs until the first subscribe; the loop stops when the last subscriber
 * leaves. Ticks come from a dedicated Worker when one can be built, otherwise from `clock.setInterval`; a Worker that
 * errors later is replaced by the main-thread interval (with one console.warn). The page becoming visible ticks at once.
 */
export function createTicker(options: TickerOptions): Ticker {
  const { clock, intervalMs } = options;
  validateInterval(intervalMs);
  const createWorker = options.createWorker ?? createTickWorker;
  const visibility = options.visibility ?? documentVisibility;
  const subscriptions = new Set<Subscription>();
  let driver: Driver | null = null;
  let stopVisibility: (() => void) | null = null;

  const tick = (): void => deliver(subscriptions, clock.now());

  function startMainThread(): Driver {
    return { kind: 'main-thread', handle: clock.setInterval(tick, intervalMs) };
  }

  function buildWorker(): WorkerLike | null {
    try {
      return createWorker();
    } catch {
      return null;
    }
  }

  function startWorker(worker: WorkerLike): Driver {
    const workerDriver: Driver = { kind: 'worker', worker };
    // Ignore events from a worker that is no longer the driver (terminated, or replaced after an error).
    worker.onmessage = () => {
      if (driver === workerDriver) tick();
    };
    worker.onerror = (event) => {
      if (driver !== workerDriver) return;
      console.warn('[runtime/ticker] tick worker failed; ticking on the main thread (throttled in hidden tabs)', event);
      halt(workerDriver);
      driver = startMainThread();
    };
    worker.postMessage(intervalMs);
    return workerDriver;
  }

  function halt(running: Driver): void {
    if (running.kind === 'worker') {
      running.worker.onmessage = null;
      running.worker.onerror = null;
      running.worker.terminate();
    } else {
      clock.clearInterval(running.handle);
    }
  }

  function start(): void {
    const worker = buildWorker();
    driver = worker === null ? startMainThread() : startWorker(worker);
    stopVisibility = visibility.onVisible(tick);
  }

  function stopLoop(): void {
    if (driver !== null) halt(driver);
    driver = null;
    stopVisibility?.();
    stopVisibility = null;
  }

  function subscribe(listener: (now: number) => void): () => void {
    const subscription: Subscription = { listener };
    subscriptions.add(subscription);
    if (driver === null) start();
    return () => {
      if (!subscriptions.delete(subscription)) return;
      if (subscriptions.size === 0) stopLoop();
    };
  }

  return {
    now: () => clock.now(),
    subscribe,
    stop: () => {
      subscriptions.clear();
      stopLoop();
    },
  };
}
