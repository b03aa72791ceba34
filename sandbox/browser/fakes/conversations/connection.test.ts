import { SANDBOX_AGENT_IDENTITY } from '../../../shared/protocol';
import type { Message } from './message';
import { recordEvents, resetEnvironment, settle, startClient } from './testing/harness';

afterEach(() => {
  jest.useRealTimers();
  resetEnvironment();
});

describe('sandbox disconnect', () => {
  it('follows the server connection state and refuses sends while disconnected', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const states = recordEvents(client, ['connectionStateChanged']);

    server.setConnection('disconnected');
    expect(client.connectionState).toBe('disconnected');
    expect(states).toEqual([['connectionStateChanged', 'disconnected']]);

    await expect(conversation.sendMessage('are you there?')).rejects.toMatchObject({
      status: 503,
      message: expect.stringContaining('not connected') as unknown,
    });
    await expect(conversation.prepareMessage().setBody('x').build().send()).rejects.toMatchObject({ status: 503 });
    expect(server.requestsTo('POST', '/sandbox/internal/conversations/CH1/messages')).toHaveLength(0);

    // Reads that need the server fail the same way; what the client holds in memory still answers.
    await expect(conversation.getMessages()).rejects.toMatchObject({ status: 503 });
    await expect(conversation.getParticipants()).resolves.toHaveLength(2);
    await expect(client.getConversationBySid('CH1')).resolves.toBe(conversation);
  });

  it('delivers the messages held during the disconnect, in order, once connected again', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const received: Message[] = [];
    conversation.on('messageAdded', (message) => received.push(message));

    server.setConnection('disconnected');
    server.addMessage('CH1', 'customer-1', 'first while away');
    server.addMessage('CH1', 'customer-1', 'second while away');
    await settle();
    expect(received).toEqual([]);

    server.setConnection('connected');
    await settle();
    expect(client.connectionState).toBe('connected');
    expect(received.map((message) => message.body)).toEqual(['first while away', 'second while away']);
    await expect(conversation.sendMessage('back again')).resolves.toBe(2);
  });

  it('maps a 503 from the server to the not-connected error even when the client thought it was connected', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    server.connectionState = 'disconnected'; // the push announcing it has not arrived yet
    await expect(conversation.sendMessage('racing')).rejects.toMatchObject({
      status: 503,
      message: expect.stringContaining('not connected') as unknown,
    });
  });
});

describe('push stream', () => {
  it('reports connecting while the stream is down and catches up on the messages missed in the gap', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const received: Message[] = [];
    conversation.on('messageAdded', (message) => received.push(message));
    server.addMessage('CH1', 'customer-1', 'before the drop');
    await settle();

    server.stream.fail(false); // the browser retries on its own
    expect(client.connectionState).toBe('connecting');
    server.seedMessages('CH1', 2); // sent while nobody listened
    server.hello(); // the same EventSource reconnected
    await settle();

    expect(client.connectionState).toBe('connected');
    expect(received.map((message) => message.index)).toEqual([0, 1, 2]);
    expect(server.streams).toHaveLength(1);
  });

  it('reopens a stream the browser gave up on, after a pause', async () => {
    jest.useFakeTimers();
    const { server, client } = await startClient();
    server.stream.fail(true);
    expect(client.connectionState).toBe('connecting');
    expect(server.streams).toHaveLength(1);

    jest.advanceTimersByTime(1000);
    expect(server.streams).toHaveLength(2);
    server.hello();
    await settle();
    expect(client.connectionState).toBe('connected');
  });

  it('ignores malformed data and events meant for other fakes', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const spy = jest.fn();
    client.on('messageAdded', spy);
    server.stream.deliver('not json');
    server.stream.deliver('{"no":"type"}');
    server.push({ type: 'configurationChanged' });
    await settle();
    expect(spy).not.toHaveBeenCalled();
    expect(client.connectionState).toBe('connected');
  });

  it('keeps handling pushes after a listener throws', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const later = jest.fn();
    client.once('messageAdded', () => {
      throw new Error('listener bug');
    });
    client.on('participantJoined', later);
    server.addMessage('CH1', SANDBOX_AGENT_IDENTITY, 'boom');
    server.push({
      type: 'participantJoined',
      participant: {
        sid: 'MBx',
        conversationSid: 'CH1',
        identity: 'x',
        type: 'chat',
        address: null,
        role: 'supervisor',
        attributes: {},
        dateCreated: '2024-05-01T10:00:00.000Z',
        dateUpdated: '2024-05-01T10:00:00.000Z',
        lastReadMessageIndex: null,
      },
    });
    await settle();
    expect(errors).toHaveBeenCalled();
    expect(later).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });
});
