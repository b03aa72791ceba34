import type { ClockSkew } from '../core/clockSkew';
import type { MessageFacts } from '../core/messageAuthor';
import { classifyMessage } from '../core/messageAuthor';
import { readMarker } from '../core/inactivityMarker';
import type { TimedMessage } from '../core/timerMessages';
import type { Clock, IntervalHandle } from '../runtime/clock';
import { inactivityEvents } from '../state/inactivityEvents';
import type { ConversationGateway, InactivityStore } from './ports';
import { retryDelayAfter } from './retryDelays';
import type { TrackedConversation } from './taskTracking';

export interface ReconciliationDeps {
  readonly store: InactivityStore;
  readonly conversations: ConversationGateway;
  readonly clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
  readonly skew: ClockSkew;
  readonly log: Pick<Console, 'warn'>;
}

/** How many recent messages are read to reconcile a conversation. */
const HISTORY_PAGE_SIZE = 30;

/**
 * History reads in flight at once. They share Flex's one Conversations connection with the agent's own chat traffic,
 * so a worker holding many chats does not put dozens of requests on it together; with 8, a reload with 50 chats
 * reads them in about 7 round trips.
 */
export const MAX_PARALLEL_READS = 8;

/** History replay after a (re)load or reconnect, and the digest of live messages. */
export interface Reconciliation {
  /** Reads the recent history of `conversation` and replays it; a failure is retried with backoff. */
  read(conversation: TrackedConversation): void;
  /** A live message: classified and stamped with its arrival time. */
  receive(conversation: TrackedConversation, message: MessageFacts): void;
  /** Drops pending reads and retries of a conversation no longer tracked. */
  forget(conversationSid: string): void;
  /** The connection dropped: reads under way may have missed messages and must not mark anything reconciled. */
  discardPending(): void;
  /** Resolves when no read is in flight (tests and benchmarks wait on it). */
  whenIdle(): Promise<void>;
  stop(): void;
}

/** The message as the timer sees it; its body and attributes stay out of the store. */
function timedMessage(message: MessageFacts, conversation: TrackedConversation, at: number): TimedMessage {
  const authorKind = classifyMessage(message, conversation.parties);
  return {
    index: message.index,
    authorKind,
    at,
    marker: authorKind === 'plugin' ? readMarker(message.attributes) : null,
  };
}

/** Runs at most `count` tasks at a time, the others waiting their turn in order. */
function createSlots(count: number): { run<T>(task: () => Promise<T>): Promise<T> } {
  let free = count;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) free += 1;
    else next();
  };
  return {
    async run(task) {
      if (free > 0) free -= 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/**
 * Reads and replays history. Each read carries a generation: only the newest read of a conversation may mark it
 * reconciled, so a slow read started before a disconnect cannot land after the one started on reconnect.
 */
export function createReconciliation(deps: ReconciliationDeps): Reconciliation {
  const generations = new Map<string, number>();
  let lastGeneration = 0;
  /** The scheduled retry of each conversation whose read failed. */
  const retries = new Map<string, IntervalHandle>();
  const inFlight = new Set<Promise<void>>();
  const slots = createSlots(MAX_PARALLEL_READS);

  const cancelRetry = (sid: string): void => {
    // A handle is opaque (even undefined could be one): presence is asked of the map.
    if (retries.has(sid)) deps.clock.clearTimeout(retries.get(sid));
    retries.delete(sid);
  };

  const scheduleRetry = (conversation: TrackedConversation, attempt: number, error: unknown): void => {
    const sid = conversation.task.conversationSid;
    const delay = retryDelayAfter(attempt);
    if (attempt === 1) {
      deps.log.warn(
        `Inactivity: could not read the history of ${sid} (${String(error)}); its timer waits and the read is ` +
          `retried in ${Math.round(delay / 1000)} s.`,
      );
    }
    const retry = deps.clock.setTimeout(() => {
      retries.delete(sid);
      start(conversation, attempt + 1);
    }, delay);
    retries.set(sid, retry);
  };

  const replay = async (conversation: TrackedConversation, generation: number, attempt: number): Promise<void> => {
    const sid = conversation.task.conversationSid;
    await conversation.partiesKnown;
    try {
      const messages = await slots.run(async () =>
        // A read superseded while it queued is not made at all.
        generations.get(sid) === generation ? deps.conversations.recentMessages(sid, HISTORY_PAGE_SIZE) : null,
      );
      if (messages === null || generations.get(sid) !== generation) return;
      const now = deps.clock.now();
      const timed = messages.map((message) =>
        timedMessage(
          message,
          conversation,
          message.createdAt === null ? now : deps.skew.localTimeOf(message.createdAt, now),
        ),
      );
      deps.store.dispatch(inactivityEvents.historyRead({ conversationSid: sid, messages: timed }));
    } catch (error) {
      if (generations.get(sid) === generation) scheduleRetry(conversation, attempt, error);
    }
  };

  /** Cancels every retry and disowns every read under way. */
  const dropAll = (): void => {
    [...retries.keys()].forEach(cancelRetry);
    generations.clear();
  };

  function start(conversation: TrackedConversation, attempt: number): void {
    const sid = conversation.task.conversationSid;
    cancelRetry(sid);
    lastGeneration += 1;
    const generation = lastGeneration;
    generations.set(sid, generation);
    const reading = replay(conversation, generation, attempt);
    inFlight.add(reading);
    void reading.finally(() => inFlight.delete(reading));
  }

  return {
    read: (conversation) => start(conversation, 1),
    receive(conversation, message) {
      const at = deps.clock.now();
      if (message.createdAt !== null) deps.skew.observeReceived(at, message.createdAt);
      const sid = conversation.task.conversationSid;
      deps.store.dispatch(
        inactivityEvents.messageReceived({ conversationSid: sid, message: timedMessage(message, conversation, at) }),
      );
    },
    forget(sid) {
      cancelRetry(sid);
      generations.delete(sid);
    },
    discardPending: dropAll,
    async whenIdle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    stop: dropAll,
  };
}
