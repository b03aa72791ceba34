import { hasOwn } from '../config/hasOwn';
import { isRecord } from '../core/isRecord';

/**
 * Shapes of values read back from untrusted JSON (the browser's storage): each checks a value and returns a copy of
 * exactly what the shape names, or `undefined` when anything is missing, of the wrong type or out of range. One
 * description serves both ways: what is written is the shape's copy, so nothing else an object carries (a customer
 * name, a message text) is ever stored, and what is read back is trusted only once it has passed the same shape.
 */
export type Shape<T> = (value: unknown) => T | undefined;

const when =
  <T>(test: (value: unknown) => boolean): Shape<T> =>
  (value) =>
    test(value) ? (value as T) : undefined;

/** A finite, non-negative number (epoch ms, a duration). */
export const time: Shape<number> = when((value) => typeof value === 'number' && Number.isFinite(value) && value >= 0);

/** A non-negative integer (a counter, a message index). */
export const count: Shape<number> = when((value) => Number.isInteger(value) && (value as number) >= 0);

/** Any string. */
export const text: Shape<string> = when((value) => typeof value === 'string');

/** A non-empty string (a SID). */
export const sid: Shape<string> = when((value) => typeof value === 'string' && value !== '');

export const flag: Shape<boolean> = when((value) => typeof value === 'boolean');

/** One of the given strings. */
export const oneOf = <T extends string>(...allowed: readonly T[]): Shape<T> =>
  when((value) => (allowed as readonly unknown[]).includes(value));

/** `null`, or a value of `shape`. */
export const orNull =
  <T>(shape: Shape<T>): Shape<T | null> =>
  (value) =>
    value === null ? null : shape(value);

/** An array whose every item has `shape`. */
export const arrayOf =
  <T>(shape: Shape<T>): Shape<T[]> =>
  (value) => {
    if (!Array.isArray(value)) return undefined;
    const items = value.map((item: unknown) => shape(item));
    return items.every((item) => item !== undefined) ? (items as T[]) : undefined;
  };

/** Field shapes of an object; a field marked {@link optional} may be absent. */
type Fields<T> = { readonly [K in keyof T]-?: Shape<T[K]> };

const OPTIONAL = Symbol('optional');

/** A field that may be absent (left out of the copy when it is). */
export const optional = <T>(shape: Shape<T>): Shape<T | undefined> =>
  Object.assign((value: unknown) => (value === undefined ? undefined : shape(value)), { [OPTIONAL]: true });

const isOptional = (shape: Shape<unknown>): boolean => OPTIONAL in shape;

/** A field documents written before it existed lack: read as `fallback` there, checked by `shape` otherwise. */
export const withDefault =
  <T>(shape: Shape<T>, fallback: T): Shape<T> =>
  (value) =>
    value === undefined ? fallback : shape(value);

/** An object with exactly these fields (others are left out of the copy). */
export const objectOf =
  <T>(fields: Fields<T>): Shape<T> =>
  (value) => {
    if (!isRecord(value)) return undefined;
    const copy: Record<string, unknown> = {};
    for (const [key, shape] of Object.entries<Shape<unknown>>(fields)) {
      const field = shape(value[key]);
      if (field === undefined && !(isOptional(shape) && value[key] === undefined)) return undefined;
      if (field !== undefined) copy[key] = field;
    }
    return copy as T;
  };

/** One of several objects told apart by their `kind`, each with its own fields besides it. */
export const byKind =
  <T extends { readonly kind: string }>(variants: { readonly [K in T['kind']]: Shape<Extract<T, { kind: K }>> }) =>
  (value: unknown): T | undefined => {
    const kind = isRecord(value) ? value.kind : undefined;
    if (typeof kind !== 'string' || !hasOwn(variants, kind)) return undefined;
    return (variants as Record<string, Shape<T>>)[kind]?.(value);
  };
