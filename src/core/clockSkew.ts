/**
 * Estimates how far this PC's clock is from Twilio's, so that server timestamps read at reconciliation are turned
 * into local time. An agent whose clock runs minutes ahead would otherwise see every message as minutes old, and a
 * reload would wrap chats up early.
 *
 * Each message this client receives live bounds the offset (local - server) from above, since it was created before
 * it arrived; the smallest bound seen is the estimate. It errs towards later local times, so towards later deadlines:
 * a wrong estimate can only give the customer a little more time, never less.
 */
export interface ClockSkew {
  /** A live message created at server time `serverAt` arrived at local time `localAt`. */
  observeReceived(localAt: number, serverAt: number): void;
  /** Local time of a server timestamp, by the best estimate so far. */
  toLocal(serverAt: number): number;
  /** The current estimate of local minus server time, or null before any observation. */
  offsetMs(): number | null;
}

export interface ClockSkewOptions {
  /** The estimate a previous page of this browser left, so a reload does not start blind. */
  readonly initialOffsetMs?: number | null;
  /** Called when the estimate improves, to keep it for the next page. */
  readonly onEstimate?: (offsetMs: number) => void;
}

/** A skew estimator. Until it knows anything it assumes the clocks agree. */
export function createClockSkew({ initialOffsetMs = null, onEstimate }: ClockSkewOptions = {}): ClockSkew {
  let estimate = initialOffsetMs;
  let observed = false;
  return {
    observeReceived(localAt, serverAt) {
      const bound = localAt - serverAt;
      // A fresh page trusts its own first observation over a remembered one: the PC clock may have been corrected.
      if (observed && estimate !== null && bound >= estimate) return;
      observed = true;
      estimate = bound;
      onEstimate?.(bound);
    },
    toLocal: (serverAt) => serverAt + (estimate ?? 0),
    offsetMs: () => estimate,
  };
}
