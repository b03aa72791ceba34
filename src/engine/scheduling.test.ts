import type { WakingNowSource } from '../runtime/ticker';
import { startScheduling } from './scheduling';

/** A ticker the test ticks by hand, recording the wake-ups asked of it. */
function handTicker(start: number) {
  let now = start;
  const listeners = new Set<(at: number) => void>();
  const wakes: Array<number | null> = [];
  const ticker: WakingNowSource = {
    now: () => now,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    wakeAt: (at) => wakes.push(at),
  };
  const tickAt = (at: number): void => {
    now = at;
    listeners.forEach((listener) => listener(at));
  };
  return { ticker, wakes, tickAt, listenerCount: () => listeners.size };
}

describe('engine/scheduling', () => {
  it('asks the ticker to wake at the next due moment, once per change, and acts on every tick', () => {
    const { ticker, wakes, tickAt } = handTicker(0);
    const acted: number[] = [];
    let due: number | null = 20_000;
    startScheduling({ ticker, act: (now) => acted.push(now), nextDueAt: () => due });
    tickAt(1_000);
    tickAt(2_000);
    expect(wakes).toEqual([20_000]);
    tickAt(20_000);
    due = 35_000;
    tickAt(20_000);
    expect(acted).toEqual([1_000, 2_000, 20_000, 20_000]);
    expect(wakes).toEqual([20_000, 35_000]);
  });

  it('cancels the wake-up when nothing is due any more, and when it stops', () => {
    const { ticker, wakes, tickAt, listenerCount } = handTicker(0);
    let due: number | null = 5_000;
    const stop = startScheduling({ ticker, act: () => undefined, nextDueAt: () => due });
    tickAt(1_000);
    due = null;
    tickAt(2_000);
    expect(wakes).toEqual([5_000, null]);
    due = 9_000;
    tickAt(3_000);
    stop();
    expect(wakes).toEqual([5_000, null, 9_000, null]);
    expect(listenerCount()).toBe(0);
  });

  it('never asks for a wake-up at or before now (what is due now is acted on at once)', () => {
    const { ticker, wakes, tickAt } = handTicker(0);
    startScheduling({ ticker, act: () => undefined, nextDueAt: (now) => now });
    tickAt(1_000);
    expect(wakes).toEqual([]);
  });
});
