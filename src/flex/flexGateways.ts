import type { Client, Conversation, JSONObject, Message } from '@twilio/conversations';
import type { ITask, Manager } from '@twilio/flex-ui';

import type { InactivityMessagePayload } from '../actions/timerActionNames';
import { outcomeAttributes } from '../core/outcomeAttributes';
import { SEND_INACTIVITY_MESSAGE } from '../actions/timerActionNames';
import type { Clock, IntervalHandle } from '../runtime/clock';
import type { CommandEffects } from '../engine/commandRunner';
import type { InactivityMarker } from '../core/inactivityMarker';
import type { MessageFacts } from '../core/messageAuthor';
import type { ConversationGateway, TaskGateway } from '../engine/ports';

/** The Flex events after which a reservation's status may have changed; Flex passes a new ITask with each. */
const TASK_EVENTS = [
  'taskAccepted',
  'taskUpdated',
  'taskWrapup',
  'taskCompleted',
  'taskCanceled',
  'taskTimeout',
  'taskRescinded',
  'taskRejected',
] as const;

type FlexManager = Pick<Manager, 'store' | 'events'> & Partial<Pick<Manager, 'workerClient'>>;

function tasksOf(manager: FlexManager): Map<string, ITask> {
  return manager.store.getState().flex.worker.tasks;
}

function notHeld(): never {
  throw new Error('the task is not held');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Participant sids by Interactions type, read defensively from `task.getParticipants` (typed `any` by Flex). */
function participantSidsOf(participants: unknown, type: string): Set<string> {
  const sids = new Set<string>();
  if (!Array.isArray(participants)) return sids;
  for (const participant of participants as unknown[]) {
    if (!isRecord(participant) || participant.type !== type || !isRecord(participant.mediaProperties)) continue;
    const sid = participant.mediaProperties.sid;
    if (typeof sid === 'string') sids.add(sid);
  }
  return sids;
}

/** The worker's tasks, from Flex's store and events. */
export function flexTaskGateway(manager: FlexManager): TaskGateway {
  return {
    heldTasks: () => Array.from(tasksOf(manager).values()),
    onTaskChanged(listener) {
      TASK_EVENTS.forEach((event) => manager.events.addListener(event, listener));
      return () => TASK_EVENTS.forEach((event) => manager.events.removeListener(event, listener));
    },
    onTasksReloaded(listener) {
      // Flex subscribed to `ready` before any plugin loaded, so its task map is rebuilt by the time this runs.
      const worker = manager.workerClient;
      // Before login (or in a stripped-down host) there is no worker to follow: task events still are.
      if (typeof worker?.on !== 'function') return () => undefined;
      const handler = (): void => listener();
      worker.on('ready', handler);
      return () => worker.removeListener('ready', handler);
    },
    async updateAttributes(reservationSid, update) {
      const task = tasksOf(manager).get(reservationSid) ?? notHeld();
      // Flex replaces the task object on every update, so this is the latest copy of the attributes.
      const latest: unknown = task.attributes;
      await task.setAttributes(update(isRecord(latest) ? latest : {}));
    },
    statusOf: (reservationSid) => tasksOf(manager).get(reservationSid)?.status,
    async partiesOf(facts) {
      const channelSid = facts.interactionChannelSid ?? notHeld();
      const task = tasksOf(manager).get(facts.reservationSid) ?? notHeld();
      const participants: unknown = await task.getParticipants(channelSid);
      const customers = participantSidsOf(participants, 'customer');
      if (customers.size === 0) throw new Error('no customer among the Interactions participants');
      return { customerParticipantSids: customers, agentParticipantSids: participantSidsOf(participants, 'agent') };
    },
  };
}

/** What the plugin reads of a Conversations message. */
export function messageFactsOf(
  message: Pick<Message, 'index' | 'author' | 'participantSid' | 'dateCreated' | 'attributes'>,
): MessageFacts {
  return {
    index: message.index,
    author: message.author,
    participantSid: message.participantSid,
    createdAt: message.dateCreated?.getTime() ?? null,
    attributes: message.attributes,
  };
}

type ConversationsClient = Pick<Client, 'getConversationBySid' | 'connectionState' | 'on' | 'removeListener' | 'user'>;

/** Waits between the first attempts to reach a conversation that is not available yet; then every 30 s. */
const WATCH_RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];

/** Looks conversations up through the client Flex runs; rejects while Flex has none. */
export function conversationLookup(
  getClient: () => Pick<Client, 'getConversationBySid'> | undefined,
): (sid: string) => Promise<Conversation> {
  return async (sid) => {
    const client = getClient();
    if (client === undefined) throw new Error('the Conversations client is not initialised');
    return client.getConversationBySid(sid);
  };
}

/**
 * Conversations through the client Flex already runs: no second client, no second connection. `timers` schedules
 * the retries of a conversation lookup that failed (Flex may still be loading it).
 */
export function flexConversationGateway(
  getClient: () => ConversationsClient | undefined,
  timers: Pick<Clock, 'setTimeout' | 'clearTimeout'>,
): ConversationGateway {
  const conversation = conversationLookup(getClient);
  return {
    watch(sid, onMessage, onAttached) {
      let stopped = false;
      let attempts = 0;
      let retry: { readonly handle: IntervalHandle } | undefined;
      let detach = (): void => undefined;
      const handler = (message: Message): void => onMessage(messageFactsOf(message));
      const attach = (): void => {
        conversation(sid).then(
          (found) => {
            if (stopped) return;
            found.on('messageAdded', handler);
            detach = () => found.removeListener('messageAdded', handler);
            onAttached();
          },
          (error: unknown) => {
            if (stopped) return;
            const delay = WATCH_RETRY_DELAYS_MS[attempts] ?? 30_000;
            attempts += 1;
            if (attempts === 1)
              console.warn(`Inactivity: cannot follow the messages of ${sid} yet (${String(error)}); retrying.`);
            retry = { handle: timers.setTimeout(attach, delay) };
          },
        );
      };
      attach();
      return () => {
        stopped = true;
        if (retry !== undefined) timers.clearTimeout(retry.handle);
        detach();
      };
    },
    async recentMessages(sid, count) {
      const page = await (await conversation(sid)).getMessages(count);
      return page.items.map(messageFactsOf);
    },
    isConnected: () => getClient()?.connectionState === 'connected',
    onConnectionChanged(listener) {
      const handler = (state: string): void => listener(state === 'connected');
      const client = getClient();
      client?.on('connectionStateChanged', handler);
      return () => client?.removeListener('connectionStateChanged', handler);
    },
    identity: () => getClient()?.user.identity,
  };
}

type FlexActions = {
  invokeAction(name: string, payload?: unknown): Promise<unknown>;
  // Flex's own listener type takes `any`: the payload is read through checks below.
  addListener(name: string, listener: (payload: unknown) => Promise<void>): void;
};

/** The reservation sid a `CompleteTask` payload names (`{ sid }` or `{ task }`), if any. */
function reservationSidOf(payload: unknown): string | undefined {
  if (!isRecord(payload)) return undefined;
  const task = payload.task;
  const sid = isRecord(task) ? task.sid : payload.sid;
  return typeof sid === 'string' ? sid : undefined;
}

/**
 * Flex actions, so other plugins' before/after listeners see our messages and wrap-ups too: messages go through the
 * plugin's own `SendInactivityMessage` (which leaves the agent's input alone), wrap-ups through Flex's `WrapupTask`.
 */
export function flexCommandEffects(
  actions: FlexActions,
  tasks: Pick<TaskGateway, 'statusOf' | 'updateAttributes'>,
): CommandEffects {
  const hasLeftAcceptedState = (reservationSid: string): boolean => {
    const status = tasks.statusOf(reservationSid);
    return status !== 'accepted' && status !== 'pending';
  };
  /** Outcomes of the wrap-ups under way, by reservation. */
  const owedOutcomes = new Map<string, () => Promise<void>>();
  // Flex runs after-listeners before WrapupTask resolves: another plugin's that completes the task at once would
  // drop it from Flex's tasks before the runner writes the outcome, so the outcome is written first, once.
  actions.addListener('beforeCompleteTask', async (payload) => {
    const reservationSid = reservationSidOf(payload);
    if (reservationSid === undefined || !hasLeftAcceptedState(reservationSid)) return;
    await owedOutcomes.get(reservationSid)?.();
  });
  return {
    async sendMessage(conversationSid, body, attributes: Record<string, InactivityMarker>) {
      // The marker holds only strings, numbers and null: it is a JSON object by construction.
      const messageAttributes = attributes as unknown as JSONObject;
      const payload: InactivityMessagePayload = { conversationSid, body, messageAttributes };
      try {
        await actions.invokeAction(SEND_INACTIVITY_MESSAGE, payload);
        return 'sent';
      } catch (error) {
        // Flex's wording when a before listener called `abort()`.
        if (error instanceof Error && /cancelled by before event/.test(error.message)) return 'cancelled';
        throw error;
      }
    },
    async wrapupTask(reservationSid, recordOutcome) {
      owedOutcomes.set(reservationSid, recordOutcome);
      try {
        await actions.invokeAction('WrapupTask', { sid: reservationSid });
      } finally {
        owedOutcomes.delete(reservationSid);
      }
    },
    hasLeftAcceptedState,
    recordOutcome: (reservationSid, outcome, reportOutcome) =>
      tasks.updateAttributes(reservationSid, (latest) => outcomeAttributes(latest, outcome, reportOutcome)),
  };
}
