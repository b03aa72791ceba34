import { EventEmitter } from 'events';
import type { Message } from '@twilio/conversations';
import type { ITask } from '@twilio/flex-ui';
import { Actions } from '@twilio/flex-ui';

import { FakeClock } from '../runtime/testing/fakeClock';
import { flexCommandEffects, flexConversationGateway, flexTaskGateway, messageFactsOf } from './flexGateways';
import { markerAttributes } from '../core/inactivityMarker';
import type { MessagingTaskFacts, TaskLike } from '../tasks/messagingTask';
import { messagingTaskFacts } from '../tasks/messagingTask';

type FlexManager = Parameters<typeof flexTaskGateway>[0];
type ConversationsClient = NonNullable<ReturnType<Parameters<typeof flexConversationGateway>[0]>>;
type FakeTask = TaskLike & Pick<ITask, 'getParticipants'>;
type FakeMessage = Pick<Message, 'index' | 'author' | 'participantSid' | 'dateCreated' | 'attributes' | 'body'>;

/** Every event Flex emits for reservation changes. */
const TASK_EVENTS = [
  'taskAccepted',
  'taskUpdated',
  'taskWrapup',
  'taskCompleted',
  'taskCanceled',
  'taskTimeout',
  'taskRescinded',
  'taskRejected',
];

/** A Flex Conversations webchat task; `participants` is what the Interactions API answers. */
function fakeTask(n: number, overrides: Partial<FakeTask> = {}, participants: unknown = []): FakeTask {
  return {
    sid: `WR${n}`,
    taskSid: `WT${n}`,
    status: 'accepted',
    taskChannelUniqueName: 'chat',
    attributes: { conversationSid: `CH${n}`, channelType: 'web', flexInteractionChannelSid: `UO${n}` },
    getParticipants: jest.fn(() => Promise.resolve(participants)),
    ...overrides,
  };
}

/** Flex's manager as the task gateway reads it: the worker's tasks in the store, and a synchronous event emitter. */
function fakeManager(...tasks: FakeTask[]) {
  const tasksBySid = new Map(tasks.map((task) => [task.sid, task]));
  const events = new EventEmitter();
  const state = { flex: { worker: { tasks: tasksBySid } } };
  // Flex's store and FlexState have hundreds of required members; the gateway reads only flex.worker.tasks.
  const workerClient = new EventEmitter();
  const manager = { store: { getState: () => state }, events, workerClient } as unknown as FlexManager;
  return { manager, tasksBySid, events, workerClient };
}

function factsOf(task: TaskLike): MessagingTaskFacts {
  const facts = messagingTaskFacts(task);
  if (facts === null) throw new Error('not a messaging task');
  return facts;
}

function participant(type: string, sid: unknown): unknown {
  return { participantSid: `UT${String(sid)}`, type, mediaProperties: { sid, identity: `${type}-identity` } };
}

function fakeMessage(index: number, overrides: Partial<FakeMessage> = {}): FakeMessage {
  return {
    index,
    author: 'customer-identity',
    participantSid: 'MBcustomer',
    dateCreated: new Date(1_700_000_000_000 + index),
    attributes: {},
    body: `message ${index}`,
    ...overrides,
  };
}

/** A Conversations conversation: EventEmitter events and a message history. */
class FakeConversation extends EventEmitter {
  readonly pageSizes: Array<number | undefined> = [];
  constructor(readonly messages: FakeMessage[] = []) {
    super();
  }
  getMessages(pageSize?: number): Promise<{ items: FakeMessage[] }> {
    this.pageSizes.push(pageSize);
    return Promise.resolve({ items: this.messages.slice(-(pageSize ?? 30)) });
  }
}

/** The Conversations client Flex runs; `getConversationBySid` resolves when `release` is called, if `held`. */
class FakeClient extends EventEmitter {
  connectionState = 'connected';
  readonly user = { identity: 'agent@example.com' };
  readonly conversations = new Map<string, FakeConversation>();
  held = false;
  private readonly waiting: Array<() => void> = [];

  getConversationBySid(sid: string): Promise<FakeConversation> {
    const found = this.conversations.get(sid);
    const answer = (): Promise<FakeConversation> =>
      found === undefined ? Promise.reject(new Error(`Conversation ${sid} not found`)) : Promise.resolve(found);
    if (!this.held) return answer();
    return new Promise((resolve, reject) => {
      this.waiting.push(() => {
        answer().then(resolve, reject);
      });
    });
  }

  release(): void {
    this.waiting.splice(0).forEach((answer) => answer());
  }
}

/** A client with one conversation CH1, and the gateway over it. */
function conversationSetup(messages: FakeMessage[] = []) {
  const client = new FakeClient();
  const conversation = new FakeConversation(messages);
  client.conversations.set('CH1', conversation);
  // Client, Conversation and User are classes with private members: no structural fake can satisfy them.
  const clock = new FakeClock(0);
  const gateway = flexConversationGateway(() => client as unknown as ConversationsClient, clock);
  return { client, conversation, gateway, clock };
}

/** Lets promise chains run to the end. */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

describe('flex/flexGateways', () => {
  describe('flexTaskGateway', () => {
    it('merges an attribute into the latest attributes Flex holds, keeping what other plugins wrote', async () => {
      const setAttributes = jest.fn(() => Promise.resolve());
      const held = { ...fakeTask(1), setAttributes } as unknown as FakeTask;
      const { manager, tasksBySid } = fakeManager(held);
      // Another plugin updated the task meanwhile: Flex replaced its task object.
      tasksBySid.set('WR1', {
        ...held,
        attributes: { ...(held.attributes as object), crmId: 'C-42' },
      } as unknown as FakeTask);
      await flexTaskGateway(manager).updateAttributes('WR1', (latest) => ({
        ...latest,
        inactivity: { reason: 'customer_inactive' },
      }));
      expect(setAttributes).toHaveBeenCalledWith({
        conversationSid: 'CH1',
        channelType: 'web',
        flexInteractionChannelSid: 'UO1',
        crmId: 'C-42',
        inactivity: { reason: 'customer_inactive' },
      });
    });

    it('rejects merging into a task Flex no longer holds', async () => {
      const { manager } = fakeManager();
      await expect(flexTaskGateway(manager).updateAttributes('WR9', () => ({}))).rejects.toThrow(
        'the task is not held',
      );
    });

    it("reports the TaskRouter worker's ready again (Flex rebuilt its task list), until unsubscribed", () => {
      const { manager, workerClient } = fakeManager(fakeTask(1));
      const reloaded = jest.fn();
      const stop = flexTaskGateway(manager).onTasksReloaded(reloaded);
      workerClient.emit('ready', {});
      expect(reloaded).toHaveBeenCalledTimes(1);
      stop();
      workerClient.emit('ready', {});
      expect(reloaded).toHaveBeenCalledTimes(1);
      expect(workerClient.listenerCount('ready')).toBe(0);
    });

    it("lists every reservation in Flex's store", () => {
      const { manager } = fakeManager(fakeTask(1), fakeTask(2, { status: 'pending' }));
      expect(
        flexTaskGateway(manager)
          .heldTasks()
          .map((task) => task.sid),
      ).toEqual(['WR1', 'WR2']);
    });

    it('reads what the store holds now, not what it held when the gateway was made', () => {
      const { manager, tasksBySid } = fakeManager(fakeTask(1));
      const gateway = flexTaskGateway(manager);
      tasksBySid.set('WR1', fakeTask(1, { status: 'wrapping' }));
      expect(gateway.statusOf('WR1')).toBe('wrapping');
      expect(gateway.heldTasks()[0]?.status).toBe('wrapping');
    });

    it.each(TASK_EVENTS)('passes the new task of %s to the listener', (event) => {
      const { manager, events } = fakeManager();
      const seen: TaskLike[] = [];
      flexTaskGateway(manager).onTaskChanged((task) => seen.push(task));
      const changed = fakeTask(1, { status: 'wrapping' });
      events.emit(event, changed);
      expect(seen).toEqual([changed]);
    });

    it('removes every listener it added when cleaned up', () => {
      const { manager, events } = fakeManager();
      const listener = jest.fn();
      const stop = flexTaskGateway(manager).onTaskChanged(listener);
      expect(TASK_EVENTS.map((event) => events.listenerCount(event))).toEqual(TASK_EVENTS.map(() => 1));
      stop();
      expect(TASK_EVENTS.map((event) => events.listenerCount(event))).toEqual(TASK_EVENTS.map(() => 0));
      events.emit('taskUpdated', fakeTask(1));
      expect(listener).not.toHaveBeenCalled();
    });

    it('gives the status of a reservation, undefined once Flex dropped it', () => {
      const { manager, tasksBySid } = fakeManager(fakeTask(1));
      const gateway = flexTaskGateway(manager);
      expect(gateway.statusOf('WR1')).toBe('accepted');
      tasksBySid.delete('WR1');
      expect(gateway.statusOf('WR1')).toBeUndefined();
    });

    describe('partiesOf', () => {
      it("reads customer and agent sids from the task's Interactions participants", async () => {
        const task = fakeTask(1, {}, [
          participant('customer', 'MBcustomer'),
          participant('agent', 'MBagent'),
          participant('supervisor', 'MBsupervisor'),
          participant('external', 'MBexternal'),
        ]);
        const { manager } = fakeManager(task);
        await expect(flexTaskGateway(manager).partiesOf(factsOf(task))).resolves.toEqual({
          customerParticipantSids: new Set(['MBcustomer']),
          agentParticipantSids: new Set(['MBagent']),
        });
        expect(task.getParticipants).toHaveBeenCalledWith('UO1');
      });

      it('skips junk entries', async () => {
        const task = fakeTask(1, {}, [
          null,
          'customer',
          42,
          { type: 'customer' },
          { type: 'customer', mediaProperties: null },
          { type: 'customer', mediaProperties: { sid: 7 } },
          { type: 'agent', mediaProperties: 'MBagent' },
          { mediaProperties: { sid: 'MBnotype' } },
          participant('customer', 'MBcustomer'),
        ]);
        const { manager } = fakeManager(task);
        await expect(flexTaskGateway(manager).partiesOf(factsOf(task))).resolves.toEqual({
          customerParticipantSids: new Set(['MBcustomer']),
          agentParticipantSids: new Set(),
        });
      });

      it.each<[string, unknown]>([
        ['only agents', [participant('agent', 'MBagent')]],
        ['an empty list', []],
        ['not a list', { customer: 'MBcustomer' }],
        ['undefined', undefined],
      ])('rejects when there is no customer among %s', async (_case, participants) => {
        const task = fakeTask(1, {}, participants);
        const { manager } = fakeManager(task);
        await expect(flexTaskGateway(manager).partiesOf(factsOf(task))).rejects.toThrow(
          'no customer among the Interactions participants',
        );
      });

      it('rejects for a task the worker no longer holds, without calling Interactions', async () => {
        const task = fakeTask(1, {}, [participant('customer', 'MBcustomer')]);
        const { manager } = fakeManager();
        await expect(flexTaskGateway(manager).partiesOf(factsOf(task))).rejects.toThrow('the task is not held');
        expect(task.getParticipants).not.toHaveBeenCalled();
      });

      it('rejects for a task without an Interactions channel', async () => {
        const task = fakeTask(1, { attributes: { conversationSid: 'CH1' } }, [participant('customer', 'MB1')]);
        const { manager } = fakeManager(task);
        await expect(flexTaskGateway(manager).partiesOf(factsOf(task))).rejects.toThrow('the task is not held');
      });

      it('passes on a failing Interactions request', async () => {
        const task = fakeTask(1, { getParticipants: () => Promise.reject(new Error('HTTP 503')) });
        const { manager } = fakeManager(task);
        await expect(flexTaskGateway(manager).partiesOf(factsOf(task))).rejects.toThrow('HTTP 503');
      });
    });
  });

  describe('messageFactsOf', () => {
    it('keeps what the plugin reads, with dateCreated as epoch ms', () => {
      const attributes = { conversationsInactivity: { kind: 'closing', taskSid: 'WT1', cycleStartIndex: null } };
      expect(messageFactsOf(fakeMessage(3, { dateCreated: new Date(1_700_000_000_123), attributes }))).toEqual({
        index: 3,
        author: 'customer-identity',
        participantSid: 'MBcustomer',
        createdAt: 1_700_000_000_123,
        attributes,
      });
    });

    it('keeps a missing date, author and participant as null', () => {
      expect(messageFactsOf(fakeMessage(0, { dateCreated: null, author: null, participantSid: null }))).toMatchObject({
        createdAt: null,
        author: null,
        participantSid: null,
      });
    });
  });

  describe('flexConversationGateway', () => {
    it('follows messageAdded once the conversation is found, and stops on cleanup', async () => {
      const { conversation, gateway } = conversationSetup();
      const seen: unknown[] = [];
      const attached = jest.fn();
      const stop = gateway.watch('CH1', (message) => seen.push(message), attached);
      await flush();
      expect(conversation.listenerCount('messageAdded')).toBe(1);
      expect(attached).toHaveBeenCalledTimes(1);
      conversation.emit('messageAdded', fakeMessage(4, { dateCreated: new Date(5_000) }));
      expect(seen).toEqual([
        { index: 4, author: 'customer-identity', participantSid: 'MBcustomer', createdAt: 5_000, attributes: {} },
      ]);
      stop();
      expect(conversation.listenerCount('messageAdded')).toBe(0);
      conversation.emit('messageAdded', fakeMessage(5));
      expect(seen).toHaveLength(1);
    });

    it('attaches nothing when stopped before the conversation was found', async () => {
      const { client, conversation, gateway } = conversationSetup();
      client.held = true;
      const stop = gateway.watch('CH1', jest.fn(), jest.fn());
      stop();
      client.release();
      await flush();
      expect(conversation.listenerCount('messageAdded')).toBe(0);
    });

    it('warns once, naming the conversation, and keeps retrying until it is found', async () => {
      const { client, conversation, gateway, clock } = conversationSetup();
      client.conversations.delete('CH1');
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const attached = jest.fn();
        const stop = gateway.watch('CH1', jest.fn(), attached);
        await flush();
        clock.advance(1_000);
        await flush();
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warn).toHaveBeenCalledWith(expect.stringContaining('CH1'));
        client.conversations.set('CH1', conversation);
        clock.advance(2_000);
        await flush();
        expect(attached).toHaveBeenCalledTimes(1);
        expect(conversation.listenerCount('messageAdded')).toBe(1);
        stop();
        expect(clock.pendingTimers()).toBe(0);
      } finally {
        warn.mockRestore();
      }
    });

    it('stops retrying when stopped', async () => {
      const { client, gateway, clock } = conversationSetup();
      client.conversations.delete('CH1');
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const stop = gateway.watch('CH1', jest.fn(), jest.fn());
        await flush();
        stop();
        expect(clock.pendingTimers()).toBe(0);
      } finally {
        warn.mockRestore();
      }
    });

    it('reads the most recent messages, oldest first, asking for the page size given', async () => {
      const { conversation, gateway } = conversationSetup([0, 1, 2, 3].map((index) => fakeMessage(index)));
      const messages = await gateway.recentMessages('CH1', 2);
      expect(messages.map((message) => message.index)).toEqual([2, 3]);
      expect(conversation.pageSizes).toEqual([2]);
    });

    it('rejects recentMessages with a clear error when Flex has no Conversations client', async () => {
      const gateway = flexConversationGateway(() => undefined, new FakeClock(0));
      await expect(gateway.recentMessages('CH1', 30)).rejects.toThrow('the Conversations client is not initialised');
    });

    it('without a client: not connected, no identity, and subscribing is harmless', () => {
      const gateway = flexConversationGateway(() => undefined, new FakeClock(0));
      expect(gateway.isConnected()).toBe(false);
      expect(gateway.identity()).toBeUndefined();
      const stop = gateway.onConnectionChanged(jest.fn());
      expect(stop).not.toThrow();
    });

    it.each([
      ['connected', true],
      ['connecting', false],
      ['disconnecting', false],
      ['disconnected', false],
      ['denied', false],
    ])("is connected only when the client's state is connected (%s)", (state, connected) => {
      const { client, gateway } = conversationSetup();
      client.connectionState = state;
      expect(gateway.isConnected()).toBe(connected);
    });

    it('reports connection changes of the Conversations client until cleaned up', () => {
      const { client, gateway } = conversationSetup();
      const seen: boolean[] = [];
      const stop = gateway.onConnectionChanged((connected) => seen.push(connected));
      client.emit('connectionStateChanged', 'disconnected');
      client.emit('connectionStateChanged', 'connecting');
      client.emit('connectionStateChanged', 'connected');
      expect(seen).toEqual([false, false, true]);
      stop();
      expect(client.listenerCount('connectionStateChanged')).toBe(0);
    });

    it("gives the agent's Conversations identity", () => {
      expect(conversationSetup().gateway.identity()).toBe('agent@example.com');
    });
  });

  describe('flexCommandEffects', () => {
    // Without a Manager the real SendMessage and WrapupTask reject before their bodies (FlexModule/ChatModule not
    // initialised), so stub bodies stand in for them. (Flex's own beforeSendMessage also throws here, which skips
    // any later before listener, so listener behaviour is not asserted in this file.)
    const invoked: Array<{ action: string; payload: unknown }> = [];
    let sendFailure: Error | null = null;

    beforeAll(() => {
      Actions.registerAction('SendInactivityMessage', (payload: unknown) => {
        invoked.push({ action: 'SendInactivityMessage', payload });
        return sendFailure === null ? Promise.resolve(0) : Promise.reject(sendFailure);
      });
      Actions.registerAction('WrapupTask', (payload: unknown) => {
        invoked.push({ action: 'WrapupTask', payload });
        return Promise.resolve();
      });
    });

    beforeEach(() => {
      invoked.length = 0;
      sendFailure = null;
    });

    function effects(...tasks: FakeTask[]) {
      return flexCommandEffects(Actions, flexTaskGateway(fakeManager(...tasks).manager));
    }

    it('sends through SendInactivityMessage (never SendMessage) with { conversationSid, body, messageAttributes }', async () => {
      const attributes = markerAttributes({ kind: 'warning', taskSid: 'WT1', cycleStartIndex: 2, warningIndex: 0 });
      await expect(effects().sendMessage('CH1', 'Still there?', attributes)).resolves.toBe('sent');
      expect(invoked).toEqual([
        {
          action: 'SendInactivityMessage',
          payload: { conversationSid: 'CH1', body: 'Still there?', messageAttributes: attributes },
        },
      ]);
    });

    it('resolves cancelled when another plugin aborts the message in a before listener', async () => {
      const veto = (_payload: unknown, abort: () => void): void => abort();
      Actions.addListener('beforeSendInactivityMessage', veto);
      try {
        await expect(effects().sendMessage('CH1', 'x', {})).resolves.toBe('cancelled');
      } finally {
        Actions.removeListener('beforeSendInactivityMessage', veto);
      }
      expect(invoked).toEqual([]);
    });

    it('rejects when the message could not be sent', async () => {
      sendFailure = new Error('No valid conversation provided on sendMessage action.');
      await expect(effects().sendMessage('CH1', 'x', {})).rejects.toThrow('No valid conversation provided');
    });

    it('wraps up through WrapupTask with exactly { sid } (the reservation sid)', async () => {
      await effects(fakeTask(1)).wrapupTask('WR1', () => Promise.resolve());
      expect(invoked).toEqual([{ action: 'WrapupTask', payload: { sid: 'WR1' } }]);
    });

    describe('when another plugin completes the task as soon as it is in wrap-up', () => {
      /** Flex's order: before-listeners awaited, the action, then after-listeners awaited before it resolves. */
      function flexLikeActions(bodies: Record<string, (payload: unknown) => void>) {
        const listeners = new Map<string, Array<(payload: unknown) => Promise<void> | void>>();
        const actions = {
          addListener(name: string, listener: (payload: unknown) => Promise<void> | void): void {
            listeners.set(name, [...(listeners.get(name) ?? []), listener]);
          },
          async invokeAction(name: string, payload?: unknown): Promise<unknown> {
            const run = async (phase: string): Promise<void> => {
              for (const listener of listeners.get(`${phase}${name}`) ?? []) await listener(payload);
            };
            await run('before');
            bodies[name]?.(payload);
            await run('after');
            return undefined;
          },
        };
        return actions;
      }

      it('writes the outcome before CompleteTask takes the task away, once', async () => {
        const { manager, tasksBySid } = fakeManager(fakeTask(1));
        const task = tasksBySid.get('WR1') as FakeTask;
        const written: string[] = [];
        const actions = flexLikeActions({
          WrapupTask: () => tasksBySid.set('WR1', { ...task, status: 'wrapping' }),
          CompleteTask: () => tasksBySid.delete('WR1'),
        });
        actions.addListener('afterWrapupTask', () =>
          actions.invokeAction('CompleteTask', { sid: 'WR1' }).then(() => undefined),
        );
        const gateway = flexCommandEffects(actions, flexTaskGateway(manager));
        let writes = 0;
        const record = (): Promise<void> => {
          writes += 1;
          written.push(tasksBySid.has('WR1') ? 'while held' : 'after the task was gone');
          return Promise.resolve();
        };
        await gateway.wrapupTask('WR1', record);
        expect(written).toEqual(['while held']);
        expect(writes).toBe(1);
      });

      it('leaves a task still accepted alone: completing it is not the wrap-up the outcome is for', async () => {
        const { manager, tasksBySid } = fakeManager(fakeTask(1));
        const actions = flexLikeActions({ CompleteTask: () => tasksBySid.delete('WR1') });
        actions.addListener('afterWrapupTask', () =>
          actions.invokeAction('CompleteTask', { task: { sid: 'WR1' } }).then(() => undefined),
        );
        const gateway = flexCommandEffects(actions, flexTaskGateway(manager));
        const record = jest.fn(() => Promise.resolve());
        await gateway.wrapupTask('WR1', record);
        expect(record).not.toHaveBeenCalled();
      });
    });

    it.each<[string, TaskLike['status'] | undefined, boolean]>([
      ['accepted', 'accepted', false],
      ['pending', 'pending', false],
      ['wrapping', 'wrapping', true],
      ['completed', 'completed', true],
      ['gone from the store', undefined, true],
    ])('tells whether a task %s has left the accepted state', (_case, status, left) => {
      const tasks = status === undefined ? [] : [fakeTask(1, { status })];
      expect(effects(...tasks).hasLeftAcceptedState('WR1')).toBe(left);
    });
  });
});
