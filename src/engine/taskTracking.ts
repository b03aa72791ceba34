import type { InactivityConfig } from '../config/policy';
import { isTimed, policyFor } from '../config/policy';
import type { TrackRequest } from '../core/conversationTimer';
import type { ConversationParties, MessageFacts } from '../core/messageAuthor';
import type { Clock } from '../runtime/clock';
import { inactivityEvents } from '../state/inactivityEvents';
import type { MessagingTaskFacts, TaskLike } from '../tasks/messagingTask';
import { isAccepted, messagingTaskFacts } from '../tasks/messagingTask';
import type { TransferStatus } from '../core/transferStatus';
import type { ConversationGateway, InactivityStore, TaskGateway, TransferGateway } from './ports';

/** One conversation the acting tab follows. */
export interface TrackedConversation {
  readonly task: MessagingTaskFacts;
  parties: ConversationParties;
  /** Resolves once the participants lookup is over: reading history before would misjudge who wrote what. */
  partiesKnown: Promise<void>;
  /** Live messages are followed (its history read has begun): the gateway said the conversation is attached. */
  attached: boolean;
  stopWatching: () => void;
}

/** What the tracker tells the rest of the engine. */
export interface TrackingListener {
  /** A task snapshot from Flex: at start-up, on a resync and with every task event. */
  onTaskSeen(task: TaskLike): void;
  /** When the countdown of an accepted task began: its acceptance, whenever this page hears of it. */
  acceptedAtOf(task: TaskLike): number;
  /** Live messages of `conversation` are followed from now on: its history can be read without a gap. */
  onAttached(conversation: TrackedConversation): void;
  onMessage(conversation: TrackedConversation, message: MessageFacts): void;
  /** Where the transfer of `conversation` stands changed (or a transfer was found listed when tracking began). */
  onTransfer(conversation: TrackedConversation, status: TransferStatus): void;
  onReleased(conversationSid: string): void;
}

export interface TaskTrackingDeps {
  readonly store: InactivityStore;
  readonly config: InactivityConfig;
  readonly clock: Pick<Clock, 'now'>;
  readonly tasks: TaskGateway;
  readonly conversations: ConversationGateway;
  readonly transfers: TransferGateway;
  readonly log: Pick<Console, 'warn'>;
}

/** Task lifecycle, participants and message watching of the conversations the plugin times. */
export interface TaskTracking {
  get(conversationSid: string): TrackedConversation | undefined;
  all(): TrackedConversation[];
  /** Brings tracking in line with the tasks Flex holds now (a reload of Flex's task list sends no events). */
  resync(at: (task: TaskLike) => number): void;
  stop(): void;
}

/** A chat about to be tracked: its facts and the request that starts its timer. */
interface Tracking {
  readonly facts: MessagingTaskFacts;
  readonly request: TrackRequest;
  /**
   * Twilio's creation time of the reservation (Flex's `ITask.dateCreated` is the reservation's), which tells its own
   * transfers from the one that brought the chat here; undefined when Flex does not say.
   */
  readonly reservationCreatedAt: number | undefined;
}

/** Follows the worker's tasks: starts and ends tracking, looks up who is who, and watches messages. */
export function createTaskTracking(deps: TaskTrackingDeps, listener: TrackingListener): TaskTracking {
  const { store, config, tasks, conversations } = deps;
  const tracked = new Map<string, TrackedConversation>();

  const initialParties = (task: MessagingTaskFacts): ConversationParties => {
    const identity = conversations.identity();
    return {
      customerParticipantSids: new Set(),
      agentParticipantSids: new Set(),
      customerAddresses: new Set(task.customerAddresses),
      agentIdentities: new Set(identity === undefined ? [] : [identity]),
    };
  };

  const lookUpParties = async (entry: TrackedConversation): Promise<void> => {
    if (entry.task.interactionChannelSid === undefined) return;
    try {
      entry.parties = { ...entry.parties, ...(await tasks.partiesOf(entry.task)) };
    } catch (error) {
      deps.log.warn(
        `Inactivity: could not read the participants of task ${entry.task.taskSid} (${String(error)}); ` +
          'the customer is recognised by the address in the task attributes instead.',
      );
    }
  };

  /** What tracking `task` from `at` takes; null unless it is an accepted, timed chat this tab does not follow yet. */
  const trackingOf = (task: TaskLike, at: number): Tracking | null => {
    const facts = messagingTaskFacts(task);
    if (facts === null || !isAccepted(task) || tracked.has(facts.conversationSid)) return null;
    if (!isTimed(config, facts)) return null;
    const { conversationSid, reservationSid, taskSid, channelType } = facts;
    const request = {
      conversationSid,
      reservationSid,
      taskSid,
      channelType,
      policy: policyFor(config, facts),
      at,
    };
    return { facts, request, reservationCreatedAt: task.dateCreated?.getTime() };
  };

  /** Follows a conversation whose timer is in the store: its policy, participants, messages and transfers. */
  const follow = ({ facts, request, reservationCreatedAt }: Tracking): void => {
    // A timer restored from a previous page may run under settings the admin has changed since.
    store.dispatch(inactivityEvents.policyChanged({ conversationSid: facts.conversationSid, policy: request.policy }));
    const entry: TrackedConversation = {
      task: facts,
      parties: initialParties(facts),
      partiesKnown: Promise.resolve(),
      attached: false,
      stopWatching: () => undefined,
    };
    tracked.set(facts.conversationSid, entry);
    entry.partiesKnown = lookUpParties(entry);
    // History is read once live messages are followed, so nothing can fall between the two.
    const stopMessages = conversations.watch(
      facts.conversationSid,
      (message) => listener.onMessage(entry, message),
      () => {
        entry.attached = true;
        listener.onAttached(entry);
      },
    );
    // Per reservation, not per conversation: Flex lists the chat's transfers for every agent who gets it.
    const stopTransfers = deps.transfers.watch(facts.conversationSid, reservationCreatedAt, (status) =>
      listener.onTransfer(entry, status),
    );
    entry.stopWatching = () => {
      stopMessages();
      stopTransfers();
    };
  };

  const track = (task: TaskLike, at: number): void => {
    const tracking = trackingOf(task, at);
    if (tracking === null) return;
    store.dispatch(inactivityEvents.conversationTracked(tracking.request));
    follow(tracking);
  };

  /**
   * The chats Flex holds, at load or after a reconnect, in one store change: every change runs all of Flex's store
   * subscribers, so one per chat cost a page with 50 chats a third of a second.
   */
  const trackAll = (tasks: readonly TaskLike[], at: (task: TaskLike) => number): void => {
    const batch = new Map<string, Tracking>();
    for (const task of tasks) {
      const tracking = trackingOf(task, at(task));
      // Two reservations of one conversation: the first is followed, as when they are tracked one by one.
      if (tracking !== null && !batch.has(tracking.facts.conversationSid))
        batch.set(tracking.facts.conversationSid, tracking);
    }
    if (batch.size === 0) return;
    const requests = [...batch.values()].map((tracking) => tracking.request);
    store.dispatch(inactivityEvents.conversationsTracked({ requests }));
    batch.forEach(follow);
  };

  /** Another accepted reservation on the same conversation (a transfer back to this agent) takes over. */
  const successorOf = (conversationSid: string): TaskLike | undefined =>
    tasks.heldTasks().find((task) => isAccepted(task) && messagingTaskFacts(task)?.conversationSid === conversationSid);

  const release = (conversationSid: string): void => {
    const entry = tracked.get(conversationSid);
    if (entry === undefined) return;
    entry.stopWatching();
    tracked.delete(conversationSid);
    store.dispatch(inactivityEvents.conversationReleased({ conversationSid }));
    listener.onReleased(conversationSid);
    const successor = successorOf(conversationSid);
    if (successor !== undefined) track(successor, deps.clock.now());
  };

  const onTaskChanged = (task: TaskLike): void => {
    listener.onTaskSeen(task);
    const facts = messagingTaskFacts(task);
    if (facts === null) return;
    const entry = tracked.get(facts.conversationSid);
    if (isAccepted(task)) {
      if (entry === undefined) track(task, listener.acceptedAtOf(task));
    } else if (entry !== undefined && entry.task.reservationSid === facts.reservationSid) {
      // Wrap-up by anyone, completion, cancellation, timeout, rescinding or a transfer away: this reservation is over.
      release(facts.conversationSid);
    }
  };

  function resync(at: (task: TaskLike) => number): void {
    const held = tasks.heldTasks();
    held.forEach((task) => listener.onTaskSeen(task));
    const accepted = new Set(held.filter(isAccepted).map((task) => task.sid));
    tracked.forEach((entry, sid) => {
      if (!accepted.has(entry.task.reservationSid)) release(sid);
    });
    trackAll(held, at);
  }

  const stopListening = tasks.onTaskChanged(onTaskChanged);
  const stopReloads = tasks.onTasksReloaded(() => resync((task) => listener.acceptedAtOf(task)));

  return {
    get: (sid) => tracked.get(sid),
    all: () => [...tracked.values()],
    resync,
    stop() {
      stopListening();
      stopReloads();
      tracked.forEach((entry) => entry.stopWatching());
      tracked.clear();
    },
  };
}
