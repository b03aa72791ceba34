import type { WakingNowSource } from '../runtime/ticker';

export interface SchedulingDeps {
  readonly ticker: WakingNowSource;
  /** Plans and runs what is due at `now`. */
  readonly act: (now: number) => void;
  /** The next moment after `now` at which something becomes due, or null. */
  readonly nextDueAt: (now: number) => number | null;
}

/**
 * Acts on every tick and, between ticks, exactly at the next due moment: the ticker wakes at it from its Worker, so
 * a hidden tab (whose own timers the browser throttles) acts on time too. Returns the way to stop.
 */
export function startScheduling(deps: SchedulingDeps): () => void {
  let wakeAt: number | null = null;

  const planWake = (now: number): void => {
    const next = deps.nextDueAt(now);
    const at = next !== null && next > now ? next : null;
    if (at === wakeAt) return;
    wakeAt = at;
    deps.ticker.wakeAt(at);
  };

  function onTick(now: number): void {
    if (wakeAt !== null && wakeAt <= now) wakeAt = null;
    deps.act(now);
    // Acting can end tasks and record warnings at once: plan the wake-up on what is left.
    planWake(now);
  }

  const unsubscribe = deps.ticker.subscribe(onTick);
  return () => {
    unsubscribe();
    if (wakeAt !== null) deps.ticker.wakeAt(null);
    wakeAt = null;
  };
}
