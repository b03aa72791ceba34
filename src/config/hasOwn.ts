/** Own keys only: a channel, queue or key named "constructor" must not find Object.prototype's. */
export function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}
