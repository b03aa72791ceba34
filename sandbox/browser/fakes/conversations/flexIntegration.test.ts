/**
 * Runs the real Flex UI 2.17.1 code that consumes Conversations objects (its chat session and conversation
 * reducers, its listeners) against the fake, with every object watched for members Flex reads that the fake lacks.
 */
import type { Client as RealClient, Conversation as RealConversation } from '@twilio/conversations/builds/lib';
import type { ChatState } from '@twilio/flex-ui';
import { ChatSessionState, ConversationState } from '@twilio/flex-ui';
import type { AnyAction } from 'redux';

import { SANDBOX_AGENT_IDENTITY } from '../../../shared/protocol';
import type { Message } from './message';
import { MemberWatch } from './testing/memberWatch';
import { resetEnvironment, settle, startClient } from './testing/harness';

type FlexConversationState = ConversationState.ConversationState;
type FlexParticipantState = ConversationState.ParticipantState;

// Typed boundary: Flex's typings name the real SDK classes; the fake stands in for them at run time, as in the bundle.
const asRealConversation = (conversation: object): RealConversation => conversation as RealConversation;
const asRealClient = (client: object): RealClient => client as RealClient;

// Typed boundary: like every Redux reducer, Flex's starts from `undefined`.
const INITIAL = undefined as unknown as FlexConversationState;

/** Records what Flex dispatches, in place of its store. */
function dispatchRecorder(): { dispatched: AnyAction[]; dispatch: <T extends AnyAction>(action: T) => T } {
  const dispatched: AnyAction[] = [];
  return {
    dispatched,
    dispatch: <T extends AnyAction>(action: T): T => {
      dispatched.push(action);
      return action;
    },
  };
}

afterEach(resetEnvironment);

describe('Flex 2.17.1 chat state code against the fake', () => {
  it('uses a watch that does notice members the fake lacks (so an empty list below means something)', async () => {
    const { server, client } = await startClient((s) => s.addConversation('CH1'));
    const watch = new MemberWatch();
    await watch.during(async () => {
      const conversation = await watch.watch(client).getConversationBySid('CH1');
      // Typed boundary: reading members the fake's types do not declare, as untyped code would.
      const legacy = conversation as unknown as Record<string, unknown>;
      void legacy.lastConsumedMessageIndex;
      conversation.once('messageAdded', (message) => void (message as unknown as Record<string, unknown>).memberSid);
      server.addMessage('CH1', 'customer-1', 'hello');
      await settle();
    });
    expect([...watch.missing]).toEqual(['Conversation.lastConsumedMessageIndex', 'Message.memberSid']);
  });

  it('reads nothing the fake lacks while loading a conversation, its participants and messages', async () => {
    const { server, client } = await startClient((s) => {
      s.addConversation('CH1');
      s.seedMessages('CH1', 25);
    });
    server.addMessage('CH1', SANDBOX_AGENT_IDENTITY, 'agent reply');
    const watch = new MemberWatch();
    const watchedClient = watch.watch(client);
    const conversation = watch.watch(await client.getConversationBySid('CH1'));
    // Typed boundary: of Flex's chat state, these reducer steps read only `session.client`.
    const chatState = { session: { client: asRealClient(watchedClient) } } as unknown as ChatState.ChatState;
    const { dispatched, dispatch } = dispatchRecorder();
    let listenersWhileStarted = 0;
    ConversationState.Actions.dispatcher = dispatch;

    const state = await watch.during(async () => {
      const meta = { conversationSid: 'CH1', chatState };
      // Flex's listener subscribes to the conversation's events. Its handlers need Flex's whole chat store, which this
      // test does not build, so it is stopped again before anything fires; the reducer steps below stand in for it.
      const listener = new ConversationState.ConversationListener(asRealConversation(conversation));
      listenersWhileStarted = conversation.listenerCount('messageAdded') + conversation.listenerCount('updated');
      listener.stop();
      let next = ConversationState.reduce(INITIAL, {
        type: ConversationState.ACTION_INIT_CONVERSATION,
        payload: { conversation, listener },
        meta,
      });
      // What ConversationState.Actions.init builds: participants keyed by identity (or sid), with user details.
      const participants = new Map<string, FlexParticipantState>();
      for (const participant of await conversation.getParticipants()) {
        const user = participant.identity ? await participant.getUser() : null;
        if (user) await user.unsubscribe();
        participants.set(participant.identity ?? participant.sid, {
          source: participant as unknown as FlexParticipantState['source'],
          friendlyName: user?.friendlyName ?? participant.bindings.email?.name ?? '',
          online: user?.isOnline ?? false,
        });
      }
      next = ConversationState.reduce(next, {
        type: `${ConversationState.ACTION_INIT_CONVERSATION_PARTICIPANTS}_FULFILLED`,
        payload: participants,
        meta,
      });
      next = ConversationState.reduce(next, {
        type: `${ConversationState.ACTION_LOAD_CONVERSATION_MESSAGES_RECIPIENTS}_FULFILLED`,
        payload: await conversation.getMessageRecipients({ pageSize: 20 }),
        meta,
      });
      next = ConversationState.reduce(next, {
        type: `${ConversationState.ACTION_LOAD_CONVERSATION_MESSAGES}_FULFILLED`,
        payload: await conversation.getMessages(20),
        meta,
      });
      // A new customer message, as the ConversationListener would dispatch it.
      const added = new Promise<Message>((resolve) => conversation.once('messageAdded', resolve));
      server.addMessage('CH1', 'customer-1', 'customer follow-up');
      next = ConversationState.reduce(next, {
        type: ConversationState.ACTION_ADDED_MESSAGE,
        payload: await added,
        meta,
      });
      // The agent reads everything; Flex reduces the participant update.
      const updated = new Promise<unknown>((resolve) =>
        conversation.once('participantUpdated', ({ participant }) => resolve(participant)),
      );
      await conversation.updateLastReadMessageIndex(26);
      next = ConversationState.reduce(next, {
        type: ConversationState.ACTION_UPDATED_PARTICIPANT,
        payload: await updated,
        meta,
      });
      // Loading older history through the paginator Flex keeps.
      const older = await next.currentPaginator?.prevPage();
      next = ConversationState.reduce(next, {
        type: `${ConversationState.ACTION_LOAD_CONVERSATION_MESSAGES}_FULFILLED`,
        payload: older,
        meta,
      });
      return next;
    });

    expect([...watch.missing]).toEqual([]);
    expect(state.messages.map((message) => message.index)).toEqual(Array.from({ length: 27 }, (_, index) => index));
    const agentReply = state.messages[25];
    expect(agentReply).toMatchObject({ isFromMe: true, authorName: SANDBOX_AGENT_IDENTITY, deliveryStatus: 'pending' });
    expect(state.messages[26]).toMatchObject({ isFromMe: false, authorName: 'customer-1' });
    expect(state.messages[26]?.source.body).toBe('customer follow-up');
    expect(state.lastReadMessageByCurrentUserIndex).toBe(26);
    expect(state.unreadMessages).toEqual([]);
    expect(state.participants.size).toBe(2);
    // The listener registered Flex's handlers on the conversation and removed them all again on stop().
    expect(listenersWhileStarted).toBe(2);
    expect(conversation.listenerCount('messageAdded')).toBe(0);
    expect(conversation.listenerCount('updated')).toBe(0);
    expect(dispatched).toEqual([]);
  });

  it('mirrors the client connection state the way Flex chat session state does', async () => {
    const { server, client } = await startClient();
    const watch = new MemberWatch();
    const { dispatched, dispatch } = dispatchRecorder();
    ChatSessionState.Actions.dispatcher = dispatch;

    const session = await watch.during(() => {
      const state = ChatSessionState.reduce(undefined as unknown as ChatSessionState.ChatSessionState, {
        type: ChatSessionState.ACTION_INIT_SESSION,
        payload: watch.watch(client),
      });
      server.setConnection('disconnected');
      return state;
    });
    await settle();

    expect([...watch.missing]).toEqual([]);
    expect(session.connectionState).toBe('connected');
    expect(dispatched).toEqual([{ type: ChatSessionState.ACTION_CLIENT_CONNECTION, payload: 'disconnected' }]);
    session.listener?.stop();
    expect(client.listenerCount('connectionStateChanged')).toBe(0);
  });
});
