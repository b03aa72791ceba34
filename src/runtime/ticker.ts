/**
 * The plugin's single ticking loop. Every tick reports `clock.now()`; consumers derive countdowns from deadlines, so a
 * late or skipped tick only delays an update, it never skews time.
 */
import type { Clock, IntervalHandle } from './clock';
import { requirePositiveMs } from './clock';
import type { PageVisibility } from './pageVisibility';
import { documentVisibility } from './pageVisibility';

/** Current time plus a stream of ticks carrying it. */
export interface NowSource {
  /** The current time from the clock (epoch ms). */
  now(): number;
  /** Calls `listener` with `clock.now()` on every tick; returns the unsubscribe function. */
  subscribe(listener: (now: number) => void): () => void;
}

/** A {@link NowSource} that can also tick once at a given moment, between its regular ticks. */
export interface WakingNowSource extends NowSource {
  /**
   * One extra tick at `at` (epoch ms, this clock), replacing any earlier request; null cancels it. Timed inside the
   * Worker when there is one, so a hidden tab wakes on time too (the page's own timers are throttled there).
   */
  wakeAt(at: number | null): void;
}

/** A {@link NowSource} backed by a Worker or a main-thread interval. */
export interface Ticker extends WakingNowSource {
  /** Stops the loop and drops every subscriber; a later subscribe starts afresh. */
  stop(): void;
}

/** The part of a dedicated Worker the ticker uses; a real Worker is one. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
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

/** What ticks: a Worker or a main-thread interval, each timing the one extra wake-up its own way. */
interface Driver {
  /** Replaces the pending wake-up with one in `delayMs` (null: none). */
  wake(delayMs: number | null): void;
  halt(): void;
}

/** What the Worker is told: the tick period, or the delay of the one extra tick (null: none). */
export type TickWorkerMessage = { readonly periodMs: number } | { readonly wakeInMs: number | null };

interface Subscription {
  readonly listener: (now: number) => void;
}

/**
 * Worker body: (re)starts an interval at the period it is sent, and keeps one extra timeout for the wake-up it is
 * sent; each posts a bare tick. It carries no time: the main thread reads its own clock.
 */
const TICK_WORKER_SOURCE =
  'var id = null, wake = null; function tick() { self.postMessage(0); } self.onmessage = function (event) { ' +
  'var d = event.data; if ("periodMs" in d) { clearInterval(id); id = setInterval(tick, d.periodMs); } ' +
  'else { clearTimeout(wake); wake = d.wakeInMs === null ? null : setTimeout(tick, d.wakeInMs); } };';

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
    return new Worker(url);
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

/**
 * Creates the plugin's ticker. Nothing runs until the first subscribe; the loop stops when the last subscriber
 * leaves. Ticks come from a dedicated Worker when one can be built, otherwise from `clock.setInterval`; a Worker that
 * errors later is replaced by the main-thread interval (with one console.warn). The page becoming visible ticks at once.
 */
export function createTicker(options: TickerOptions): Ticker {
  const { clock, intervalMs } = options;
  requirePositiveMs('Ticker intervalMs', intervalMs);
  const createWorker = options.createWorker ?? createTickWorker;
  const visibility = options.visibility ?? documentVisibility;
  const subscriptions = new Set<Subscription>();
  let driver: Driver | null = null;
  let stopVisibility: (() => void) | null = null;

  const tick = (): void => deliver(subscriptions, clock.now());

  let wakeAt: number | null = null;

  /** Hands the pending wake-up to `running`. */
  function requestWake(running: Driver): void {
    running.wake(wakeAt === null ? null : Math.max(0, wakeAt - clock.now()));
  }

  function onWake(): void {
    wakeAt = null;
    tick();
  }

  function startMainThread(): Driver {
    const handle = clock.setInterval(tick, intervalMs);
    let wake: { readonly handle: IntervalHandle } | null = null;
    const cancelWake = (): void => {
      if (wake !== null) clock.clearTimeout(wake.handle);
    };
    const started: Driver = {
      wake(delayMs) {
        cancelWake();
        wake = delayMs === null ? null : { handle: clock.setTimeout(onWake, delayMs) };
      },
      halt() {
        clock.clearInterval(handle);
        cancelWake();
      },
    };
    requestWake(started);
    return started;
  }

  function post(worker: WorkerLike, message: TickWorkerMessage): void {
    worker.postMessage(message);
  }

  function buildWorker(): WorkerLike | null {
    try {
      return createWorker();
    } catch {
      return null;
    }
  }

  function startWorker(worker: WorkerLike): Driver {
    const workerDriver: Driver = {
      wake: (delayMs) => post(worker, { wakeInMs: delayMs }),
      halt() {
        worker.onmessage = null;
        worker.onerror = null;
        worker.terminate();
      },
    };
    // Ignore events from a worker that is no longer the driver (terminated, or replaced after an error).
    worker.onmessage = () => {
      if (driver !== workerDriver) return;
      // The wake-up and the regular ticks arrive alike: a due wake-up is spent by any tick at or after it.
      if (wakeAt !== null && clock.now() >= wakeAt) wakeAt = null;
      tick();
    };
    worker.onerror = (event) => {
      if (driver !== workerDriver) return;
      console.warn('[runtime/ticker] tick worker failed; ticking on the main thread (throttled in hidden tabs)', event);
      workerDriver.halt();
      driver = startMainThread();
    };
    post(worker, { periodMs: intervalMs });
    if (wakeAt !== null) requestWake(workerDriver);
    return workerDriver;
  }

  function start(): void {
    const worker = buildWorker();
    driver = worker === null ? startMainThread() : startWorker(worker);
    stopVisibility = visibility.onVisible(tick);
  }

  function stopLoop(): void {
    wakeAt = null;
    driver?.halt();
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
    wakeAt(at) {
      wakeAt = at;
      if (driver !== null) requestWake(driver);
    },
    stop: () => {
      subscriptions.clear();
      stopLoop();
    },
  };
}
