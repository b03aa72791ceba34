import { runInNewContext } from 'vm';
import { FakeClock } from './testing/fakeClock';
import { createTickWorker, createTicker } from './ticker';
import type { VisibilitySource, WorkerLike } from './ticker';

/** A Worker the test drives by hand. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly posted: unknown[] = [];
  terminated = false;

  postMessage(message: unknown): void {
    this.posted.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  tick(): void {
    this.onmessage?.({ data: 0 });
  }

  fail(): void {
    this.onerror?.(new Error('worker script blocked'));
  }
}

/** A visibility source the test toggles by hand, counting its listeners. */
class FakeVisibility implements VisibilitySource {
  private readonly listeners = new Set<() => void>();

  get listenerCount(): number {
    return this.listeners.size;
  }

  onVisible(listener: () => void): () => void {
    const entry = (): void => listener();
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  becomeVisible(): void {
    this.listeners.forEach((listener) => listener());
  }
}

const INTERVAL_MS = 1_000;

function setup(worker: FakeWorker | null = null) {
  const clock = new FakeClock(10_000);
  const visibility = new FakeVisibility();
  const createWorker = jest.fn(() => worker);
  const ticker = createTicker({ clock, intervalMs: INTERVAL_MS, createWorker, visibility });
  const seen: number[] = [];
  const record = (now: number): void => {
    seen.push(now);
  };
  return { clock, visibility, createWorker, ticker, seen, record };
}

describe('runtime/ticker', () => {
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('main-thread fallback (no worker)', () => {
    it('wakes exactly at the moment asked, between two ticks: nothing at 10.499 s, a tick at 10.5 s', () => {
      const { clock, ticker, seen, record } = setup();
      ticker.subscribe(record);
      ticker.wakeAt(10_700);
      ticker.wakeAt(10_500);
      clock.advance(499);
      expect(seen).toEqual([]);
      clock.advance(1);
      expect(seen).toEqual([10_500]);
      clock.advance(500);
      expect(seen).toEqual([10_500, 11_000]);
    });

    it('delivers clock.now() on every interval tick', () => {
      const { clock, ticker, seen, record } = setup();
      ticker.subscribe(record);
      expect(clock.pendingTimers()).toBe(1);
      clock.advance(999);
      expect(seen).toEqual([]);
      clock.advance(2_001);
      expect(seen).toEqual([11_000, 12_000, 13_000]);
      expect(ticker.now()).toBe(13_000);
    });

    it('falls back when building the worker throws', () => {
      const clock = new FakeClock();
      const ticker = createTicker({
        clock,
        intervalMs: INTERVAL_MS,
        visibility: new FakeVisibility(),
        createWorker: () => {
          throw new Error('CSP');
        },
      });
      ticker.subscribe(() => undefined);
      expect(clock.pendingTimers()).toBe(1);
    });
  });

  describe('worker path', () => {
    it('sends the period to the worker and ticks with clock.now() on its messages, not on the main thread', () => {
      const worker = new FakeWorker();
      const { clock, ticker, seen, record } = setup(worker);
      ticker.subscribe(record);
      expect(worker.posted).toEqual([{ periodMs: INTERVAL_MS }]);
      expect(clock.pendingTimers()).toBe(0);
      clock.advance(2_500);
      worker.tick();
      expect(seen).toEqual([12_500]);
    });

    it('times the exact wake-up in the worker, not on the page (hidden tabs throttle the page)', () => {
      const worker = new FakeWorker();
      const { clock, ticker, seen, record } = setup(worker);
      ticker.subscribe(record);
      ticker.wakeAt(10_750);
      expect(worker.posted).toEqual([{ periodMs: INTERVAL_MS }, { wakeInMs: 750 }]);
      expect(clock.pendingTimers()).toBe(0);
      clock.advance(750);
      worker.tick();
      expect(seen).toEqual([10_750]);
      ticker.wakeAt(null);
      expect(worker.posted[worker.posted.length - 1]).toEqual({ wakeInMs: null });
    });

    it('hands a pending wake-up to the main thread when the worker fails, and forgets it when the loop stops', () => {
      const worker = new FakeWorker();
      const { clock, ticker, seen, record } = setup(worker);
      const unsubscribe = ticker.subscribe(record);
      ticker.wakeAt(10_300);
      worker.fail();
      clock.advance(299);
      expect(seen).toEqual([]);
      clock.advance(1);
      expect(seen).toEqual([10_300]);
      ticker.wakeAt(10_800);
      unsubscribe();
      expect(clock.pendingTimers()).toBe(0);
      ticker.subscribe(record);
      clock.advance(600);
      expect(seen).toEqual([10_300]);
    });

    it('falls back to the main thread with one warning when the worker errors', () => {
      const worker = new FakeWorker();
      const { clock, ticker, seen, record } = setup(worker);
      ticker.subscribe(record);
      worker.fail();
      worker.fail();
      expect(clock.pendingTimers()).toBe(1);
      expect(worker.terminated).toBe(true);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/worker failed/), expect.anything());
      worker.tick();
      expect(seen).toEqual([]);
      clock.advance(INTERVAL_MS);
      expect(seen).toEqual([11_000]);
    });
  });

  describe('lazy start and stop', () => {
    it('builds nothing until the first subscriber', () => {
      const { clock, createWorker, visibility } = setup();
      expect(createWorker).not.toHaveBeenCalled();
      expect(clock.pendingTimers()).toBe(0);
      expect(visibility.listenerCount).toBe(0);
    });

    it('shares one loop between subscribers and stops when the last one leaves', () => {
      const { clock, createWorker, visibility, ticker } = setup();
      const first = ticker.subscribe(() => undefined);
      const second = ticker.subscribe(() => undefined);
      expect(createWorker).toHaveBeenCalledTimes(1);
      expect(clock.pendingTimers()).toBe(1);
      first();
      first();
      expect(clock.pendingTimers()).toBe(1);
      second();
      expect(clock.pendingTimers()).toBe(0);
      expect(visibility.listenerCount).toBe(0);
    });

    it('restarts on a new subscribe after the last one left', () => {
      const { clock, createWorker, ticker, seen, record } = setup();
      ticker.subscribe(() => undefined)();
      ticker.subscribe(record);
      expect(createWorker).toHaveBeenCalledTimes(2);
      clock.advance(INTERVAL_MS);
      expect(seen).toEqual([11_000]);
    });

    it('terminates the worker, removes the visibility listener and fires nothing after stop()', () => {
      const worker = new FakeWorker();
      const { clock, visibility, ticker, seen, record } = setup(worker);
      ticker.subscribe(record);
      ticker.stop();
      expect(worker.terminated).toBe(true);
      expect(worker.onmessage).toBeNull();
      expect(visibility.listenerCount).toBe(0);
      visibility.becomeVisible();
      clock.advance(10 * INTERVAL_MS);
      expect(seen).toEqual([]);
      expect(clock.pendingTimers()).toBe(0);
    });

    it('clears the main-thread interval on stop()', () => {
      const { clock, ticker, seen, record } = setup();
      ticker.subscribe(record);
      ticker.stop();
      clock.advance(10 * INTERVAL_MS);
      expect(seen).toEqual([]);
      expect(clock.pendingTimers()).toBe(0);
    });
  });

  it('keeps ticking the other listeners when one throws, and logs the error', () => {
    const { clock, ticker, seen, record } = setup();
    ticker.subscribe(() => {
      throw new Error('boom');
    });
    ticker.subscribe(record);
    clock.advance(2 * INTERVAL_MS);
    expect(seen).toEqual([11_000, 12_000]);
    expect(error).toHaveBeenCalledTimes(2);
  });

  it('does not call a listener that an earlier listener unsubscribed during the same tick', () => {
    const { clock, ticker, seen, record } = setup();
    let unsubscribeSecond = (): void => undefined;
    ticker.subscribe(() => unsubscribeSecond());
    unsubscribeSecond = ticker.subscribe(record);
    clock.advance(INTERVAL_MS);
    expect(seen).toEqual([]);
  });

  it('ticks at once when the page becomes visible again', () => {
    const { clock, visibility, ticker, seen, record } = setup();
    ticker.subscribe(record);
    clock.advanceTo(10_400);
    visibility.becomeVisible();
    expect(seen).toEqual([10_400]);
  });

  it('rejects a non-positive interval', () => {
    expect(() => createTicker({ clock: new FakeClock(), intervalMs: 0 })).toThrow(RangeError);
  });

  describe('default visibility (document.visibilitychange)', () => {
    function setVisibility(state: DocumentVisibilityState): void {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      document.dispatchEvent(new Event('visibilitychange'));
    }

    afterEach(() => {
      // Drop the own-property override so jsdom's prototype getter applies again.
      Reflect.deleteProperty(document, 'visibilityState');
    });

    it('ticks on visible, not on hidden, and stops listening after stop()', () => {
      const clock = new FakeClock(5);
      const ticker = createTicker({ clock, intervalMs: INTERVAL_MS, createWorker: () => null });
      const seen: number[] = [];
      ticker.subscribe((now) => seen.push(now));
      setVisibility('hidden');
      setVisibility('visible');
      expect(seen).toEqual([5]);
      ticker.stop();
      setVisibility('visible');
      expect(seen).toEqual([5]);
    });
  });
});

describe('runtime/ticker createTickWorker', () => {
  const originalCreate = Object.getOwnPropertyDescriptor(URL, 'createObjectURL');
  const originalRevoke = Object.getOwnPropertyDescriptor(URL, 'revokeObjectURL');
  const originalWorker = Object.getOwnPropertyDescriptor(globalThis, 'Worker');
  const originalBlob = Object.getOwnPropertyDescriptor(globalThis, 'Blob');

  function define(target: object, key: string, value: unknown): void {
    Object.defineProperty(target, key, { configurable: true, writable: true, value });
  }

  function restore(target: object, key: string, descriptor: PropertyDescriptor | undefined): void {
    if (descriptor === undefined) Reflect.deleteProperty(target, key);
    else Object.defineProperty(target, key, descriptor);
  }

  /** Stubs Blob (recording its text), URL.createObjectURL/revokeObjectURL and Worker. */
  function stubBrowser(WorkerImpl: unknown) {
    const blobParts: string[] = [];
    class RecordingBlob {
      constructor(parts: string[]) {
        blobParts.push(...parts);
      }
    }
    const createObjectURL = jest.fn(() => 'blob:tick-worker');
    const revokeObjectURL = jest.fn();
    define(globalThis, 'Blob', RecordingBlob);
    define(globalThis, 'Worker', WorkerImpl);
    define(URL, 'createObjectURL', createObjectURL);
    define(URL, 'revokeObjectURL', revokeObjectURL);
    return { blobParts, createObjectURL, revokeObjectURL };
  }

  afterEach(() => {
    restore(URL, 'createObjectURL', originalCreate);
    restore(URL, 'revokeObjectURL', originalRevoke);
    restore(globalThis, 'Worker', originalWorker);
    restore(globalThis, 'Blob', originalBlob);
  });

  it('returns null where Worker is unavailable (as in jsdom)', () => {
    define(globalThis, 'Worker', undefined);
    expect(createTickWorker()).toBeNull();
  });

  it('returns null and still revokes the URL when the Worker constructor throws (e.g. CSP)', () => {
    const { revokeObjectURL } = stubBrowser(
      class {
        constructor() {
          throw new Error('SecurityError');
        }
      },
    );
    expect(createTickWorker()).toBeNull();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:tick-worker');
  });

  it('builds a worker from a revoked Blob URL and forwards its messages, errors and commands', () => {
    const constructed: FakeNativeWorker[] = [];
    class FakeNativeWorker {
      onmessage: ((event: { data: unknown }) => void) | null = null;
      onerror: ((event: unknown) => void) | null = null;
      postMessage = jest.fn();
      terminate = jest.fn();
      constructor(readonly url: string) {
        constructed.push(this);
      }
    }
    const { revokeObjectURL } = stubBrowser(FakeNativeWorker);
    const worker = createTickWorker();
    const native = constructed[0];
    if (worker === null || native === undefined) throw new Error('expected a worker');
    expect(native.url).toBe('blob:tick-worker');
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:tick-worker');
    const onmessage = jest.fn();
    const onerror = jest.fn();
    worker.onmessage = onmessage;
    worker.onerror = onerror;
    native.onmessage?.({ data: 0 });
    native.onerror?.('failed');
    worker.postMessage(250);
    worker.terminate();
    expect(onmessage).toHaveBeenCalledWith({ data: 0 });
    expect(onerror).toHaveBeenCalledWith('failed');
    expect(native.postMessage).toHaveBeenCalledWith(250);
    expect(native.terminate).toHaveBeenCalled();
  });

  /** Runs the worker code `createTickWorker` ships in a context of its own, its timers on a fake clock. */
  function shippedWorker() {
    const { blobParts } = stubBrowser(
      class {
        onmessage = null;
        onerror = null;
      },
    );
    createTickWorker();
    const clock = new FakeClock();
    const scope: { onmessage?: (event: { data: unknown }) => void; postMessage: jest.Mock } = {
      postMessage: jest.fn(),
    };
    runInNewContext(blobParts.join(''), {
      self: scope,
      setInterval: (callback: () => void, ms: number) => clock.setInterval(callback, ms),
      clearInterval: (handle: unknown) => clock.clearInterval(handle),
      setTimeout: (callback: () => void, ms: number) => clock.setTimeout(callback, ms),
      clearTimeout: (handle: unknown) => clock.clearTimeout(handle),
    });
    return { clock, scope };
  }

  it('ships worker code that ticks at the period it is sent, and restarts on a new period', () => {
    const { clock, scope } = shippedWorker();
    scope.onmessage?.({ data: { periodMs: 100 } });
    clock.advance(300);
    expect(scope.postMessage).toHaveBeenCalledTimes(3);
    scope.onmessage?.({ data: { periodMs: 1_000 } });
    clock.advance(999);
    expect(scope.postMessage).toHaveBeenCalledTimes(3);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('ships worker code that ticks once at the wake-up it is sent: the latest replaces the one before, null cancels', () => {
    const { clock, scope } = shippedWorker();
    scope.onmessage?.({ data: { periodMs: 1_000 } });
    scope.onmessage?.({ data: { wakeInMs: 400 } });
    scope.onmessage?.({ data: { wakeInMs: 250 } });
    clock.advance(249);
    expect(scope.postMessage).toHaveBeenCalledTimes(0);
    clock.advance(1);
    expect(scope.postMessage).toHaveBeenCalledTimes(1);
    clock.advance(500);
    expect(scope.postMessage).toHaveBeenCalledTimes(1);
    scope.onmessage?.({ data: { wakeInMs: 100 } });
    scope.onmessage?.({ data: { wakeInMs: null } });
    clock.advance(249);
    expect(scope.postMessage).toHaveBeenCalledTimes(1);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(1);
    expect(scope.postMessage).toHaveBeenCalledTimes(2);
  });
});
