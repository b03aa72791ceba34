/**
 * Bundle-time replacement for `twilio-sync` (esbuild alias). Flex uses Sync as its "insights client": the live queries
 * behind the Teams view and supervisor monitoring, and its connection state feeds `manager.events`
 * `connectionStateChanged`. The sandbox has no other workers to show, so the client connects at once, never touches
 * the network and answers every query with no items.
 */
import { EventEmitter } from 'events';
import type { Manager } from '@twilio/flex-ui';
import { warnOnMissingMembers } from './missingMembers';

/** The twilio-sync version Flex itself is typed against (its own nested copy). */
type RealSyncClient = Manager['insightsClient'];
type ConnectionState = RealSyncClient['connectionState'];

/** A query result with no items that never changes (the subset of LiveQuery/InstantQuery Flex calls). */
class EmptyQuery extends EventEmitter {
  readonly sid = '';
  readonly lastEventId = 0;

  getItems(): Record<string, object> {
    return {};
  }

  search(_queryExpression: string): Promise<void> {
    return Promise.resolve();
  }

  updateIndexName(_indexName: string): void {}

  close(): void {
    this.removeAllListeners();
  }
}

function noSyncObjects(kind: string): Promise<never> {
  return Promise.reject(new Error(`Sync ${kind} objects are not available in the sandbox`));
}

export class SyncClient extends EventEmitter implements Pick<RealSyncClient, 'connectionState'> {
  static readonly version = 'sandbox';
  connectionState: ConnectionState = 'connecting';

  constructor(_token: string, _options?: object) {
    super();
    // Flex subscribes to `connectionStateChanged` right after constructing the client.
    setTimeout(() => {
      this.connectionState = 'connected';
      this.emit('connectionStateChanged', this.connectionState);
    }, 0);
    return warnOnMissingMembers('SyncClient', this);
  }

  liveQuery(_indexName: string, _queryExpression: string): Promise<EmptyQuery> {
    return Promise.resolve(new EmptyQuery());
  }

  instantQuery(_indexName: string): Promise<EmptyQuery> {
    return Promise.resolve(new EmptyQuery());
  }

  document(_arg?: unknown): Promise<never> {
    return noSyncObjects('document');
  }

  map(_arg?: unknown): Promise<never> {
    return noSyncObjects('map');
  }

  list(_arg?: unknown): Promise<never> {
    return noSyncObjects('list');
  }

  stream(_arg?: unknown): Promise<never> {
    return noSyncObjects('stream');
  }

  updateToken(_token: string): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.connectionState = 'disconnected';
    this.removeAllListeners();
    return Promise.resolve();
  }
}

export default SyncClient;
