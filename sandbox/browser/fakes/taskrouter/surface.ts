/**
 * Type helpers that tie each fake to the real twilio-taskrouter declarations, so a renamed or retyped member of the
 * real SDK is a compile error here instead of a silent difference at run time.
 */

/** A promise-returning method of the real class, with its real parameters; the fake may resolve with itself. */
type SameCall<M> = M extends (...args: infer A) => Promise<unknown> ? (...args: A) => Promise<unknown> : never;

/** The listed methods of `T` with their real parameter lists (return types are relaxed to `Promise<unknown>`). */
export type MethodsOf<T, K extends keyof T> = { [P in K]: SameCall<T[P]> };
