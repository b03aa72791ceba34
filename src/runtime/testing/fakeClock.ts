/**
 * A simulated clock for tests: time moves only when the test says so, and due callbacks fire in deadline order with
 * `now()` equal to their exact due time, so boundary tests ("nothing at 19.999 s, one warning at 20 s") are exact.
 */
import type { Clock, IntervalHandle } from '../clock';

interface ScheduledCallback {
  readonly callback: () => void;
  /** Repeat period for intervals, null for one-shot timeouts. */
  readonly everyMs: number | null;
  dueAt: number;
  /** Breaks ties between callbacks due at the same moment: earlier scheduling fires first, as in browsers. */
  sequence: number;
}

/** Browsers treat negative, NaN and missing delays as 0. */
function normalizeDelay(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** Orders two scheduled callbacks by due time, then by when they were scheduled. */
function firesBefore(a: ScheduledCallback, b: ScheduledCallback): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.sequence < b.sequence);
}

/** A {@link Clock} whose time advances only through {@link FakeClock.advance} and {@link FakeClock.advanceTo}. */
export class FakeClock implements Clock {
  private currentTime: number;
  private readonly scheduled = new Map<number, ScheduledCallback>();
  private nextId = 1;
  private nextSequence = 0;

  /** @param startAt - the initial `now()`, in epoch milliseconds. */
  constructor(startAt = 0) {
    this.currentTime = startAt;
  }

  /** The simulated time. */
  now(): number {
    return this.currentTime;
  }

  /** Schedules `callback` at `now() + ms`. */
  setTimeout(callback: () => void, ms: number): IntervalHandle {
    return this.schedule(callback, normalizeDelay(ms), null);
  }

  /** Schedules `callback` every `ms`; periods under 1 ms count as 1 ms so advancing always terminates. */
  setInterval(callback: () => void, ms: number): IntervalHandle {
    const everyMs = Math.max(1, normalizeDelay(ms));
    return this.schedule(callback, everyMs, everyMs);
  }

  /** Cancels a timeout (or an interval: browsers share one id pool, and so does this clock). */
  clearTimeout(handle: IntervalHandle): void {
    this.cancel(handle);
  }

  /** Cancels an interval (or a timeout). */
  clearInterval(handle: IntervalHandle): void {
    this.cancel(handle);
  }

  /**
   * Moves time forward by `ms`, firing everything that falls due on the way.
   * @throws RangeError if `ms` is negative or not a number.
   */
  advance(ms: number): void {
    if (!(ms >= 0)) {
      throw new RangeError(`FakeClock cannot advance by ${ms} ms`);
    }
    this.advanceTo(this.currentTime + ms);
  }

  /**
   * Moves time forward to `time`, firing due callbacks one at a time in deadline order, each with `now()` at its due
   * time. Callbacks scheduled while advancing fire too if they fall due by `time`.
   * @throws RangeError if `time` is before `now()`: simulated time never goes back.
   */
  advanceTo(time: number): void {
    if (!(time >= this.currentTime)) {
      throw new RangeError(`FakeClock cannot go back from ${this.currentTime} to ${time}`);
    }
    for (let next = this.nextDue(time); next !== null; next = this.nextDue(time)) {
      this.fire(next);
    }
    this.currentTime = time;
  }

  /** How many timeouts and intervals are still scheduled; 0 proves that everything was cleaned up. */
  pendingTimers(): number {
    return this.scheduled.size;
  }

  private schedule(callback: () => void, delayMs: number, everyMs: number | null): IntervalHandle {
    const id = this.nextId++;
    this.scheduled.set(id, { callback, everyMs, dueAt: this.currentTime + delayMs, sequence: this.nextSequence++ });
    return id;
  }

  private cancel(handle: IntervalHandle): void {
    if (typeof handle === 'number') {
      this.scheduled.delete(handle);
    }
  }

  /** The id of the earliest callback due at or before `time`, or null. */
  private nextDue(time: number): number | null {
    let earliestId: number | null = null;
    let earliest: ScheduledCallback | null = null;
    for (const [id, entry] of this.scheduled) {
      if (entry.dueAt <= time && (earliest === null || firesBefore(entry, earliest))) {
        earliestId = id;
        earliest = entry;
      }
    }
    return earliestId;
  }

  private fire(id: number): void {
    const entry = this.scheduled.get(id);
    if (entry === undefined) {
      return;
    }
    this.currentTime = entry.dueAt;
    // Reschedule (or drop) before calling, so the callback can clear its own interval or schedule new timers.
    if (entry.everyMs === null) {
      this.scheduled.delete(id);
    } else {
      entry.dueAt += entry.everyMs;
      entry.sequence = this.nextSequence++;
    }
    entry.callback();
  }
}
