/**
 * The agent's Server-Sent Events stream of PushEvents. Stands in for the Twilsock socket: it reports when it is up,
 * hands every well-formed event to the client, and reopens itself when the browser gives up on it (server restart).
 */
import { InternalRoutes } from '../../../shared/protocol';
import type { PushEvent } from '../../../shared/protocol';
import { getSandboxEnvironment } from './environment';
import type { EventSourceLike } from './environment';

/** EventSource.CLOSED: the browser will not retry on its own (a non-stream answer, e.g. 404 while the server starts). */
const CLOSED = 2;

export interface PushStreamHandlers {
  /** A PushEvent arrived. */
  onEvent(event: PushEvent): void;
  /** The stream dropped; events may be missed until the next `hello`. */
  onDrop(): void;
}

/** Typed boundary: the server sends protocol.ts PushEvents; anything without a string `type` is discarded. */
function parsePushEvent(data: string): PushEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const type = (parsed as { type?: unknown }).type;
  return typeof type === 'string' ? (parsed as PushEvent) : null;
}

export class PushStream {
  private source: EventSourceLike | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly handlers: PushStreamHandlers) {}

  open(): void {
    this.stopped = false;
    this.connect();
  }

  close(): void {
    this.stopped = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.source?.close();
    this.source = null;
  }

  private connect(): void {
    const environment = getSandboxEnvironment();
    const source = environment.openEventSource(`${environment.baseUrl}${InternalRoutes.stream}?role=agent`);
    this.source = source;
    source.onmessage = (message) => {
      const event = parsePushEvent(message.data);
      if (event) this.handlers.onEvent(event);
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.handlers.onDrop();
      if (source.readyState === CLOSED && !this.stopped) {
        source.close();
        this.source = null;
        this.reconnectTimer = setTimeout(() => {
          this.reconnectTimer = null;
          if (!this.stopped) this.connect();
        }, environment.reconnectDelayMs);
      }
    };
  }
}
