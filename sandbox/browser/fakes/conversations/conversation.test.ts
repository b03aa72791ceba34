import { SANDBOX_AGENT_IDENTITY } from '../../../shared/protocol';
import type { Message } from './message';
import type { Participant } from './participant';
import { isoAt, participantDto } from './testing/fakeServer';
import { recordEvents, resetEnvironment, settle, startClient } from './testing/harness';

afterEach(resetEnvironment);

describe('messageAdded', () => {
  it('announces each pushed message once, on the conversation and the client, with the SDK fields', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const onConversation: Message[] = [];
    const onClient: Message[] = [];
    conversation.on('messageAdded', (message) => onConversation.push(message));
    client.on('messageAdded', (message) => onClient.push(message));

    const dto = server.addMessage('CH1', 'customer-1', 'Hello there', { channel: 'web', nested: { a: 1 } });
    server.push({ type: 'messageAdded', message: dto }); // a duplicate delivery is not announced again
    await settle();

    expect(onConversation).toHaveLength(1);
    expect(onClient).toEqual(onConversation);
    const message = onConversation[0] as Message;
    expect(message.conversation).toBe(conversation);
    expect(message).toMatchObject({
      sid: dto.sid,
      index: 0,
      author: 'customer-1',
      body: 'Hello there',
      participantSid: 'MB_customer_CH1',
      type: 'text',
      media: null,
      attachedMedia: [],
      aggregatedDeliveryReceipt: null,
      attributes: { channel: 'web', nested: { a: 1 } },
    });
    expect(message.dateCreated).toBeInstanceOf(Date);
    expect(message.dateCreated?.toISOString()).toBe(isoAt(60));
    expect(message.getMediaByCategories(['media'])).toEqual([]);
    expect(message.getEmailBody('text/html')).toBeNull();
    await expect(message.getParticipant()).resolves.toMatchObject({ sid: 'MB_customer_CH1' });
    await expect(message.getMessageRecipients()).resolves.toEqual([]);
    expect(conversation.lastMessage).toEqual({ index: 0, dateCreated: message.dateCreated });
  });

  it('uses the same Conversation object for every event, and lets Flex add its own fields to messages', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversations = new Set<unknown>();
    client.on('messageAdded', (message) => {
      conversations.add(message.conversation);
      Object.assign(message, { channel: 'proxy', timestamp: message.dateCreated });
    });
    server.addMessage('CH1', 'customer-1', 'one');
    server.addMessage('CH1', SANDBOX_AGENT_IDENTITY, 'two');
    await settle();
    expect([...conversations]).toEqual([await client.getConversationBySid('CH1')]);
  });

  it('ignores messages of conversations the client has not loaded', async () => {
    const { server, client } = await startClient();
    server.addConversation('CH9', { participants: [] });
    const messageAdded = jest.fn();
    client.on('messageAdded', messageAdded);
    server.addMessage('CH9', 'someone', 'not for me');
    await settle();
    expect(messageAdded).not.toHaveBeenCalled();
  });

  it('emits updated with lastMessage after a new message', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const updated = jest.fn();
    conversation.on('updated', updated);
    server.addMessage('CH1', 'customer-1', 'hi');
    await settle();
    expect(updated).toHaveBeenCalledWith({ conversation, updateReasons: ['lastMessage'] });
  });
});

describe('getMessages', () => {
  it('pages the server newest-first by default: 30 backwards, items oldest first, same Message objects', async () => {
    const { server, client } = await startClient((s) => {
      s.addConversation('CH1');
      s.seedMessages('CH1', 45);
    });
    const conversation = await client.getConversationBySid('CH1');
    const page = await conversation.getMessages();

    const [request] = server.requestsTo('GET', '/sandbox/internal/conversations/CH1/messages');
    expect(request?.query.get('pageSize')).toBe('30');
    expect(request?.query.get('direction')).toBe('backwards');
    expect(request?.query.has('anchor')).toBe(false);
    expect(page.items.map((message) => message.index)).toEqual(range(15, 44));
    expect(page.hasPrevPage).toBe(true);
    expect(page.hasNextPage).toBe(false);

    const older = await page.prevPage();
    expect(older.items.map((message) => message.index)).toEqual(range(0, 14));
    expect(older.hasPrevPage).toBe(false);
    expect(older.hasNextPage).toBe(true);
    await expect(older.prevPage()).rejects.toThrow('No previous page');

    const newer = await older.nextPage();
    expect(newer.items.map((message) => message.index)).toEqual(range(15, 44));
    expect(newer.items[0]).toBe(page.items[0]);
  });

  it('honours pageSize, anchor and direction', async () => {
    const { server, client } = await startClient((s) => {
      s.addConversation('CH1');
      s.seedMessages('CH1', 10);
    });
    const conversation = await client.getConversationBySid('CH1');
    const page = await conversation.getMessages(3, 2, 'forward');
    expect(page.items.map((message) => message.index)).toEqual([2, 3, 4]);
    const [request] = server.requestsTo('GET', '/sandbox/internal/conversations/CH1/messages');
    expect(request?.query.get('anchor')).toBe('2');
    expect(request?.query.get('direction')).toBe('forward');
    const last = await conversation.getMessages(20);
    expect(last.items).toHaveLength(10);
  });

  it('answers getMessagesCount and getUnreadMessagesCount from the newest index and the read horizon', async () => {
    const { client } = await startClient((s) => {
      s.addConversation('CH1');
      s.seedMessages('CH1', 5);
    });
    const conversation = await client.getConversationBySid('CH1');
    await expect(conversation.getMessagesCount()).resolves.toBe(5);
    await expect(conversation.getUnreadMessagesCount()).resolves.toBeNull();
    await conversation.updateLastReadMessageIndex(1);
    await expect(conversation.getUnreadMessagesCount()).resolves.toBe(3);
  });
});

describe('sending', () => {
  it('POSTs the body with the client identity as author and resolves with the index, without inserting it', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const messageAdded = jest.fn();
    conversation.on('messageAdded', messageAdded);
    server.streams.forEach((stream) => stream.close()); // so only the POST can bring it in

    const index = await conversation.sendMessage('Hi, how can I help?', { fromAgent: true });

    expect(index).toBe(0);
    expect(server.requestsTo('POST', '/sandbox/internal/conversations/CH1/messages')[0]?.body).toEqual({
      author: SANDBOX_AGENT_IDENTITY,
      body: 'Hi, how can I help?',
      attributes: { fromAgent: true },
    });
    expect(messageAdded).not.toHaveBeenCalled();
  });

  it('sends through prepareMessage().setBody().setAttributes().build().send(), as Flex does', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const messageAdded = jest.fn<void, [Message]>();
    conversation.on('messageAdded', messageAdded);

    const builder = conversation.prepareMessage().setBody('Built message');
    const index = await builder.setAttributes({ source: 'flex' }).build().send();
    await settle();

    expect(index).toBe(0);
    expect(server.requestsTo('POST', '/sandbox/internal/conversations/CH1/messages')[0]?.body).toEqual({
      author: SANDBOX_AGENT_IDENTITY,
      body: 'Built message',
      attributes: { source: 'flex' },
    });
    expect(messageAdded).toHaveBeenCalledTimes(1);
    expect(messageAdded.mock.calls[0]?.[0]).toMatchObject({ index: 0, body: 'Built message' });
  });

  it('refuses media, email and content templates with a clear error and no request', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const media = { contentType: 'image/png', media: 'abc' };
    await expect(conversation.sendMessage(media)).rejects.toThrow('not supported by the offline sandbox');
    await expect(conversation.prepareMessage().setBody('x').addMedia(media).build().send()).rejects.toThrow(
      'Sending media messages',
    );
    await expect(
      conversation
        .prepareMessage()
        .setEmailBody('text/html', { contentType: 'text/html', media: '<p/>' })
        .build()
        .send(),
    ).rejects.toThrow('Sending email messages');
    await expect(conversation.prepareMessage().setContentTemplate('HX1').buildAndSend()).rejects.toThrow(
      'Sending content templates',
    );
    expect(server.requestsTo('POST', '/sandbox/internal/conversations/CH1/messages')).toHaveLength(0);
  });
});

describe('participants', () => {
  it('lists participants and resolves their users', async () => {
    const { client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const participants = await conversation.getParticipants();
    expect(participants.map((participant) => [participant.sid, participant.identity, participant.type])).toEqual([
      ['MB_agent_CH1', SANDBOX_AGENT_IDENTITY, 'chat'],
      ['MB_customer_CH1', 'customer-1', 'chat'],
    ]);
    const customer = participants[1] as Participant;
    expect(customer.conversation).toBe(conversation);
    expect(customer.bindings).toEqual({});
    await expect(customer.getUser()).resolves.toMatchObject({ identity: 'customer-1' });
    await expect(conversation.getParticipantByIdentity('customer-1')).resolves.toBe(customer);
    await expect(conversation.getParticipantBySid('MB_agent_CH1')).resolves.toMatchObject({
      identity: SANDBOX_AGENT_IDENTITY,
    });
  });

  it('refuses getUser for a participant without identity (sms), as the real SDK does', async () => {
    const { client } = await startClient((s) =>
      s.addConversation('CH1', {
        participants: [
          participantDto({ sid: 'MBa', conversationSid: 'CH1', identity: SANDBOX_AGENT_IDENTITY }),
          participantDto({ sid: 'MBs', conversationSid: 'CH1', type: 'sms', address: '+15550001111' }),
        ],
      }),
    );
    const conversation = await client.getConversationBySid('CH1');
    const sms = await conversation.getParticipantBySid('MBs');
    expect(sms?.identity).toBeNull();
    await expect(sms?.getUser()).rejects.toThrow('not supported');
  });

  it('emits participantJoined / participantLeft from pushes, on the conversation and the client', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const onConversation = recordEvents(conversation, ['participantJoined', 'participantLeft']);
    const onClient = recordEvents(client, ['participantJoined', 'participantLeft']);
    const supervisor = participantDto({ sid: 'MBsup', conversationSid: 'CH1', identity: 'supervisor-1' });

    server.push({ type: 'participantJoined', participant: supervisor });
    server.push({ type: 'participantJoined', participant: supervisor }); // repeated: already known
    server.push({ type: 'participantLeft', participant: supervisor });
    await settle();

    expect(onConversation.map(([event, participant]) => [event, (participant as Participant).sid])).toEqual([
      ['participantJoined', 'MBsup'],
      ['participantLeft', 'MBsup'],
    ]);
    expect(onClient).toEqual(onConversation);
    await expect(conversation.getParticipantsCount()).resolves.toBe(2);
  });

  it('turns a conversationUpdated push into participant and conversation updates with reasons', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const participantUpdated = jest.fn();
    const updated = jest.fn();
    conversation.on('participantUpdated', participantUpdated);
    conversation.on('updated', updated);

    server.updateConversation('CH1', (dto) => ({
      ...dto,
      attributes: { status: 'closing' },
      state: 'inactive',
      dateUpdated: isoAt(5),
      participants: dto.participants.map((participant) =>
        participant.identity === 'customer-1'
          ? { ...participant, lastReadMessageIndex: 0, dateUpdated: isoAt(5) }
          : participant,
      ),
    }));
    await settle();

    expect(participantUpdated).toHaveBeenCalledWith({
      participant: expect.objectContaining({ sid: 'MB_customer_CH1', lastReadMessageIndex: 0 }) as unknown,
      updateReasons: ['dateUpdated', 'lastReadMessageIndex', 'lastReadTimestamp'],
    });
    expect(updated).toHaveBeenCalledWith({ conversation, updateReasons: ['attributes', 'dateUpdated', 'state'] });
    expect(conversation.attributes).toEqual({ status: 'closing' });
    expect(conversation.state).toEqual({ current: 'inactive', dateUpdated: new Date(isoAt(5)) });
  });
});

describe('read horizon', () => {
  it('moves the client participant, emits participantUpdated and updated, and survives later pushes', async () => {
    const { server, client } = await startClient((s) => {
      s.addConversation('CH1');
      s.seedMessages('CH1', 4);
    });
    const conversation = await client.getConversationBySid('CH1');
    const participantUpdated = jest.fn();
    const updated = jest.fn();
    client.on('participantUpdated', participantUpdated);
    conversation.on('updated', updated);

    await expect(conversation.updateLastReadMessageIndex(2)).resolves.toBe(1);

    expect(conversation.lastReadMessageIndex).toBe(2);
    expect(participantUpdated).toHaveBeenCalledWith({
      participant: expect.objectContaining({ identity: SANDBOX_AGENT_IDENTITY, lastReadMessageIndex: 2 }) as unknown,
      updateReasons: ['lastReadMessageIndex', 'lastReadTimestamp'],
    });
    expect(updated).toHaveBeenCalledWith({ conversation, updateReasons: ['lastReadMessageIndex'] });

    server.updateConversation('CH1', (dto) => ({ ...dto, attributes: { changed: true } }));
    await settle();
    expect(conversation.lastReadMessageIndex).toBe(2);

    await expect(conversation.setAllMessagesRead()).resolves.toBe(0);
    expect(conversation.lastReadMessageIndex).toBe(3);
    await expect(conversation.advanceLastReadMessageIndex(1)).resolves.toBe(0);
    expect(conversation.lastReadMessageIndex).toBe(3);
    await expect(conversation.setAllMessagesUnread()).resolves.toBe(4);
  });

  it('is refused when the client is not a participant', async () => {
    const { server, client } = await startClient();
    server.addConversation('CH2', { participants: [] });
    const conversation = await client.getConversationBySid('CH2');
    await expect(conversation.updateLastReadMessageIndex(0)).rejects.toMatchObject({ status: 403 });
  });
});

describe('membership', () => {
  it('announces a conversation the agent is added to, and drops one the agent is removed from', async () => {
    const { server, client } = await startClient();
    const events = recordEvents(client, [
      'conversationAdded',
      'conversationJoined',
      'conversationLeft',
      'conversationRemoved',
    ]);
    server.addConversation('CH3', { participants: [] });
    const agent = participantDto({ sid: 'MBagent', conversationSid: 'CH3', identity: SANDBOX_AGENT_IDENTITY });
    server.updateConversation('CH3', (dto) => ({ ...dto, participants: [agent] }));
    server.push({ type: 'participantJoined', participant: agent });
    await settle();

    const conversation = await client.getConversationBySid('CH3');
    const removed = jest.fn();
    conversation.on('removed', removed);
    server.push({ type: 'participantLeft', participant: agent });
    await settle();

    expect(events).toEqual([
      ['conversationAdded', conversation],
      ['conversationJoined', conversation],
      ['conversationLeft', conversation],
      ['conversationRemoved', conversation],
    ]);
    expect(removed).toHaveBeenCalledWith(conversation);
    expect(conversation.status).toBe('notParticipating');
  });

  it('fetches an unknown conversation when the agent joins it', async () => {
    const { server, client } = await startClient();
    const joined = jest.fn();
    client.on('conversationJoined', joined);
    const agent = participantDto({ sid: 'MBagent4', conversationSid: 'CH4', identity: SANDBOX_AGENT_IDENTITY });
    server.addConversation('CH4', { participants: [agent] });
    server.push({ type: 'participantJoined', participant: agent });
    await settle();
    expect(joined).toHaveBeenCalledWith(expect.objectContaining({ sid: 'CH4' }));
  });

  it('removes a deleted conversation', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const removed = jest.fn();
    client.on('conversationRemoved', removed);
    server.push({ type: 'conversationRemoved', conversationSid: 'CH1' });
    await settle();
    expect(removed).toHaveBeenCalledWith(conversation);
    expect((await client.getSubscribedConversations()).items).toEqual([]);
  });
});

describe('listeners', () => {
  it('stops delivering to removed listeners (removeListener, off, once, removeAllListeners)', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const conversation = await client.getConversationBySid('CH1');
    const removed = jest.fn();
    const offed = jest.fn();
    const onced = jest.fn();
    const kept = jest.fn();
    conversation.addListener('messageAdded', removed);
    conversation.on('messageAdded', offed);
    conversation.once('messageAdded', onced);
    conversation.on('messageAdded', kept);
    conversation.removeListener('messageAdded', removed);
    conversation.off('messageAdded', offed);

    server.addMessage('CH1', 'customer-1', 'one');
    server.addMessage('CH1', 'customer-1', 'two');
    await settle();
    expect(removed).not.toHaveBeenCalled();
    expect(offed).not.toHaveBeenCalled();
    expect(onced).toHaveBeenCalledTimes(1);
    expect(kept).toHaveBeenCalledTimes(2);

    conversation.removeAllListeners();
    server.addMessage('CH1', 'customer-1', 'three');
    await settle();
    expect(kept).toHaveBeenCalledTimes(2);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
}
