/**
 * The one place the runtime reads time and schedules callbacks, so tests can swap in a fake clock.
 */

/** An opaque id for a scheduled callback; only the clock that returned it can cancel it. */
export type IntervalHandle = unknown;

/** Time and scheduling, injected everywhere the runtime needs them. */
export interface Clock {
  /** Current wall-clock time in epoch milliseconds. */
  now(): number;
  /** Calls `callback` every `ms` milliseconds until cleared. */
  setInterval(callback: () => void, ms: number): IntervalHandle;
  /** Cancels an interval; unknown or already cleared handles are ignored. */
  clearInterval(handle: IntervalHandle): void;
  /** Calls `callback` once after `ms` milliseconds unless cleared first. */
  setTimeout(callback: () => void, ms: number): IntervalHandle;
  /** Cancels a timeout; unknown or already fired handles are ignored. */
  clearTimeout(handle: IntervalHandle): void;
}

/** What the platform's timer functions return; handles only ever round-trip back into them. */
type PlatformHandle = ReturnType<typeof globalThis.setTimeout>;

/**
 * The browser's clock. Every call looks the global up at call time (not at module load), so fake timers installed
 * after this module was imported (jest.useFakeTimers) are still the ones used.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  // The handle came from setInterval above, so narrowing it back is safe.
  clearInterval: (handle) => globalThis.clearInterval(handle as PlatformHandle),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as PlatformHandle),
};

/** Throws a RangeError naming `what` unless `ms` is a finite duration above zero. */
export function requirePositiveMs(what: string, ms: number): void {
  if (!(Number.isFinite(ms) && ms > 0)) throw new RangeError(`${what} must be a positive number of ms, got ${ms}`);
}
