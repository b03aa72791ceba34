/**
 * A simulated clock for benchmarks. Like src/runtime/testing/FakeClock, time moves only when told to and due callbacks
 * fire in deadline order at their exact due time; unlike it, the next due callback comes from a binary heap (as in
 * browsers' timer queues), so 200 per-row intervals cost O(log n) per firing and the baseline is not penalised by a
 * linear scan that no browser does.
 */
import type { Clock, IntervalHandle } from '../../src/runtime/clock';

interface Scheduled {
  readonly id: number;
  readonly callback: () => void;
  readonly everyMs: number | null;
  dueAt: number;
  sequence: number;
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.sequence < b.sequence);
}

/** A {@link Clock} driven by {@link HeapClock.advance}; cancelled entries are dropped lazily when they surface. */
export class HeapClock implements Clock {
  private current: number;
  private readonly heap: Scheduled[] = [];
  private readonly live = new Map<number, Scheduled>();
  private nextId = 1;
  private nextSequence = 0;

  constructor(startAt: number) {
    this.current = startAt;
  }

  now(): number {
    return this.current;
  }

  setInterval(callback: () => void, ms: number): IntervalHandle {
    return this.schedule(callback, Math.max(1, ms), Math.max(1, ms));
  }

  setTimeout(callback: () => void, ms: number): IntervalHandle {
    return this.schedule(callback, Math.max(0, ms), null);
  }

  clearInterval(handle: IntervalHandle): void {
    if (typeof handle === 'number') this.live.delete(handle);
  }

  clearTimeout(handle: IntervalHandle): void {
    if (typeof handle === 'number') this.live.delete(handle);
  }

  /** Timeouts and intervals still scheduled: 0 proves everything was cleared. */
  pendingTimers(): number {
    return this.live.size;
  }

  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Fires everything due by `time`, each with `now()` at its due time. */
  advanceTo(time: number): void {
    if (!(time >= this.current)) throw new RangeError(`HeapClock cannot go back from ${this.current} to ${time}`);
    for (let top = this.heap[0]; top !== undefined && top.dueAt <= time; top = this.heap[0]) {
      this.pop();
      if (this.live.get(top.id) !== top) continue;
      this.current = top.dueAt;
      if (top.everyMs === null) {
        this.live.delete(top.id);
      } else {
        // Re-queued before the call, so the callback may clear its own interval.
        top.dueAt += top.everyMs;
        top.sequence = this.nextSequence++;
        this.push(top);
      }
      top.callback();
    }
    this.current = time;
  }

  private schedule(callback: () => void, delayMs: number, everyMs: number | null): number {
    const entry: Scheduled = {
      id: this.nextId++,
      callback,
      everyMs,
      dueAt: this.current + delayMs,
      sequence: this.nextSequence++,
    };
    this.live.set(entry.id, entry);
    this.push(entry);
    return entry.id;
  }

  private push(entry: Scheduled): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const up = heap[parent];
      if (up === undefined || !before(entry, up)) break;
      heap[i] = up;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = last;
      let at = -1;
      const l = heap[left];
      const r = heap[right];
      if (l !== undefined && before(l, smallest)) {
        smallest = l;
        at = left;
      }
      if (r !== undefined && before(r, smallest)) {
        smallest = r;
        at = right;
      }
      if (at === -1) break;
      heap[i] = smallest;
      i = at;
    }
    heap[i] = last;
  }
}
