import type { ChannelPolicy } from '../config/policy';
import type { ConversationTimer, TrackRequest } from '../core/conversationTimer';
import type { TimedMessage } from '../core/timerMessages';

/** Payload of events about one conversation at one moment (`at` is epoch ms: reducers never read the clock). */
export interface ConversationMoment {
  readonly conversationSid: string;
  readonly at: number;
}

/** Payload of message events: when the message arrived (local clock) and its conversation index where known. */
export interface ConversationMessageMoment extends ConversationMoment {
  readonly messageIndex?: number;
}

/** Payload of events that record a command of one cycle as done. */
export interface CycleRef {
  readonly conversationSid: string;
  readonly cycle: number;
}

/** Payload of events about one conversation, whatever its cycle. */
export interface ConversationRef {
  readonly conversationSid: string;
}

/** Every event the inactivity slice understands, keyed by its type, with its payload. */
export interface InactivityEventPayloads {
  'inactivity/conversationTracked': TrackRequest;
  /**
   * Several chats found at once (at load, after a reconnect), tracked as each `conversationTracked` would be, in one
   * store change: every change runs all of Flex's store subscribers.
   */
  'inactivity/conversationsTracked': { readonly requests: readonly TrackRequest[] };
  /** A message arrived live, already classified and stamped with its local arrival time. */
  'inactivity/messageReceived': ConversationRef & { readonly message: TimedMessage };
  /** The recent history was read after a (re)load or reconnect: replayed, then the timer may act again. */
  'inactivity/historyRead': ConversationRef & { readonly messages: readonly TimedMessage[] };
  /** The Conversations connection dropped: every timer must read its history again before acting. */
  'inactivity/connectionLost': Record<string, never>;
  /**
   * The page did not run for a while (the PC slept, the browser froze the tab): messages may have come unseen, and the
   * Conversations client may not know yet that its connection died. Every timer reads its history again before acting.
   */
  'inactivity/pageStalled': Record<string, never>;
  /**
   * The clock estimate places the acceptance of the conversation's reservation at `at`, earlier than its countdown
   * began (the page heard of it late).
   */
  'inactivity/acceptanceRefined': ConversationMoment & { readonly reservationSid: string };
  'inactivity/customerMessageReceived': ConversationMessageMoment;
  'inactivity/agentMessageSent': ConversationMessageMoment;
  'inactivity/timerPaused': ConversationMoment;
  'inactivity/timerResumed': ConversationMoment;
  'inactivity/timerExtended': ConversationMoment & { readonly byMs: number };
  'inactivity/warningSent': CycleRef & { readonly warningIndex: number };
  'inactivity/closingMessageDone': CycleRef;
  'inactivity/wrapupRequested': CycleRef;
  'inactivity/wrapupFailed': ConversationRef;
  'inactivity/wrapupConfirmed': ConversationRef;
  'inactivity/conversationReleased': ConversationRef;
  /** Flex lists a transfer of the task as active: the countdown holds. */
  'inactivity/transferStarted': ConversationMoment;
  /** The transfer failed or was withdrawn: the chat stays with this agent and the held countdown goes on. */
  'inactivity/transferEnded': ConversationMoment;
  /** The transfer completed: another agent has the chat, nothing more is done here. */
  'inactivity/transferCompleted': ConversationRef;
  /** The configuration gives the conversation this policy now; it takes over at the next cycle. */
  'inactivity/policyChanged': ConversationRef & { readonly policy: ChannelPolicy };
  /** The acting tab starts from what was saved: the stored timers replace whatever this tab held. */
  'inactivity/timersRestored': { readonly timers: readonly ConversationTimer[] };
  /** A tab that does not act shows exactly what the acting tab saved. */
  'inactivity/timersMirrored': { readonly timers: readonly ConversationTimer[] };
}

export type InactivityEventType = keyof InactivityEventPayloads;

/** A Redux action of the inactivity slice. */
export type InactivityEvent = {
  [T in InactivityEventType]: { readonly type: T; readonly payload: InactivityEventPayloads[T] };
}[InactivityEventType];

/** An event's name: its type without the slice's `inactivity/` prefix, and the name of its action creator. */
type InactivityEventName = InactivityEventType extends `inactivity/${infer Name}` ? Name : never;

function eventCreator<N extends InactivityEventName>(name: N) {
  return (payload: InactivityEventPayloads[`inactivity/${N}`]) => ({ type: `inactivity/${name}`, payload }) as const;
}

/** Action creators, named after what happened (events), not after what the reducer does. */
export const inactivityEvents = {
  conversationTracked: eventCreator('conversationTracked'),
  conversationsTracked: eventCreator('conversationsTracked'),
  messageReceived: eventCreator('messageReceived'),
  historyRead: eventCreator('historyRead'),
  connectionLost: eventCreator('connectionLost'),
  pageStalled: eventCreator('pageStalled'),
  acceptanceRefined: eventCreator('acceptanceRefined'),
  customerMessageReceived: eventCreator('customerMessageReceived'),
  agentMessageSent: eventCreator('agentMessageSent'),
  timerPaused: eventCreator('timerPaused'),
  timerResumed: eventCreator('timerResumed'),
  timerExtended: eventCreator('timerExtended'),
  warningSent: eventCreator('warningSent'),
  closingMessageDone: eventCreator('closingMessageDone'),
  wrapupRequested: eventCreator('wrapupRequested'),
  wrapupFailed: eventCreator('wrapupFailed'),
  wrapupConfirmed: eventCreator('wrapupConfirmed'),
  conversationReleased: eventCreator('conversationReleased'),
  transferStarted: eventCreator('transferStarted'),
  transferEnded: eventCreator('transferEnded'),
  transferCompleted: eventCreator('transferCompleted'),
  policyChanged: eventCreator('policyChanged'),
  timersRestored: eventCreator('timersRestored'),
  timersMirrored: eventCreator('timersMirrored'),
};
