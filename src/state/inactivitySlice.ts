import type { AnyAction } from 'redux';

import type { ConversationTimer } from '../core/conversationTimer';
import {
  onAcceptanceRefined,
  onAgentMessage,
  onClosingDone,
  onCustomerMessage,
  onExtended,
  onHistoryOutdated,
  onPaused,
  onPolicyChanged,
  onResumed,
  onTransferCompleted,
  onTransferEnded,
  onTransferStarted,
  onWarningSent,
  onWrapupConfirmed,
  onWrapupFailed,
  onWrapupRequested,
  startTimer,
} from '../core/conversationTimer';
import { applyMessage, replayHistory } from '../core/timerMessages';
import type { InactivityEvent, InactivityEventPayloads, InactivityEventType } from './inactivityEvents';

/** The key under which Flex's store holds this slice (`manager.store.addReducer(INACTIVITY_NAMESPACE, ...)`). */
export const INACTIVITY_NAMESPACE = 'conversationsInactivity';

/** The slice: one timer per tracked conversation, keyed by conversation sid. Serializable, no derived values. */
export interface InactivityState {
  readonly timers: Readonly<Record<string, ConversationTimer>>;
}

export const initialInactivityState: InactivityState = { timers: {} };

/** Replaces one timer; the same state object comes back when nothing changed, so subscribers can skip work. */
function withTimer(state: InactivityState, sid: string, next: ConversationTimer | undefined): InactivityState {
  const current = state.timers[sid];
  if (next === current) return state;
  const timers = { ...state.timers };
  if (next === undefined) delete timers[sid];
  else timers[sid] = next;
  return { timers };
}

type TimerUpdate<T extends InactivityEventType> = (
  timer: ConversationTimer,
  payload: InactivityEventPayloads[T],
) => ConversationTimer;

/** Events that change one existing timer through a core transition; events for untracked conversations are ignored. */
const timerUpdates: { [T in InactivityEventType]?: TimerUpdate<T> } = {
  'inactivity/messageReceived': (timer, { message }) => applyMessage(timer, message),
  'inactivity/historyRead': (timer, { messages }) => replayHistory(timer, messages),
  'inactivity/policyChanged': (timer, { policy }) => onPolicyChanged(timer, policy),
  'inactivity/acceptanceRefined': (timer, { reservationSid, at }) => onAcceptanceRefined(timer, reservationSid, at),
  'inactivity/customerMessageReceived': onCustomerMessage,
  'inactivity/agentMessageSent': onAgentMessage,
  'inactivity/timerPaused': (timer, { at }) => onPaused(timer, at),
  'inactivity/timerResumed': (timer, { at }) => onResumed(timer, at),
  'inactivity/timerExtended': (timer, { at, byMs }) => onExtended(timer, at, byMs),
  'inactivity/warningSent': (timer, { cycle, warningIndex }) => onWarningSent(timer, cycle, warningIndex),
  'inactivity/closingMessageDone': (timer, { cycle }) => onClosingDone(timer, cycle),
  'inactivity/wrapupRequested': (timer, { cycle }) => onWrapupRequested(timer, cycle),
  'inactivity/wrapupFailed': onWrapupFailed,
  'inactivity/wrapupConfirmed': onWrapupConfirmed,
  'inactivity/transferStarted': (timer, { at }) => onTransferStarted(timer, at),
  'inactivity/transferEnded': (timer, { at }) => onTransferEnded(timer, at),
  'inactivity/transferCompleted': onTransferCompleted,
};

function applyTimerUpdate<T extends InactivityEventType>(
  state: InactivityState,
  event: { readonly type: T; readonly payload: InactivityEventPayloads[T] & { readonly conversationSid: string } },
  update: TimerUpdate<T>,
): InactivityState {
  const sid = event.payload.conversationSid;
  const timer = state.timers[sid];
  return timer === undefined ? state : withTimer(state, sid, update(timer, event.payload));
}

/** A tracked conversation keeps its timer (a reload re-tracks it); a new reservation for it starts afresh. */
function track(
  state: InactivityState,
  payload: InactivityEventPayloads['inactivity/conversationTracked'],
): InactivityState {
  const existing = state.timers[payload.conversationSid];
  if (existing !== undefined && existing.reservationSid === payload.reservationSid) return state;
  return withTimer(state, payload.conversationSid, startTimer(payload));
}

/**
 * The whole set of timers, as saved by the acting tab. A timer equal to the one held keeps its identity, so badges of
 * conversations the update did not touch skip their work.
 */
function replaceAll(state: InactivityState, timers: readonly ConversationTimer[]): InactivityState {
  const same = (next: ConversationTimer): ConversationTimer => {
    const held = state.timers[next.conversationSid];
    return held !== undefined && JSON.stringify(held) === JSON.stringify(next) ? held : next;
  };
  return { timers: Object.fromEntries(timers.map((timer) => [timer.conversationSid, same(timer)])) };
}

function outdateAll(state: InactivityState): InactivityState {
  const entries = Object.entries(state.timers);
  if (entries.every(([, timer]) => timer.history === 'unread')) return state;
  return { timers: Object.fromEntries(entries.map(([sid, timer]) => [sid, onHistoryOutdated(timer)])) };
}

function isInactivityEvent(action: AnyAction): action is InactivityEvent {
  return typeof action.type === 'string' && action.type.startsWith('inactivity/') && 'payload' in action;
}

/** The slice reducer: a state machine per conversation, driven by events that carry their own time. */
export function inactivityReducer(state: InactivityState = initialInactivityState, action: AnyAction): InactivityState {
  if (!isInactivityEvent(action)) return state;
  switch (action.type) {
    case 'inactivity/conversationTracked':
      return track(state, action.payload);
    case 'inactivity/conversationsTracked':
      return action.payload.requests.reduce(track, state);
    case 'inactivity/conversationReleased':
      return withTimer(state, action.payload.conversationSid, undefined);
    case 'inactivity/timersRestored':
    case 'inactivity/timersMirrored':
      return replaceAll(state, action.payload.timers);
    case 'inactivity/connectionLost':
    case 'inactivity/pageStalled':
      return outdateAll(state);
    default: {
      const update = timerUpdates[action.type] as TimerUpdate<typeof action.type> | undefined;
      return update === undefined ? state : applyTimerUpdate(state, action, update);
    }
  }
}
