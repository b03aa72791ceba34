import { SANDBOX_AGENT_IDENTITY } from '../../../shared/protocol';
import { Client } from './client';
import { ConversationsError } from './errors';
import { FakeSandboxServer, participantDto } from './testing/fakeServer';
import { recordEvents, resetEnvironment, settle, startClient } from './testing/harness';

afterEach(resetEnvironment);

describe('Client start-up', () => {
  it('connects in the background and reports connecting, connected, its conversations, then initialized', async () => {
    const server = new FakeSandboxServer().install();
    server.addConversation('CH1');
    const client = new Client('token');
    expect(client.connectionState).toBe('unknown');
    const events = recordEvents(client, [
      'connectionStateChanged',
      'conversationAdded',
      'conversationJoined',
      'stateChanged',
      'initialized',
    ]);

    await settle();
    expect(server.stream.url).toBe('/sandbox/internal/stream?role=agent');
    server.hello();
    await settle();

    const conversation = await client.getConversationBySid('CH1');
    expect(events).toEqual([
      ['connectionStateChanged', 'connecting'],
      ['connectionStateChanged', 'connected'],
      ['conversationAdded', conversation],
      ['conversationJoined', conversation],
      ['stateChanged', 'initialized'],
      ['initialized', undefined],
    ]);
    expect(client.connectionState).toBe('connected');
    expect(client.user.identity).toBe(SANDBOX_AGENT_IDENTITY);
    expect(server.requestsTo('GET', '/sandbox/internal/conversations')).toHaveLength(1);
  });

  it('refuses an empty token, as the real client does', () => {
    new FakeSandboxServer().install();
    expect(() => new Client('')).toThrow('A valid Twilio token should be provided');
  });

  it('makes early calls wait for initialization', async () => {
    const server = new FakeSandboxServer().install();
    server.addConversation('CH1');
    const client = new Client('token');
    let resolved = false;
    const pending = client.getConversationBySid('CH1').then((conversation) => {
      resolved = true;
      return conversation;
    });
    await settle();
    expect(resolved).toBe(false);
    server.hello();
    await expect(pending).resolves.toMatchObject({ sid: 'CH1' });
  });

  it('waits for "connected" when the server starts out disconnected', async () => {
    const server = new FakeSandboxServer().install();
    server.addConversation('CH1');
    server.connectionState = 'disconnected';
    const client = new Client('token');
    const initialized = jest.fn();
    client.on('initialized', initialized);
    await settle();
    server.hello();
    await settle();
    expect(client.connectionState).toBe('disconnected');
    expect(initialized).not.toHaveBeenCalled();

    server.setConnection('connected');
    await settle();
    expect(initialized).toHaveBeenCalledTimes(1);
  });

  it('reports initFailed when the conversation list cannot be loaded', async () => {
    const server = new FakeSandboxServer().install();
    const client = new Client('token');
    const initFailed = jest.fn();
    const stateChanged = jest.fn();
    client.on('initFailed', initFailed);
    client.on('stateChanged', stateChanged);
    await settle();
    // A server answering 500 for the list (not the 503 of a sandbox disconnect, which is retried).
    server.failRoute('GET', '/sandbox/internal/conversations', 500);
    server.hello();
    await settle();
    expect(stateChanged).toHaveBeenCalledWith('failed');
    expect(initFailed).toHaveBeenCalledWith({ error: expect.objectContaining({ terminal: true }) as unknown });
    await expect(client.getSubscribedConversations()).rejects.toMatchObject({ terminal: true });
  });

  it('exposes the real SDK static event names and version', () => {
    expect(Client.connectionError).toBe('connectionError');
    expect(Client.connectionStateChanged).toBe('connectionStateChanged');
    expect(Client.conversationJoined).toBe('conversationJoined');
    expect(Client.messageAdded).toBe('messageAdded');
    expect(Client.version).toBe('2.5.0');
  });
});

describe('Client.getConversationBySid', () => {
  it('returns the same Conversation object every time', async () => {
    const { client } = await startClient((server) => server.addConversation('CH1'));
    const first = await client.getConversationBySid('CH1');
    const second = await client.getConversationBySid('CH1');
    expect(second).toBe(first);
    expect(first.sid).toBe('CH1');
    expect(first.status).toBe('joined');
  });

  it('fetches a conversation it has not loaded, once', async () => {
    const { server, client } = await startClient();
    server.addConversation('CH2', {
      participants: [participantDto({ sid: 'MB1', conversationSid: 'CH2', identity: 'someone-else' })],
    });
    const conversation = await client.getConversationBySid('CH2');
    await client.getConversationBySid('CH2');
    expect(conversation.status).toBe('notParticipating');
    expect(server.requestsTo('GET', '/sandbox/internal/conversations/CH2')).toHaveLength(1);
  });

  it('rejects an unknown sid with a not-found error', async () => {
    const { client } = await startClient();
    const failure = client.getConversationBySid('CHmissing');
    await expect(failure).rejects.toBeInstanceOf(ConversationsError);
    await expect(failure).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('CHmissing') as unknown,
    });
  });
});

describe('Client surface Flex uses', () => {
  it('works through the Proxy Flex wraps it in (getters read with the proxy as receiver)', async () => {
    const { client } = await startClient((server) => server.addConversation('CH1'));
    const proxied = new Proxy(client, {
      get: (target, property, receiver): unknown => Reflect.get(target, property, receiver) as unknown,
    });
    expect(proxied.connectionState).toBe('connected');
    expect(proxied.user.identity).toBe(SANDBOX_AGENT_IDENTITY);
    expect(proxied.token).toBe('header.payload.signature');
    const listener = jest.fn();
    proxied.addListener(Client.connectionStateChanged, listener);
    await expect(proxied.getConversationBySid('CH1')).resolves.toMatchObject({ sid: 'CH1' });
    await expect(proxied.updateToken('new-token')).resolves.toBe(proxied);
    expect(proxied.token).toBe('new-token');
  });

  it('lists subscribed conversations on a single page', async () => {
    const { client } = await startClient((server) => {
      server.addConversation('CH1');
      server.addConversation('CH2');
    });
    const page = await client.getSubscribedConversations();
    expect(page.items.map((conversation) => conversation.sid)).toEqual(['CH1', 'CH2']);
    expect(page.hasNextPage).toBe(false);
    expect(page.hasPrevPage).toBe(false);
    await expect(page.nextPage()).rejects.toThrow('No next page');
  });

  it('knows its own user and its conversations participants, and nobody else', async () => {
    const { client } = await startClient((server) => server.addConversation('CH1'));
    const me = await client.getUser(SANDBOX_AGENT_IDENTITY);
    expect(me).toBe(client.user);
    const customer = await client.getUser('customer-1');
    expect(customer.identity).toBe('customer-1');
    expect(customer.friendlyName).toBe('customer-1');
    expect(customer.isOnline).toBeNull();
    await expect(client.getUser('stranger')).rejects.toMatchObject({ status: 404 });
  });

  it('updates its own friendly name locally and emits userUpdated', async () => {
    const { client } = await startClient();
    const userUpdated = jest.fn();
    client.on('userUpdated', userUpdated);
    await client.user.updateFriendlyName('Alice Agent');
    expect(client.user.friendlyName).toBe('Alice Agent');
    expect(userUpdated).toHaveBeenCalledWith({ user: client.user, updateReasons: ['friendlyName'] });
  });

  it('has no content templates offline', async () => {
    const { client } = await startClient();
    await expect(client.getContentTemplates()).resolves.toEqual([]);
  });

  it('closes its stream on shutdown and reports disconnected', async () => {
    const { server, client } = await startClient();
    const states = recordEvents(client, ['connectionStateChanged']);
    await client.shutdown();
    expect(server.stream.closed).toBe(true);
    expect(states).toEqual([['connectionStateChanged', 'disconnected']]);
  });
});
