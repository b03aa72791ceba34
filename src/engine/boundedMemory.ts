/** Keeps `entries` (a Map or Set, oldest first) to its newest `max`: call after each insertion. */
export function dropOldestBeyond<K>(entries: Map<K, unknown> | Set<K>, max: number): void {
  const oldest = entries.keys().next();
  if (entries.size > max && oldest.done !== true) entries.delete(oldest.value);
}
