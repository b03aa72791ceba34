/** Whether `value` is a plain JSON-style object (not null, not an array): how untrusted attributes are read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
