import type { ConversationParties, MessageFacts } from '../core/messageAuthor';
import type { TransferStatus } from '../core/transferStatus';
import type { InactivityEvent } from '../state/inactivityEvents';
import type { StateWithInactivity } from '../state/selectors';
import type { MessagingTaskFacts, TaskLike } from '../tasks/messagingTask';

/**
 * The engine's view of the outside world. Each port has a Flex implementation (src/flex/) and a fake
 * (src/flex/testing/), so the engine runs the same in Flex, in tests and in the benchmarks.
 */

/** The part of Flex's Redux store the engine uses. */
export interface InactivityStore {
  getState(): StateWithInactivity;
  dispatch(event: InactivityEvent): unknown;
  subscribe(listener: () => void): () => void;
}

/** The worker's tasks, as Flex holds them. */
export interface TaskGateway {
  /** Every reservation in `state.flex.worker.tasks`. */
  heldTasks(): TaskLike[];
  /** Fires with the new task object whenever a reservation changes (accepted, wrapping, completed, ...). */
  onTaskChanged(listener: (task: TaskLike) => void): () => void;
  /**
   * Fires after Flex rebuilt its task list from scratch (the TaskRouter worker reconnected and was `ready` again),
   * which it does without any task event: tasks added or ended meanwhile are only seen by reading `heldTasks()`.
   */
  onTasksReloaded(listener: () => void): () => void;
  /**
   * Writes the task's attributes as `update` makes them from the latest attributes Flex holds, so that nothing
   * another plugin wrote is lost; rejects when the task is gone or TaskRouter refuses the update.
   */
  updateAttributes(
    reservationSid: string,
    update: (latest: Readonly<Record<string, unknown>>) => Record<string, unknown>,
  ): Promise<void>;
  /** The reservation's current status, undefined once Flex has dropped it. */
  statusOf(reservationSid: string): TaskLike['status'] | undefined;
  /** Who is who on the task, from its Interactions participants; rejects when they cannot be fetched. */
  partiesOf(
    task: MessagingTaskFacts,
  ): Promise<Pick<ConversationParties, 'customerParticipantSids' | 'agentParticipantSids'>>;
}

/** Transfers of the worker's chats, as Flex lists them. */
export interface TransferGateway {
  /**
   * Follows where the transfer of a reservation's chat stands: calls `onStatus` at once when a transfer is listed
   * already, then at every change of status; returns the way to stop. Only transfers created after the reservation
   * count (`transferStatusOf`): Flex lists the chat's transfers for every agent who gets it, the one that brought it
   * here included. `reservationCreatedAt` is Twilio's creation time of the reservation (Flex's `ITask.dateCreated`),
   * undefined when unknown (every listed transfer then counts).
   */
  watch(
    conversationSid: string,
    reservationCreatedAt: number | undefined,
    onStatus: (status: TransferStatus) => void,
  ): () => void;
}

/** The Conversations side, through the client Flex already runs. */
export interface ConversationGateway {
  /**
   * Follows new messages of a conversation, attaching once it is available (retrying while it is not) and calling
   * `onAttached` then; returns the way to stop.
   */
  watch(conversationSid: string, onMessage: (message: MessageFacts) => void, onAttached: () => void): () => void;
  /** The most recent messages, oldest first. */
  recentMessages(conversationSid: string, count: number): Promise<MessageFacts[]>;
  isConnected(): boolean;
  onConnectionChanged(listener: (connected: boolean) => void): () => void;
  /** This agent's Conversations identity, if known. */
  identity(): string | undefined;
}
