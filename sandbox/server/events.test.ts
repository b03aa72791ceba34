/**
 * @jest-environment ./sandbox/server/testing/nodeWithFetch.environment.ts
 */
/// <reference types="node" />
import type { Server } from 'http';
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import { EventHub } from './events';
import { PushReader, pause } from './testing/sandboxHarness';

// The hub on its own, to see what happens to connections (the server hides its hub).
let hub: EventHub;
let server: Server;
let url: string;
beforeEach(async () => {
  hub = new EventHub({ keepAliveMs: 60_000, now: () => Date.parse('2030-01-02T03:04:05Z') });
  server = createServer((req, res) =>
    hub.attach(res, req.url === '/customer' ? { role: 'customer', conversationSid: 'CH1' } : { role: 'agent' }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  hub.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('sandbox/server EventHub', () => {
  it('stamps hello with the server time', async () => {
    const reader = await PushReader.open(`${url}/agent`);
    expect(await reader.take(() => true)).toEqual({
      type: 'hello',
      serverTime: '2030-01-02T03:04:05.000Z',
      connectionState: 'connected',
    });
    reader.close();
  });

  it('forgets a stream once its page goes away', async () => {
    const reader = await PushReader.open(`${url}/agent`);
    await reader.take(() => true);
    expect(hub.size).toBe(1);
    reader.close();
    for (let i = 0; i < 50 && hub.size > 0; i += 1) await pause(10);
    expect(hub.size).toBe(0);
  });

  it('drops held events on request, so a reset does not replay them', async () => {
    const reader = await PushReader.open(`${url}/agent`);
    await reader.take(() => true);
    hub.publish({ type: 'connectionState', state: 'disconnected' }, { agent: true, customerOf: null });
    hub.publish({ type: 'conversationRemoved', conversationSid: 'CH1' }, { agent: true, customerOf: null });
    hub.dropHeld();
    hub.publish({ type: 'connectionState', state: 'connected' }, { agent: true, customerOf: null });
    await reader.take((event) => event.type === 'connectionState' && event.state === 'connected');
    await pause(50);
    expect(reader.ofType('conversationRemoved')).toHaveLength(0);
    reader.close();
  });

  it('ends every stream on close', async () => {
    const reader = await PushReader.open(`${url}/customer`);
    await reader.take(() => true);
    hub.close();
    expect(hub.size).toBe(0);
    expect(await reader.waitForEnd()).toBe(true);
  });
});
