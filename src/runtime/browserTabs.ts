/**
 * The browser's ways for the agent's tabs to reach each other: storage events and a BroadcastChannel (through
 * localStorage where the browser has none). Where storage is refused too, a tab simply hears nothing.
 */
/** Changes another tab made to the shared storage (the browser's `storage` event). */
export interface StorageChanges {
  /** Calls `listener` with the new value whenever another tab writes `key`; returns the way to stop. */
  onChange(key: string, listener: (value: string | null) => void): () => void;
}

/**
 * Messages between the agent's tabs of one account and worker (a BroadcastChannel in the browser). A tab never
 * receives its own posts.
 */
export interface TabChannel<M> {
  post(message: M): void;
  subscribe(listener: (message: M) => void): () => void;
  close(): void;
}

/** Writes another tab made to localStorage (the `storage` event never fires in the tab that wrote). */
export const browserStorageChanges: StorageChanges = {
  onChange(key, listener) {
    if (typeof window === 'undefined') return () => undefined;
    const handler = (event: StorageEvent): void => {
      if (event.key === key || event.key === null) listener(event.newValue);
    };
    window.addEventListener('storage', handler);
    return () => window.removeEventListener('storage', handler);
  },
};

/**
 * A BroadcastChannel named `name`. Without one (very old browsers), messages go through a localStorage key instead,
 * whose storage events reach the other tabs just the same.
 */
export function browserTabChannel<M>(name: string, warn: (message: string) => void): TabChannel<M> {
  if (typeof BroadcastChannel === 'function') return broadcastChannel<M>(name);
  warn('Inactivity: BroadcastChannel is not available; tabs talk through localStorage instead.');
  return storageChannel<M>(name);
}

function broadcastChannel<M>(name: string): TabChannel<M> {
  const channel = new BroadcastChannel(name);
  const listeners = new Set<(message: M) => void>();
  channel.onmessage = (event: MessageEvent<M>) => listeners.forEach((listener) => listener(event.data));
  return {
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      channel.close();
    },
  };
}

function storageChannel<M>(name: string): TabChannel<M> {
  const listeners = new Set<() => void>();
  return {
    post(message) {
      try {
        // The nonce makes two equal messages in a row two writes, so both raise a storage event.
        window.localStorage.setItem(name, JSON.stringify({ message, nonce: Math.random() }));
      } catch {
        // Storage refused: this tab cannot reach the others; the acting tab keeps acting on its own timers.
      }
    },
    subscribe(listener) {
      const stop = browserStorageChanges.onChange(name, (value) => {
        if (value === null) return;
        try {
          listener((JSON.parse(value) as { message: M }).message);
        } catch {
          // Not ours, or damaged: nothing to deliver.
        }
      });
      listeners.add(stop);
      return () => {
        stop();
        listeners.delete(stop);
      };
    },
    close() {
      listeners.forEach((stop) => stop());
      listeners.clear();
    },
  };
}

/** A random id for intents and notices. */
export function randomId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
