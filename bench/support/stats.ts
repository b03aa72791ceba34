/** Small statistics for noisy timings: medians and spreads, never means. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  const lower = sorted[mid - 1] ?? upper;
  return sorted.length % 2 === 1 ? upper : (lower + upper) / 2;
}

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function spreadOf(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Least-squares slope of y over x (e.g. heap bytes per cycle). */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return 0;
  const mean = (values: readonly number[]): number => values.slice(0, n).reduce((a, b) => a + b, 0) / n;
  const mx = mean(xs);
  const my = mean(ys);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (xs[i] ?? 0) - mx;
    num += dx * ((ys[i] ?? 0) - my);
    den += dx * dx;
  }
  return den === 0 ? 0 : num / den;
}

/** `node --expose-gc` adds `gc()` to the global scope; nothing types it. */
function isGc(value: unknown): value is () => void {
  return typeof value === 'function';
}

/** Collects garbage when Node runs with --expose-gc, so heap readings and timings start from a clean heap. */
export function collectGarbage(): boolean {
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (!isGc(gc)) return false;
  gc();
  return true;
}
