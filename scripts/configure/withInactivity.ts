import type { JsonObject } from './jsonValue';

/** The key of `ui_attributes` the plugin reads, and the only one this command ever changes. */
export const INACTIVITY_KEY = 'customerInactivity';

/** The account's current `customerInactivity` (undefined when not set). */
export function inactivityOf(uiAttributes: JsonObject): unknown {
  return Object.prototype.hasOwnProperty.call(uiAttributes, INACTIVITY_KEY) ? uiAttributes[INACTIVITY_KEY] : undefined;
}

/**
 * `ui_attributes` with only `customerInactivity` replaced. Every other key is carried over as read, in its order, and
 * `customerInactivity` keeps its position, because the API stores exactly the object it is sent.
 */
export function withInactivity(uiAttributes: JsonObject, inactivity: unknown): JsonObject {
  return { ...uiAttributes, [INACTIVITY_KEY]: inactivity };
}
