/**
 * Bundle-time replacement for `twilsock` (esbuild alias). Flex opens its own Twilsock only to post telemetry; the
 * sandbox accepts and drops those posts, and never opens a socket.
 */
import { EventEmitter } from 'events';
import { warnOnMissingMembers } from './missingMembers';

/** What a Twilsock HTTP-over-socket call resolves with. */
interface TwilsockResult {
  readonly status: { readonly code: number; readonly status: string };
  readonly headers: Record<string, string>;
  readonly body: null;
}

const ACCEPTED: TwilsockResult = { status: { code: 200, status: 'OK' }, headers: {}, body: null };

export class TwilsockClient extends EventEmitter {
  readonly version = 'sandbox';
  state: 'disconnected' | 'connected' = 'disconnected';

  constructor(_token: string, _productId: string, _options?: object) {
    super();
    return warnOnMissingMembers('TwilsockClient', this);
  }

  get isConnected(): boolean {
    return this.state === 'connected';
  }

  connect(): void {
    this.state = 'connected';
    setTimeout(() => {
      this.emit('stateChanged', this.state);
      this.emit('connected');
    }, 0);
  }

  disconnect(): Promise<void> {
    this.state = 'disconnected';
    this.emit('stateChanged', this.state);
    this.emit('disconnected');
    return Promise.resolve();
  }

  updateToken(_token: string): Promise<void> {
    return Promise.resolve();
  }

  post(_url: string, _headers: object, _body?: unknown): Promise<TwilsockResult> {
    return Promise.resolve(ACCEPTED);
  }

  get(_url: string, _headers: object): Promise<TwilsockResult> {
    return Promise.resolve(ACCEPTED);
  }

  put(_url: string, _headers: object, _body?: unknown): Promise<TwilsockResult> {
    return Promise.resolve(ACCEPTED);
  }

  delete(_url: string, _headers: object, _body?: unknown): Promise<TwilsockResult> {
    return Promise.resolve(ACCEPTED);
  }
}

export { TwilsockClient as Twilsock };
