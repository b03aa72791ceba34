import { SandboxError } from './errors';

/** A parsed JSON object body. */
export type JsonObject = Readonly<Record<string, unknown>>;

// Readers for JSON request bodies. Each failure is a 400 whose message names the field and what it must be.

/** `body` as an object; 400 for arrays, null and scalars. */
export function asObject(body: unknown): JsonObject {
  if (isPlainObject(body)) return body;
  throw new SandboxError(400, `body must be a JSON object, got ${describeJson(body)}`);
}

/** 400 naming the first field of `body` that is not in `allowed` (usually a typo). */
export function rejectUnknownFields(body: JsonObject, allowed: readonly string[]): void {
  const unknown = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknown === undefined) return;
  throw new SandboxError(400, `unknown field "${unknown}"; expected only ${allowed.map(quote).join(', ')}`);
}

/** A field that must be one of `values`. */
export function requiredEnum<T extends string>(body: JsonObject, field: string, values: readonly T[]): T {
  const value = body[field];
  const expected = `one of ${values.map(quote).join(', ')}`;
  if (value === undefined) throw new SandboxError(400, `"${field}" is required: ${expected}`);
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  throw new SandboxError(400, `"${field}" must be ${expected}, got ${describeJson(value)}`);
}

/** A field that must be a non-empty string. */
export function requiredString(body: JsonObject, field: string): string {
  const value = optionalString(body, field);
  if (value === undefined) throw new SandboxError(400, `"${field}" is required: a non-empty string`);
  return value;
}

/** A field that, when present, must be a non-empty string. */
export function optionalString(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new SandboxError(400, `"${field}" must be a non-empty string, got ${describeJson(value)}`);
}

/** A field that, when present, must be true or false. */
export function optionalBoolean(body: JsonObject, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || typeof value === 'boolean') return value;
  throw new SandboxError(400, `"${field}" must be true or false, got ${describeJson(value)}`);
}

/** A field that, when present, must be a JSON object. */
export function optionalObject(body: JsonObject, field: string): Record<string, unknown> | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (isPlainObject(value)) return { ...value };
  throw new SandboxError(400, `"${field}" must be a JSON object, got ${describeJson(value)}`);
}

/** A field that, when present, must be a whole number of milliseconds from 0 to `max`. */
export function optionalMilliseconds(body: JsonObject, field: string, max: number): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max) return value;
  throw new SandboxError(
    400,
    `"${field}" must be a whole number of milliseconds from 0 to ${max}, got ${describeJson(value)}`,
  );
}

/** A field that, when present, must be a number of seconds (fractions allowed) from 0 to `max`. */
export function optionalSeconds(body: JsonObject, field: string, max: number): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max) return value;
  throw new SandboxError(400, `"${field}" must be a number of seconds from 0 to ${max}, got ${describeJson(value)}`);
}

/** A field that, when present, must be an ISO-8601 date and time (`2024-05-01T12:00:00Z`); epoch ms. */
export function optionalIsoTime(body: JsonObject, field: string): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  if (Number.isFinite(time)) return time;
  throw new SandboxError(400, `"${field}" must be an ISO-8601 date and time, got ${describeJson(value)}`);
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a JSON value for error messages: `"fax"`, `42`, `null`, `an array`, `an object`. */
export function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (isPlainObject(value)) return 'an object';
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : quote(value);
  return String(value);
}

function quote(text: string): string {
  return JSON.stringify(text);
}
