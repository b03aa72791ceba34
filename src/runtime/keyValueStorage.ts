/**
 * The one storage port of the plugin: timers, the tab lease and the clock memory all go through it. In Flex it is
 * `window.localStorage`; in tests a plain in-memory map.
 */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * `window.localStorage` behind a getter: merely touching it throws when the browser blocks storage, so callers read
 * it at the moment of use and handle the throw there.
 */
export function browserStorage(): KeyValueStorage {
  return window.localStorage;
}

/** An in-memory storage for tests and for pages where Web Storage is refused. */
export class MemoryStorage implements KeyValueStorage {
  private readonly items = new Map<string, string>();

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }
}
