/**
 * Estimates how far this PC's clock is from Twilio's, so that server timestamps read at reconciliation are turned
 * into local time. An agent whose clock runs minutes ahead would otherwise see every message as minutes old, and a
 * reload would wrap chats up early.
 *
 * Each message this client receives live bounds the offset (local - server) from above: it was created before it
 * arrived. Each message this client sends bounds it from below: it was created after we sent it.
 */
export interface ClockSkew {
  /** A live message created at `serverAt` arrived at local `localAt`. */
  observeReceived(localAt: number, serverAt: number): void;
  /** A message this client started sending at local `localAt` was created at `serverAt`. */
  observeSent(localAt: number, serverAt: number): void;
  /** Local time of a server timestamp, by the best estimate so far. */
  toLocal(serverAt: number): number;
  /** The current estimate of local minus server time, or null before any observation. */
  offsetMs(): number | null;
}

/**
 * A skew estimator starting from `initialOffsetMs` (a previous page's estimate, or null). Until it has observed
 * anything it assumes the clocks agree.
 */
export function createClockSkew(initialOffsetMs: number | null = null): ClockSkew {
  let upper = Number.POSITIVE_INFINITY;
  let lower = Number.NEGATIVE_INFINITY;
  const estimate = (): number | null => {
    const hasUpper = Number.isFinite(upper);
    const hasLower = Number.isFinite(lower);
    // With both bounds the truth lies between; with one, the receive bound errs towards later deadlines (safe).
    if (hasUpper && hasLower) return lower <= upper ? (lower + upper) / 2 : upper;
    if (hasUpper) return upper;
    if (hasLower) return lower;
    return initialOffsetMs;
  };
  return {
    observeReceived(localAt, serverAt) {
      upper = Math.min(upper, localAt - serverAt);
    },
    observeSent(localAt, serverAt) {
      lower = Math.max(lower, localAt - serverAt);
    },
    toLocal(serverAt) {
      return serverAt + (estimate() ?? 0);
    },
    offsetMs: estimate,
  };
}
