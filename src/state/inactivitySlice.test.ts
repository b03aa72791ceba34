import { originalPolicy, trackRequest as trackRequestOf } from '../core/testing/factories';
import type { TimerOverrides } from '../core/testing/factories';
import type { AnyAction } from 'redux';

import type { ConversationTimer, TrackRequest } from '../core/conversationTimer';
import { onHistoryReconciled, onPaused, onWarningSent, restoredTimer, startTimer } from '../core/conversationTimer';
import type { TimedMessage } from '../core/timerMessages';
import { inactivityEvents } from './inactivityEvents';
import type { InactivityState } from './inactivitySlice';
import { inactivityReducer, initialInactivityState } from './inactivitySlice';

const T0 = 1_700_000_000_000;
const TIMER_MS = 60_000;

function trackRequest(overrides: TimerOverrides = {}): TrackRequest {
  return trackRequestOf({
    conversationSid: 'CH1',
    reservationSid: 'WR1',
    taskSid: 'WT1',
    timerMs: TIMER_MS,
    at: T0,
    ...overrides,
  });
}

/** Applies `actions` in order, starting from `state`. */
function reduce(state: InactivityState, ...actions: readonly AnyAction[]): InactivityState {
  return actions.reduce<InactivityState>(inactivityReducer, state);
}

/** A state holding one freshly tracked conversation, its (empty) history read. */
function tracked(overrides: TimerOverrides = {}): InactivityState {
  const request = trackRequest(overrides);
  return reduce(
    initialInactivityState,
    inactivityEvents.conversationTracked(request),
    inactivityEvents.historyRead({ conversationSid: request.conversationSid, messages: [] }),
  );
}

function customer(index: number, at: number): TimedMessage {
  return { index, authorKind: 'customer', at, marker: null };
}

/** A timer as another tab saved it: reconciled, with some progress. */
function savedTimer(overrides: TimerOverrides = {}): ConversationTimer {
  return onWarningSent(onHistoryReconciled(startTimer(trackRequest(overrides))), 1, 0);
}

function timerOf(state: InactivityState, sid = 'CH1'): ConversationTimer {
  const timer = state.timers[sid];
  if (timer === undefined) throw new Error(`no timer for ${sid}`);
  return timer;
}

describe('state/inactivitySlice', () => {
  describe('conversationsTracked', () => {
    it('tracks several chats in one change, as one conversationTracked each would', () => {
      const requests = [trackRequest(), trackRequest({ conversationSid: 'CH2', reservationSid: 'WR2', at: T0 + 5 })];
      const batched = inactivityReducer(initialInactivityState, inactivityEvents.conversationsTracked({ requests }));
      const oneByOne = reduce(initialInactivityState, ...requests.map(inactivityEvents.conversationTracked));
      expect(batched).toEqual(oneByOne);
      expect(Object.keys(batched.timers)).toEqual(['CH1', 'CH2']);
    });

    it('keeps a timer already held for the same reservation, and changes nothing when all are held', () => {
      const state = tracked();
      const again = inactivityEvents.conversationsTracked({ requests: [trackRequest({ at: T0 + 9_000 })] });
      expect(inactivityReducer(state, again)).toBe(state);
    });
  });

  describe('action types', () => {
    it('read inactivity/<eventName> for every event creator', () => {
      const all: ReadonlyArray<{ readonly type: string }> = [
        inactivityEvents.conversationTracked(trackRequest()),
        inactivityEvents.conversationsTracked({ requests: [trackRequest()] }),
        inactivityEvents.messageReceived({ conversationSid: 'CH1', message: customer(1, T0) }),
        inactivityEvents.historyRead({ conversationSid: 'CH1', messages: [] }),
        inactivityEvents.connectionLost({}),
        inactivityEvents.pageStalled({}),
        inactivityEvents.acceptanceRefined({ conversationSid: 'CH1', reservationSid: 'WR1', at: T0 }),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 }),
        inactivityEvents.agentMessageSent({ conversationSid: 'CH1', at: T0 }),
        inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 }),
        inactivityEvents.timerResumed({ conversationSid: 'CH1', at: T0 }),
        inactivityEvents.timerExtended({ conversationSid: 'CH1', at: T0, byMs: 1 }),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }),
        inactivityEvents.closingMessageDone({ conversationSid: 'CH1', cycle: 1 }),
        inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 1 }),
        inactivityEvents.wrapupFailed({ conversationSid: 'CH1' }),
        inactivityEvents.wrapupConfirmed({ conversationSid: 'CH1' }),
        inactivityEvents.conversationReleased({ conversationSid: 'CH1' }),
        inactivityEvents.transferStarted({ conversationSid: 'CH1', at: T0 }),
        inactivityEvents.transferEnded({ conversationSid: 'CH1', at: T0 }),
        inactivityEvents.transferCompleted({ conversationSid: 'CH1' }),
        inactivityEvents.policyChanged({ conversationSid: 'CH1', policy: originalPolicy() }),
        inactivityEvents.timersRestored({ timers: [] }),
        inactivityEvents.timersMirrored({ timers: [] }),
      ];
      expect(all).toHaveLength(Object.keys(inactivityEvents).length);
      expect(all.map((action) => action.type)).toEqual(
        Object.keys(inactivityEvents).map((name) => `inactivity/${name}`),
      );
    });

    it('carry the payload unchanged', () => {
      const payload = { conversationSid: 'CH1', at: T0, byMs: 5_000 };
      expect(inactivityEvents.timerExtended(payload)).toEqual({ type: 'inactivity/timerExtended', payload });
    });
  });

  describe('initial state', () => {
    it('is an empty set of timers', () => {
      expect(inactivityReducer(undefined, { type: '@@INIT' })).toEqual({ timers: {} });
    });
  });

  describe('conversationTracked', () => {
    it('starts a countdown from acceptance in customer_message mode, its history unread', () => {
      const state = reduce(initialInactivityState, inactivityEvents.conversationTracked(trackRequest()));
      expect(timerOf(state)).toEqual({
        conversationSid: 'CH1',
        reservationSid: 'WR1',
        taskSid: 'WT1',
        channelType: 'web',
        policy: originalPolicy({ timerMs: TIMER_MS }),
        nextPolicy: null,
        cycle: 1,
        cycleStartIndex: null,
        cycleStartedAt: T0,
        history: 'unread',
        lastCustomerAt: null,
        phase: { kind: 'counting', deadlineAt: T0 + TIMER_MS, warningsSent: 0 },
      });
    });

    it('waits for the agent in agent_reply mode', () => {
      const timer = timerOf(tracked({ startOn: 'agent_reply' }));
      expect(timer.phase).toEqual({ kind: 'waiting' });
      expect(timer.cycle).toBe(1);
    });

    it('keeps the timer (and the state object) when the same reservation is tracked again', () => {
      const warned = reduce(
        tracked(),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }),
      );
      const retracked = reduce(warned, inactivityEvents.conversationTracked(trackRequest({ at: T0 + 30_000 })));
      expect(retracked).toBe(warned);
      expect(timerOf(retracked).phase).toEqual({ kind: 'counting', deadlineAt: T0 + TIMER_MS, warningsSent: 1 });
    });

    it('starts afresh for a new reservation of the same conversation', () => {
      const old = reduce(
        tracked(),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 10_000 }),
      );
      expect(timerOf(old).cycle).toBe(2);
      const request = trackRequest({ reservationSid: 'WR2', taskSid: 'WT2', at: T0 + 50_000 });
      const next = reduce(old, inactivityEvents.conversationTracked(request));
      expect(timerOf(next)).toEqual(startTimer(request));
      expect(timerOf(next).history).toBe('unread');
    });

    it('tracks several conversations side by side', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH2', reservationSid: 'WR2' })),
      );
      expect(Object.keys(state.timers).sort()).toEqual(['CH1', 'CH2']);
    });
  });

  describe('customerMessageReceived', () => {
    it('opens a new cycle with a full countdown in customer_message mode', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 20_000 }),
      );
      const timer = timerOf(state);
      expect(timer.cycle).toBe(2);
      expect(timer.cycleStartedAt).toBe(T0 + 20_000);
      expect(timer.phase).toEqual({ kind: 'counting', deadlineAt: T0 + 20_000 + TIMER_MS, warningsSent: 0 });
    });

    it('stops the countdown in agent_reply mode', () => {
      const state = reduce(
        tracked({ startOn: 'agent_reply' }),
        inactivityEvents.agentMessageSent({ conversationSid: 'CH1', at: T0 + 1_000 }),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 2_000 }),
      );
      expect(timerOf(state).phase).toEqual({ kind: 'waiting' });
      expect(timerOf(state).cycle).toBe(3);
    });

    it('returns the same state for a message no later than the cycle start', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 5_000 }),
      );
      expect(reduce(state, inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 4_999 }))).toBe(
        state,
      );
      expect(reduce(state, inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 5_000 }))).toBe(
        state,
      );
    });
  });

  describe('agentMessageSent', () => {
    it('starts a full countdown from the message in agent_reply mode', () => {
      const state = reduce(
        tracked({ startOn: 'agent_reply' }),
        inactivityEvents.agentMessageSent({ conversationSid: 'CH1', at: T0 + 3_000 }),
      );
      expect(timerOf(state).phase).toEqual({ kind: 'counting', deadlineAt: T0 + 3_000 + TIMER_MS, warningsSent: 0 });
      expect(timerOf(state).cycle).toBe(2);
    });

    it('returns the same state in customer_message mode', () => {
      const state = tracked({ startOn: 'customer_message' });
      expect(reduce(state, inactivityEvents.agentMessageSent({ conversationSid: 'CH1', at: T0 + 3_000 }))).toBe(state);
    });
  });

  describe('timerPaused and timerResumed', () => {
    it('keeps the time left when pausing and counts it down again from the resume', () => {
      const paused = reduce(tracked(), inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 15_000 }));
      expect(timerOf(paused).phase).toEqual({ kind: 'paused', remainingMs: TIMER_MS - 15_000, warningsSent: 0 });
      const resumed = reduce(paused, inactivityEvents.timerResumed({ conversationSid: 'CH1', at: T0 + 100_000 }));
      expect(timerOf(resumed).phase).toEqual({
        kind: 'counting',
        deadlineAt: T0 + 100_000 + TIMER_MS - 15_000,
        warningsSent: 0,
      });
    });

    it('returns the same state when pausing twice', () => {
      const paused = reduce(tracked(), inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 15_000 }));
      expect(reduce(paused, inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 20_000 }))).toBe(paused);
    });

    it('returns the same state when resuming a running countdown', () => {
      const state = tracked();
      expect(reduce(state, inactivityEvents.timerResumed({ conversationSid: 'CH1', at: T0 + 1_000 }))).toBe(state);
    });
  });

  describe('timerExtended', () => {
    it('moves the deadline by the extension', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.timerExtended({ conversationSid: 'CH1', at: T0 + 1_000, byMs: 30_000 }),
      );
      expect(timerOf(state).phase).toEqual({ kind: 'counting', deadlineAt: T0 + TIMER_MS + 30_000, warningsSent: 0 });
      expect(timerOf(state).cycle).toBe(1);
    });

    it('returns the same state for an extension of zero', () => {
      const state = tracked();
      expect(reduce(state, inactivityEvents.timerExtended({ conversationSid: 'CH1', at: T0 + 1_000, byMs: 0 }))).toBe(
        state,
      );
    });
  });

  describe('warningSent', () => {
    it('records the warning and every earlier one of the cycle as sent', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 1 }),
      );
      expect(timerOf(state).phase).toEqual({ kind: 'counting', deadlineAt: T0 + TIMER_MS, warningsSent: 2 });
    });

    it('returns the same state for a warning of an old cycle', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 1_000 }),
      );
      expect(reduce(state, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }))).toBe(
        state,
      );
    });

    it('returns the same state for a warning already recorded', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 1 }),
      );
      expect(reduce(state, inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 1, warningIndex: 0 }))).toBe(
        state,
      );
    });
  });

  describe('closingMessageDone', () => {
    it('expires the countdown of the cycle, once', () => {
      const done = reduce(tracked(), inactivityEvents.closingMessageDone({ conversationSid: 'CH1', cycle: 1 }));
      expect(timerOf(done).phase).toEqual({ kind: 'expired', warningsSent: 0 });
      expect(reduce(done, inactivityEvents.closingMessageDone({ conversationSid: 'CH1', cycle: 1 }))).toBe(done);
    });

    it('returns the same state for another cycle', () => {
      const state = tracked();
      expect(reduce(state, inactivityEvents.closingMessageDone({ conversationSid: 'CH1', cycle: 2 }))).toBe(state);
    });
  });

  describe('wrap-up events', () => {
    it('records a request for the current cycle and ignores one for another cycle', () => {
      const state = tracked();
      expect(reduce(state, inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 2 }))).toBe(state);
      const requested = reduce(state, inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 1 }));
      expect(timerOf(requested).phase).toEqual({ kind: 'wrappingUp', heldMessage: null, warningsSent: 0 });
    });

    it('expires the timer again, for the wrap-up to be planned once more, when Flex failed', () => {
      const failed = reduce(
        tracked(),
        inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 1 }),
        inactivityEvents.wrapupFailed({ conversationSid: 'CH1' }),
      );
      expect(timerOf(failed).phase).toEqual({ kind: 'expired', warningsSent: 0 });
    });

    it('holds a customer message that arrives while the wrap-up is in flight, and counts from it if it fails', () => {
      const held = reduce(
        tracked(),
        inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 1 }),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 61_000, messageIndex: 3 }),
      );
      expect(timerOf(held).phase).toStrictEqual({
        kind: 'wrappingUp',
        heldMessage: { at: T0 + 61_000, messageIndex: 3 },
        warningsSent: 0,
      });
      const failed = reduce(held, inactivityEvents.wrapupFailed({ conversationSid: 'CH1' }));
      expect(timerOf(failed)).toMatchObject({
        cycle: 2,
        cycleStartIndex: 3,
        phase: { kind: 'counting', deadlineAt: T0 + 61_000 + TIMER_MS, warningsSent: 0 },
      });
    });

    it('returns the same state when a failure arrives without a request', () => {
      const state = tracked();
      expect(reduce(state, inactivityEvents.wrapupFailed({ conversationSid: 'CH1' }))).toBe(state);
    });

    it('settles the conversation when the wrap-up is confirmed, and ignores activity afterwards', () => {
      const confirmed = reduce(tracked(), inactivityEvents.wrapupConfirmed({ conversationSid: 'CH1' }));
      expect(timerOf(confirmed).phase).toEqual({ kind: 'done' });
      expect(reduce(confirmed, inactivityEvents.wrapupConfirmed({ conversationSid: 'CH1' }))).toBe(confirmed);
      expect(
        reduce(confirmed, inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 1_000 })),
      ).toBe(confirmed);
    });
  });

  describe('events for untracked conversations', () => {
    const forOther: readonly AnyAction[] = [
      inactivityEvents.messageReceived({ conversationSid: 'CH9', message: customer(1, T0 + 1) }),
      inactivityEvents.historyRead({ conversationSid: 'CH9', messages: [customer(1, T0 + 1)] }),
      inactivityEvents.customerMessageReceived({ conversationSid: 'CH9', at: T0 + 1 }),
      inactivityEvents.agentMessageSent({ conversationSid: 'CH9', at: T0 + 1 }),
      inactivityEvents.timerPaused({ conversationSid: 'CH9', at: T0 + 1 }),
      inactivityEvents.timerResumed({ conversationSid: 'CH9', at: T0 + 1 }),
      inactivityEvents.timerExtended({ conversationSid: 'CH9', at: T0 + 1, byMs: 1_000 }),
      inactivityEvents.warningSent({ conversationSid: 'CH9', cycle: 1, warningIndex: 0 }),
      inactivityEvents.closingMessageDone({ conversationSid: 'CH9', cycle: 1 }),
      inactivityEvents.wrapupRequested({ conversationSid: 'CH9', cycle: 1 }),
      inactivityEvents.wrapupFailed({ conversationSid: 'CH9' }),
      inactivityEvents.wrapupConfirmed({ conversationSid: 'CH9' }),
      inactivityEvents.conversationReleased({ conversationSid: 'CH9' }),
    ];

    it.each(forOther.map((action) => [action.type, action] as const))(
      '%s returns the same state object',
      (_type, action) => {
        const state = tracked();
        expect(inactivityReducer(state, action)).toBe(state);
        expect(inactivityReducer(initialInactivityState, action)).toBe(initialInactivityState);
      },
    );
  });

  it('leaves the other timers untouched (same objects) when one changes', () => {
    const state = reduce(
      tracked(),
      inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH2', reservationSid: 'WR2' })),
    );
    const next = reduce(state, inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 1_000 }));
    expect(next).not.toBe(state);
    expect(next.timers.CH2).toBe(state.timers.CH2);
    expect(state.timers.CH1?.phase.kind).toBe('counting');
  });

  describe('conversationReleased', () => {
    it('removes the timer of the conversation only', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH2', reservationSid: 'WR2' })),
      );
      const released = reduce(state, inactivityEvents.conversationReleased({ conversationSid: 'CH1' }));
      expect(Object.keys(released.timers)).toEqual(['CH2']);
      expect(Object.keys(state.timers).sort()).toEqual(['CH1', 'CH2']);
    });
  });

  describe('messageReceived', () => {
    it('goes through the core: a customer message opens a cycle from its own time and index', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.messageReceived({ conversationSid: 'CH1', message: customer(4, T0 + 20_000) }),
      );
      expect(timerOf(state)).toMatchObject({
        cycle: 2,
        cycleStartIndex: 4,
        cycleStartedAt: T0 + 20_000,
        phase: { kind: 'counting', deadlineAt: T0 + 20_000 + TIMER_MS, warningsSent: 0 },
      });
    });

    it('records one of our warnings of the current cycle, and only of this task', () => {
      const warning = (taskSid: string): TimedMessage => ({
        index: 2,
        authorKind: 'plugin',
        at: T0 + 30_000,
        marker: { kind: 'warning', taskSid, cycleStartIndex: null, warningIndex: 0 },
      });
      const state = tracked();
      const recorded = reduce(
        state,
        inactivityEvents.messageReceived({ conversationSid: 'CH1', message: warning('WT1') }),
      );
      expect(timerOf(recorded).phase).toEqual({ kind: 'counting', deadlineAt: T0 + TIMER_MS, warningsSent: 1 });
      expect(reduce(state, inactivityEvents.messageReceived({ conversationSid: 'CH1', message: warning('WT0') }))).toBe(
        state,
      );
    });

    it('returns the same state for a message already seen', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.messageReceived({ conversationSid: 'CH1', message: customer(4, T0 + 20_000) }),
      );
      expect(
        reduce(state, inactivityEvents.messageReceived({ conversationSid: 'CH1', message: customer(4, T0 + 20_000) })),
      ).toBe(state);
    });
  });

  describe('historyRead', () => {
    it('replays the page through the core and marks the timer reconciled', () => {
      const unread = reduce(initialInactivityState, inactivityEvents.conversationTracked(trackRequest()));
      expect(timerOf(unread).history).toBe('unread');
      const read = reduce(
        unread,
        inactivityEvents.historyRead({
          conversationSid: 'CH1',
          messages: [customer(7, T0 + 30_000), customer(5, T0 + 10_000)],
        }),
      );
      expect(timerOf(read)).toMatchObject({
        cycle: 3,
        cycleStartIndex: 7,
        history: 'reconciled',
        phase: { kind: 'counting', deadlineAt: T0 + 30_000 + TIMER_MS },
      });
    });

    it('returns the same state when the page holds nothing new for a reconciled timer', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.messageReceived({ conversationSid: 'CH1', message: customer(4, T0 + 20_000) }),
      );
      expect(
        reduce(state, inactivityEvents.historyRead({ conversationSid: 'CH1', messages: [customer(4, T0 + 20_000)] })),
      ).toBe(state);
    });
  });

  describe('connectionLost', () => {
    it('marks every timer unread, and changes nothing else', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH2', reservationSid: 'WR2' })),
        inactivityEvents.historyRead({ conversationSid: 'CH2', messages: [] }),
        inactivityEvents.timerPaused({ conversationSid: 'CH2', at: T0 + 5_000 }),
      );
      const lost = reduce(state, inactivityEvents.connectionLost({}));
      expect(Object.values(lost.timers).map((timer) => timer.history)).toEqual(['unread', 'unread']);
      expect(timerOf(lost, 'CH1')).toEqual({ ...timerOf(state, 'CH1'), history: 'unread' });
      expect(timerOf(lost, 'CH2')).toEqual({ ...timerOf(state, 'CH2'), history: 'unread' });
    });

    it('marks unread the reconciled timers beside one already unread', () => {
      const state = reduce(
        tracked(),
        inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH2', reservationSid: 'WR2' })),
      );
      expect(timerOf(state, 'CH2').history).toBe('unread');
      const lost = reduce(state, inactivityEvents.connectionLost({}));
      expect(timerOf(lost, 'CH1').history).toBe('unread');
      expect(lost.timers.CH2).toBe(state.timers.CH2);
    });

    it('returns the same state when every timer is already unread, or there are none', () => {
      const unread = reduce(initialInactivityState, inactivityEvents.conversationTracked(trackRequest()));
      expect(reduce(unread, inactivityEvents.connectionLost({}))).toBe(unread);
      expect(reduce(initialInactivityState, inactivityEvents.connectionLost({}))).toBe(initialInactivityState);
    });
  });

  describe('pageStalled', () => {
    it('marks every timer unread like a lost connection: the page may have missed messages while it did not run', () => {
      const state = reduce(tracked(), inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 5_000 }));
      const stalled = reduce(state, inactivityEvents.pageStalled({}));
      expect(timerOf(stalled, 'CH1')).toEqual({ ...timerOf(state, 'CH1'), history: 'unread' });
    });
  });

  describe.each([
    ['timersRestored', inactivityEvents.timersRestored],
    ['timersMirrored', inactivityEvents.timersMirrored],
  ] as const)('%s', (_name, replaced) => {
    it('replaces the whole set: timers not in it are gone, timers in it win over the ones held', () => {
      const held = reduce(
        tracked(),
        inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH2', reservationSid: 'WR2' })),
      );
      const ch1 = onPaused(savedTimer(), T0 + 30_000);
      const ch3 = savedTimer({ conversationSid: 'CH3', reservationSid: 'WR3' });
      const next = reduce(held, replaced({ timers: [ch1, ch3] }));
      expect(next.timers).toEqual({ CH1: ch1, CH3: ch3 });
    });

    it('empties the slice when given no timers', () => {
      expect(reduce(tracked(), replaced({ timers: [] }))).toEqual(initialInactivityState);
    });

    it('keeps the identity of a timer equal to the one held, and takes a changed one', () => {
      const held = reduce(
        tracked(),
        inactivityEvents.conversationTracked(trackRequest({ conversationSid: 'CH2', reservationSid: 'WR2' })),
        inactivityEvents.historyRead({ conversationSid: 'CH2', messages: [] }),
      );
      const sameCh1 = JSON.parse(JSON.stringify(held.timers.CH1)) as ConversationTimer;
      const changedCh2 = onWarningSent(timerOf(held, 'CH2'), 1, 0);
      const next = reduce(held, replaced({ timers: [sameCh1, changedCh2] }));
      expect(next.timers.CH1).toBe(held.timers.CH1);
      expect(next.timers.CH2).toBe(changedCh2);
    });

    it('keeps the identity of a timer holding a message, as it comes back from storage', () => {
      const held = reduce(
        tracked(),
        inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 1 }),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 61_000, messageIndex: 3 }),
      );
      const stored = JSON.parse(JSON.stringify(held.timers.CH1)) as ConversationTimer;
      expect(reduce(held, replaced({ timers: [stored] })).timers.CH1).toBe(held.timers.CH1);
    });

    it('takes the timers as given: restoring is prepared beforehand (restorableTimers)', () => {
      const inFlight = { ...savedTimer(), phase: { kind: 'wrappingUp', heldMessage: null, warningsSent: 0 } } as const;
      expect(reduce(initialInactivityState, replaced({ timers: [inFlight] })).timers.CH1).toBe(inFlight);
      expect(restoredTimer(inFlight).phase).toEqual({ kind: 'expired', warningsSent: 0 });
    });
  });

  describe('other actions', () => {
    const foreign: readonly AnyAction[] = [
      { type: '@@redux/INITx.y.z' },
      { type: 'VIEW_UPDATE_FILTERS', payload: { conversationSid: 'CH1' } },
      { type: 'Flex/Actions/WrapupTask', payload: { conversationSid: 'CH1', at: T0 + 1 } },
      { type: 'inactivity/somethingNew', payload: { conversationSid: 'CH1', at: T0 + 1 } },
      { type: 'inactivity/conversationReleased' },
      { type: 'INACTIVITY/CONVERSATIONRELEASED', payload: { conversationSid: 'CH1' } },
    ];

    it.each(foreign.map((action) => [action.type, action] as const))(
      '%s returns the same state object',
      (_type, action) => {
        const state = tracked();
        expect(inactivityReducer(state, action)).toBe(state);
      },
    );
  });

  describe('time', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    /** A day in the life of one conversation, every event carrying its own time: the state after each event. */
    function script(): InactivityState[] {
      const events: AnyAction[] = [
        inactivityEvents.conversationTracked(trackRequest({ startOn: 'agent_reply' })),
        inactivityEvents.historyRead({ conversationSid: 'CH1', messages: [] }),
        inactivityEvents.agentMessageSent({ conversationSid: 'CH1', at: T0 + 1_000 }),
        inactivityEvents.warningSent({ conversationSid: 'CH1', cycle: 2, warningIndex: 0 }),
        inactivityEvents.timerPaused({ conversationSid: 'CH1', at: T0 + 30_000 }),
        inactivityEvents.timerExtended({ conversationSid: 'CH1', at: T0 + 31_000, byMs: 10_000 }),
        inactivityEvents.timerResumed({ conversationSid: 'CH1', at: T0 + 40_000 }),
        inactivityEvents.timerExtended({ conversationSid: 'CH1', at: T0 + 41_000, byMs: 5_000 }),
        inactivityEvents.closingMessageDone({ conversationSid: 'CH1', cycle: 2 }),
        inactivityEvents.wrapupRequested({ conversationSid: 'CH1', cycle: 2 }),
        inactivityEvents.customerMessageReceived({ conversationSid: 'CH1', at: T0 + 90_000 }),
        inactivityEvents.wrapupFailed({ conversationSid: 'CH1' }),
      ];
      const states: InactivityState[] = [];
      events.reduce<InactivityState>((state, event) => {
        const next = inactivityReducer(state, event);
        states.push(next);
        return next;
      }, initialInactivityState);
      return states;
    }

    it('never reads the clock: a silly system time changes nothing', () => {
      const withRealClock = script();
      const extended = withRealClock[7];
      expect(extended && timerOf(extended).phase).toEqual({
        kind: 'counting',
        deadlineAt: T0 + 40_000 + 31_000 + 10_000 + 5_000,
        warningsSent: 1,
      });
      const last = withRealClock[withRealClock.length - 1];
      expect(last && timerOf(last)).toMatchObject({
        cycle: 3,
        cycleStartedAt: T0 + 90_000,
        phase: { kind: 'waiting' },
      });

      for (const silly of [0, 1, Date.UTC(2999, 0, 1), -86_400_000]) {
        jest.useFakeTimers('modern');
        jest.setSystemTime(silly);
        const dateNow = jest.spyOn(Date, 'now');
        expect(script()).toEqual(withRealClock);
        expect(dateNow).not.toHaveBeenCalled();
        dateNow.mockRestore();
        jest.useRealTimers();
      }
    });
  });
});
