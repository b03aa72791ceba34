import type { ClockSkew } from '../core/clockSkew';
import { createClockSkew } from '../core/clockSkew';
import type { KeyValueStorage } from '../runtime/keyValueStorage';

/**
 * A clock skew estimate that survives reloads, kept under `key`: the first reconciliation after a reload needs it
 * most. Written once per new estimate, never per tick.
 */
export function rememberedClockSkew(storage: () => KeyValueStorage, key: string): ClockSkew {
  const read = (): number | null => {
    try {
      const text = storage().getItem(key);
      const value = Number(text);
      return text !== null && Number.isFinite(value) ? value : null;
    } catch {
      return null;
    }
  };
  const write = (offsetMs: number): void => {
    try {
      storage().setItem(key, String(Math.round(offsetMs)));
    } catch {
      // Without storage the estimate is relearnt from the next live message; timers are warned about elsewhere.
    }
  };
  const skew = createClockSkew({ initialOffsetMs: read() });
  skew.onEstimateChanged(write);
  return skew;
}
