/**
 * Reading the server's DTOs (sandbox/shared/protocol.ts) into the shapes the real SDK exposes: ISO strings become
 * Dates, attribute records become JSON values.
 */
import type { JSONObject } from './realTypes';

/** A `Date` for an ISO-8601 string; null when absent or unparsable (the real SDK's dates are `Date | null`). */
export function toDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Attributes as the SDK's `JSONObject`. Typed boundary: they arrived through JSON.parse, so every value is already a
 * JSON value; the protocol types them as `unknown` only because it is shared with the server.
 */
export function toJsonObject(attributes: Record<string, unknown> | null | undefined): JSONObject {
  return (attributes ?? {}) as JSONObject;
}

/** Structural equality of two JSON values (attributes compare this way to decide whether they "changed"). */
export function sameJson(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** Same instant (or both missing). */
export function sameDate(left: Date | null, right: Date | null): boolean {
  return (left?.getTime() ?? null) === (right?.getTime() ?? null);
}
