import { isRecord } from './isRecord';

/** The attribute key under which our own messages carry their marker. */
export const MARKER_KEY = 'conversationsInactivity';

/**
 * What the plugin writes into the attributes of each message it sends, so that any client (this tab after a
 * reload, another tab, another device) can tell which warning of which cycle was already sent.
 */
export interface InactivityMarker {
  readonly kind: 'warning' | 'closing';
  /** The task (WT...) the message belongs to: a later task on the same conversation starts from scratch. */
  readonly taskSid: string;
  /** Index of the message that started the cycle, null when acceptance started it. */
  readonly cycleStartIndex: number | null;
  /** For warnings: which warning of the cycle. */
  readonly warningIndex?: number;
}

/** Message attributes carrying `marker`. */
export function markerAttributes(marker: InactivityMarker): Record<string, InactivityMarker> {
  return { [MARKER_KEY]: marker };
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The marker in a message's attributes, or null when the message is not one of ours (or the marker is damaged). */
export function readMarker(attributes: unknown): InactivityMarker | null {
  if (!isRecord(attributes)) return null;
  const marker = attributes[MARKER_KEY];
  if (!isRecord(marker) || typeof marker.taskSid !== 'string') return null;
  if (marker.cycleStartIndex !== null && !isIndex(marker.cycleStartIndex)) return null;
  const base = { taskSid: marker.taskSid, cycleStartIndex: marker.cycleStartIndex };
  if (marker.kind === 'closing') return { kind: 'closing', ...base };
  if (marker.kind === 'warning' && isIndex(marker.warningIndex)) {
    return { kind: 'warning', ...base, warningIndex: marker.warningIndex };
  }
  return null;
}
