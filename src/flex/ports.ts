import type { ConversationParties, MessageFacts } from './messageAuthor';
import type { MessagingTaskFacts, TaskLike } from './messagingTask';

/** The worker's tasks, as Flex holds them. */
export interface TaskGateway {
  /** Every reservation in `state.flex.worker.tasks`. */
  heldTasks(): TaskLike[];
  /** Fires with the new task object whenever a reservation changes (accepted, wrapping, completed, ...). */
  onTaskChanged(listener: (task: TaskLike) => void): () => void;
  /** The reservation's current status, undefined once Flex has dropped it. */
  statusOf(reservationSid: string): TaskLike['status'] | undefined;
  /** Who is who on the task, from its Interactions participants; rejects when they cannot be fetched. */
  partiesOf(
    task: MessagingTaskFacts,
  ): Promise<Pick<ConversationParties, 'customerParticipantSids' | 'agentParticipantSids'>>;
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
