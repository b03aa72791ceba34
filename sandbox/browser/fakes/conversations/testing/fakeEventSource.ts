/**
 * A test double for the browser's EventSource: records the streams the fake opens and lets a test deliver PushEvents
 * on them or make them fail, synchronously.
 */
import type { PushEvent } from '../../../../shared/protocol';
import type { EventSourceLike } from '../environment';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 2;

export class FakeEventSource implements EventSourceLike {
  readyState = CONNECTING;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;

  constructor(readonly url: string) {}

  /** Delivers one PushEvent as a `data:` line. */
  push(event: PushEvent): void {
    this.deliver(JSON.stringify(event));
  }

  /** Delivers raw `data:` text (to test malformed input). */
  deliver(data: string): void {
    if (this.closed) throw new Error('pushing to a closed stream');
    if (this.readyState !== OPEN) {
      this.readyState = OPEN;
      this.onopen?.(new Event('open'));
    }
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  /** The connection drops; with `giveUp` the browser stops retrying (CLOSED), else it retries (CONNECTING). */
  fail(giveUp: boolean): void {
    this.readyState = giveUp ? CLOSED : CONNECTING;
    this.onerror?.(new Event('error'));
  }

  close(): void {
    this.readyState = CLOSED;
    this.closed = true;
  }
}
