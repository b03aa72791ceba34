/** Waits between attempts of a failing command or history read: backing off to a minute, which then repeats. */
const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [2_000, 5_000, 15_000, 30_000, 60_000];

/** How long to wait after the `attempt`-th failure (1-based): the last of `delays` repeats once they run out. */
export function retryDelayAfter(attempt: number, delays: readonly number[] = DEFAULT_RETRY_DELAYS_MS): number {
  return delays[Math.min(attempt, delays.length) - 1] ?? 60_000;
}
