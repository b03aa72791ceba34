/** A JSON object as parsed: string keys, values of any JSON type. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep equality of two JSON values, ignoring object key order: the API may return the keys of `ui_attributes` in
 * another order than it stored them, and that is not a change.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isJsonObject(value)) return value;
  const sorted = Object.keys(value)
    .sort()
    .map((key) => [key, sortKeys(value[key])]);
  return Object.fromEntries(sorted);
}
