import { browserStorageChanges, browserTabChannel } from './browserTabs';

const NAME = 'flex-conversations-inactivity/v2/AC1/WK1/tabs';

/** What the browser raises in every other tab when one tab writes localStorage. */
function writtenByAnotherTab(key: string | null, newValue: string | null): void {
  window.dispatchEvent(new StorageEvent('storage', { key, newValue }));
}

/** Runs `body` in a browser without BroadcastChannel (jsdom has none; Node's own global is hidden for the test). */
function withoutBroadcastChannel(body: () => void): void {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'BroadcastChannel');
  // Deleting is how a browser without the API looks; the descriptor is put back below.
  Reflect.deleteProperty(globalThis, 'BroadcastChannel');
  try {
    body();
  } finally {
    if (saved !== undefined) Object.defineProperty(globalThis, 'BroadcastChannel', saved);
  }
}

describe('runtime/browserTabs', () => {
  afterEach(() => window.localStorage.clear());

  describe('browserStorageChanges', () => {
    it("passes on another tab's write of the key, and a clear of all storage as null", () => {
      const seen: Array<string | null> = [];
      const stop = browserStorageChanges.onChange('lease', (value) => seen.push(value));
      writtenByAnotherTab('lease', 'tab-2');
      writtenByAnotherTab('other-key', 'ignored');
      writtenByAnotherTab(null, null);
      stop();
      writtenByAnotherTab('lease', 'after stop');
      expect(seen).toEqual(['tab-2', null]);
    });
  });

  describe('the localStorage fallback channel (no BroadcastChannel)', () => {
    it('says once that tabs talk through localStorage', () => {
      withoutBroadcastChannel(() => {
        const warnings: string[] = [];
        browserTabChannel(NAME, (message) => warnings.push(message)).close();
        expect(warnings).toEqual([
          'Inactivity: BroadcastChannel is not available; tabs talk through localStorage instead.',
        ]);
      });
    });

    it('writes each post to the key as a new value, so two equal messages raise two storage events', () => {
      withoutBroadcastChannel(() => {
        const channel = browserTabChannel<{ kind: string }>(NAME, () => undefined);
        channel.post({ kind: 'actingStarted' });
        const first = window.localStorage.getItem(NAME);
        channel.post({ kind: 'actingStarted' });
        const second = window.localStorage.getItem(NAME);
        expect(JSON.parse(first ?? 'null')).toMatchObject({ message: { kind: 'actingStarted' } });
        expect(JSON.parse(second ?? 'null')).toMatchObject({ message: { kind: 'actingStarted' } });
        expect(second).not.toBe(first);
        channel.close();
      });
    });

    it("delivers another tab's message and skips removed, damaged and foreign values", () => {
      withoutBroadcastChannel(() => {
        const channel = browserTabChannel<{ kind: string }>(NAME, () => undefined);
        const received: Array<{ kind: string }> = [];
        channel.subscribe((message) => received.push(message));
        writtenByAnotherTab(NAME, JSON.stringify({ message: { kind: 'intentApplied' }, nonce: 0.5 }));
        writtenByAnotherTab(NAME, null);
        writtenByAnotherTab(NAME, '{not json');
        writtenByAnotherTab(`${NAME}-other`, JSON.stringify({ message: { kind: 'foreign' }, nonce: 1 }));
        expect(received).toEqual([{ kind: 'intentApplied' }]);
        channel.close();
      });
    });

    it('stops delivering to a listener that unsubscribed, and to all once closed', () => {
      withoutBroadcastChannel(() => {
        const channel = browserTabChannel<string>(NAME, () => undefined);
        const first: string[] = [];
        const second: string[] = [];
        const unsubscribe = channel.subscribe((message) => first.push(message));
        channel.subscribe((message) => second.push(message));
        writtenByAnotherTab(NAME, JSON.stringify({ message: 'one', nonce: 1 }));
        unsubscribe();
        writtenByAnotherTab(NAME, JSON.stringify({ message: 'two', nonce: 2 }));
        channel.close();
        writtenByAnotherTab(NAME, JSON.stringify({ message: 'three', nonce: 3 }));
        expect(first).toEqual(['one']);
        expect(second).toEqual(['one', 'two']);
      });
    });

    it('drops a post quietly when storage refuses it: the acting tab keeps acting on its own', () => {
      withoutBroadcastChannel(() => {
        const channel = browserTabChannel<string>(NAME, () => undefined);
        const setItem = jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
          throw new DOMException('quota exceeded', 'QuotaExceededError');
        });
        try {
          expect(() => channel.post('lost')).not.toThrow();
          expect(setItem).toHaveBeenCalledTimes(1);
        } finally {
          setItem.mockRestore();
          channel.close();
        }
      });
    });
  });
});
