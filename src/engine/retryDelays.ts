/** Waits after the first failures of a command or history read; every later one waits a minute. */
const RETRY_DELAYS_MS = [2_000, 5_000, 15_000, 30_000];

/** How long to wait after the `attempt`-th failure (1-based). */
export function retryDelayAfter(attempt: number): number {
  return RETRY_DELAYS_MS[attempt - 1] ?? 60_000;
}
