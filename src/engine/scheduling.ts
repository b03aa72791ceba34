import type { Clock, IntervalHandle } from '../runtime/clock';
import type { NowSource } from '../runtime/ticker';

export interface SchedulingDeps {
  readonly ticker: NowSource;
  readonly clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
  /** Plans and runs what is due at `now`. */
  readonly act: (now: number) => void;
  /** The next moment after `now` at which something becomes due, or null. */
  readonly nextDueAt: (now: number) => number | null;
}

/**
 * Acts on every tick and, between ticks, exactly at the next due moment, so a visible tab acts on time instead of
 * up to a tick late. The ticker stays the backstop: hidden tabs throttle the main-thread timer, not the ticker's
 * Worker. Returns the way to stop.
 */
export function startScheduling(deps: SchedulingDeps): () => void {
  let wake: { readonly at: number; readonly handle: IntervalHandle } | undefined;

  const planWake = (now: number): void => {
    const next = deps.nextDueAt(now);
    const at = next !== null && next > now ? next : undefined;
    if (wake !== undefined && wake.at === at) return;
    if (wake !== undefined) deps.clock.clearTimeout(wake.handle);
    wake =
      at === undefined ? undefined : { at, handle: deps.clock.setTimeout(() => onTick(deps.clock.now()), at - now) };
  };

  function onTick(now: number): void {
    if (wake !== undefined && wake.at <= now) wake = undefined;
    deps.act(now);
    // Acting can end tasks and record warnings at once: plan the wake-up on what is left.
    planWake(now);
  }

  const unsubscribe = deps.ticker.subscribe(onTick);
  return () => {
    unsubscribe();
    if (wake !== undefined) deps.clock.clearTimeout(wake.handle);
    wake = undefined;
  };
}
