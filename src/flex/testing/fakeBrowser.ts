import type { StorageChanges, TabChannel } from '../../runtime/browserTabs';
import type { PageVisibility } from '../../runtime/pageVisibility';
import type { KeyValueStorage } from '../../runtime/keyValueStorage';

/** What one tab sees of the browser the agent's tabs share. */
export interface FakeTabView {
  readonly tabNumber: number;
  readonly storage: KeyValueStorage;
  readonly storageChanges: StorageChanges;
  readonly channel: <M>() => TabChannel<M>;
  readonly visibility: FakeVisibility;
}

/** A page the test shows or hides. */
export class FakeVisibility implements PageVisibility {
  private visible = true;
  private readonly listeners = new Set<() => void>();

  isVisible(): boolean {
    return this.visible;
  }

  onVisible(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(visible: boolean): void {
    const becameVisible = visible && !this.visible;
    this.visible = visible;
    if (becameVisible) this.listeners.forEach((listener) => listener());
  }
}

interface TabListeners {
  readonly storage: Set<{ readonly key: string; readonly listener: (value: string | null) => void }>;
  readonly channel: Set<(message: unknown) => void>;
}

/**
 * One browser profile: localStorage shared by every tab, whose writes raise `storage` events in the other tabs only,
 * and a BroadcastChannel that delivers (asynchronously, as browsers do) to every tab but the sender.
 */
export class FakeBrowser {
  readonly items = new Map<string, string>();
  /** Writes per key, by any tab. */
  readonly writes = new Map<string, number>();
  /** Which tabs (numbered from 1 in opening order) wrote each key. */
  readonly writers = new Map<string, Set<number>>();
  private opened = 0;
  private readonly tabs = new Set<TabListeners>();

  tab(): FakeTabView {
    this.opened += 1;
    const tabNumber = this.opened;
    const own: TabListeners = { storage: new Set(), channel: new Set() };
    this.tabs.add(own);
    const others = (): TabListeners[] => [...this.tabs].filter((tab) => tab !== own);
    const write = (key: string, value: string | null): void => {
      if (value === null) this.items.delete(key);
      else this.items.set(key, value);
      this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
      this.writers.set(key, new Set([...(this.writers.get(key) ?? []), tabNumber]));
      others().forEach((tab) =>
        [...tab.storage].filter((entry) => entry.key === key).forEach((entry) => entry.listener(value)),
      );
    };
    return {
      tabNumber,
      storage: {
        getItem: (key) => this.items.get(key) ?? null,
        setItem: (key, value) => write(key, value),
        removeItem: (key) => write(key, null),
      },
      storageChanges: {
        onChange(key, listener) {
          const entry = { key, listener };
          own.storage.add(entry);
          return () => own.storage.delete(entry);
        },
      },
      channel: <M>(): TabChannel<M> => ({
        post: (message: M) => {
          const receivers = others();
          void Promise.resolve().then(() =>
            receivers.forEach((tab) => tab.channel.forEach((deliver) => deliver(message))),
          );
        },
        subscribe(listener: (message: M) => void) {
          const deliver = listener as (message: unknown) => void;
          own.channel.add(deliver);
          return () => own.channel.delete(deliver);
        },
        close: () => {
          own.channel.clear();
          own.storage.clear();
          this.tabs.delete(own);
        },
      }),
      visibility: new FakeVisibility(),
    };
  }
}
