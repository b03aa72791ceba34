/// <reference types="node" />
import type { ServerResponse } from 'http';
import { clearInterval, setInterval } from 'timers';

import type { ConversationsConnectionState, PushEvent } from '../shared/protocol';
import type { Audience, PushSink } from './push';

/** What a page subscribed to at GET /sandbox/internal/stream. */
export type Subscription = { readonly role: 'agent' } | { readonly role: 'customer'; readonly conversationSid: string };

interface Client {
  readonly subscription: Subscription;
  readonly res: ServerResponse;
}

/** Keep-alive comment interval: short enough for proxies and browsers never to drop an idle stream. */
export const KEEP_ALIVE_MS = 15_000;

// Events a Conversations client receives over its own connection: an offline agent client misses them until it
// reconnects, whereas TaskRouter events travel on a separate connection and keep flowing.
const CONVERSATIONS_EVENTS: ReadonlySet<PushEvent['type']> = new Set<PushEvent['type']>([
  'messageAdded',
  'conversationUpdated',
  'conversationRemoved',
  'participantJoined',
  'participantLeft',
]);

// Events the TaskRouter Worker receives over its own socket: while that socket is down they are lost, not held.
const TASKROUTER_EVENTS: ReadonlySet<PushEvent['type']> = new Set<PushEvent['type']>([
  'reservationCreated',
  'reservationUpdated',
]);

/**
 * Server-Sent Events hub: one `data: <json>` per PushEvent. Agent pages hear everything meant for the agent; a
 * customer page hears only its conversation's messageAdded. While the agent connection is down, Conversations
 * events for agent pages are held and delivered in order right after the `connected` event. Between
 * `workerDisconnected` and `workerReconnected` (POST /sandbox/worker/reconnect), TaskRouter events for agent pages
 * are dropped: `workerReconnected` carries the state they would have told.
 */
export class EventHub {
  private readonly clients = new Set<Client>();
  private held: PushEvent[] = [];
  private state: ConversationsConnectionState = 'connected';
  private workerOnline = true;
  private keepAliveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: { readonly keepAliveMs: number; readonly now: () => number }) {}

  /** Number of open streams. */
  get size(): number {
    return this.clients.size;
  }

  /** Sends `event` to the pages `audience` names (bound, so it can be handed to the world as its PushSink). */
  readonly publish: PushSink = (event: PushEvent, audience: Audience): void => {
    if (event.type === 'connectionState') {
      this.changeState(event.state, event);
      return;
    }
    if (event.type === 'messageAdded' && audience.customerOf !== null) {
      this.send(event, (s) => s.role === 'customer' && s.conversationSid === audience.customerOf);
    }
    if (event.type === 'workerDisconnected' || event.type === 'workerReconnected') {
      this.workerOnline = event.type === 'workerReconnected';
    }
    if (!audience.agent) return;
    if (!this.workerOnline && TASKROUTER_EVENTS.has(event.type)) return;
    if (this.state !== 'connected' && CONVERSATIONS_EVENTS.has(event.type)) this.held.push(event);
    else this.send(event, isAgent);
  };

  /** Starts streaming to `res`: headers, then `hello`, then events until the page goes away. */
  attach(res: ServerResponse, subscription: Subscription): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    const state = subscription.role === 'agent' ? this.state : 'connected';
    const hello: PushEvent = {
      type: 'hello',
      serverTime: new Date(this.options.now()).toISOString(),
      connectionState: state,
    };
    const client: Client = { subscription, res };
    this.clients.add(client);
    res.on('close', () => this.detach(client));
    write(res, hello);
    this.ensureKeepAlive();
  }

  /** Forgets held events (their conversations are gone after a reset). */
  dropHeld(): void {
    this.held = [];
  }

  /** Ends every stream and stops the keep-alive timer. */
  close(): void {
    for (const client of [...this.clients]) client.res.end();
    this.clients.clear();
    this.stopKeepAlive();
  }

  private changeState(state: ConversationsConnectionState, event: PushEvent): void {
    this.state = state;
    this.send(event, isAgent);
    if (state !== 'connected') return;
    const held = this.held;
    this.held = [];
    for (const heldEvent of held) this.send(heldEvent, isAgent);
  }

  private send(event: PushEvent, wants: (subscription: Subscription) => boolean): void {
    for (const client of this.clients) {
      if (wants(client.subscription)) write(client.res, event);
    }
  }

  private detach(client: Client): void {
    this.clients.delete(client);
    if (this.clients.size === 0) this.stopKeepAlive();
  }

  private ensureKeepAlive(): void {
    if (this.keepAliveTimer !== undefined) return;
    this.keepAliveTimer = setInterval(() => {
      for (const client of this.clients) client.res.write(': keep-alive\n\n');
    }, this.options.keepAliveMs);
    // A stream must never keep the process (or a test run) alive on its own.
    this.keepAliveTimer.unref();
  }

  private stopKeepAlive(): void {
    if (this.keepAliveTimer === undefined) return;
    clearInterval(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
  }
}

function isAgent(subscription: Subscription): boolean {
  return subscription.role === 'agent';
}

function write(res: ServerResponse, event: PushEvent): void {
  res.write(`data: ${JSON.stringify(event)}\n\n`);
}
