/**
 * Estimates how far this PC's clock is from Twilio's, so that server timestamps are turned into local time. An agent
 * whose clock runs minutes ahead would otherwise see every message and every acceptance as minutes old, and chats
 * would be wrapped up early.
 *
 * Every server-stamped thing received live bounds the offset (local - server) from above: it was stamped before it
 * arrived. The estimate is the lowest bound among the recent ones, after dropping bounds far below the others (a
 * message an integration stamped hours in the future would otherwise drag every server time into the past). Erring
 * high only ever gives the customer more time. While nothing is known, a server time counts as "now": the plugin
 * then never acts earlier than it would with a correct clock.
 */
export interface ClockSkew {
  /** Something Twilio stamped at server time `serverAt` had reached this PC by local time `localAt`. */
  observeReceived(localAt: number, serverAt: number): void;
  /** The local time of server time `serverAt`, never later than `now`; `now` itself while nothing is known. */
  localTimeOf(serverAt: number, now: number): number;
  /**
   * Twilio's time at local time `localAt`, for what is stamped for reports; `localAt` while nothing is known. Behind
   * the true time by at most a network delay (the estimate is an upper bound), never minutes off like a wrong PC clock.
   */
  serverTimeOf(localAt: number): number;
  /** The current estimate of local minus server time, or null while nothing is known. */
  offsetMs(): number | null;
  /** Calls `listener` with each new estimate (to keep it for the next page, to re-time what it placed); unsubscribes. */
  onEstimateChanged(listener: (offsetMs: number) => void): () => void;
}

export interface ClockSkewOptions {
  /** The estimate a previous page of this browser left, used until this page observes anything. */
  readonly initialOffsetMs?: number | null;
}

/** How many recent bounds the estimate is taken from: old ones leave, so the estimate can follow a corrected clock. */
export const SKEW_WINDOW = 20;

/**
 * A bound this far below the median of the window is an outlier (a wrong timestamp), not a faster delivery: network
 * delay spreads honest bounds by seconds, not minutes.
 */
export const SKEW_OUTLIER_MS = 60_000;

/**
 * The latest instant a server stamp can stand for. Twilio's REST resources are stamped to the whole second
 * (`2026-12-04T10:15:00Z`): an event stamped `s` happened somewhere in [s, s + 1 s). Where a stamp is taken as the
 * start of a countdown, the latest reading never starts it before the event; a stamp with milliseconds is exact.
 */
export function latestInstantOf(serverStamp: number): number {
  return serverStamp % 1_000 === 0 ? serverStamp + 999 : serverStamp;
}

/** The estimate from a window of bounds: the lowest one that is not an outlier. Pure. */
export function estimateOffset(bounds: readonly number[]): number | null {
  if (bounds.length === 0) return null;
  const sorted = [...bounds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return sorted.find((bound) => bound >= median - SKEW_OUTLIER_MS) ?? median;
}

/** A skew estimator over a sliding window of bounds. */
export function createClockSkew({ initialOffsetMs = null }: ClockSkewOptions = {}): ClockSkew {
  const bounds: number[] = [];
  const listeners = new Set<(offsetMs: number) => void>();
  let estimate = initialOffsetMs;
  return {
    observeReceived(localAt, serverAt) {
      if (!Number.isFinite(localAt) || !Number.isFinite(serverAt)) return;
      bounds.push(localAt - serverAt);
      if (bounds.length > SKEW_WINDOW) bounds.shift();
      const next = estimateOffset(bounds);
      if (next === null || next === estimate) return;
      estimate = next;
      listeners.forEach((listener) => listener(next));
    },
    localTimeOf: (serverAt, now) => (estimate === null ? now : Math.min(now, serverAt + estimate)),
    serverTimeOf: (localAt) => localAt - (estimate ?? 0),
    offsetMs: () => estimate,
    onEstimateChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
