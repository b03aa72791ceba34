import type { ConversationTimer } from './conversationTimer';
import { trackedTimer } from './testing/factories';
import type { InactivityEvent } from '../state/inactivityEvents';
import { inactivityEvents } from '../state/inactivityEvents';
import type { InactivityState } from '../state/inactivitySlice';
import { inactivityReducer } from '../state/inactivitySlice';
import { reconcileHistory } from './historyReconciliation';
import type { InactivityMarker } from './inactivityMarker';
import { markerAttributes } from './inactivityMarker';
import type { MessageAuthorKind } from './messageAuthor';
import type { TimedMessage } from './messageEvents';
import { eventsForMessage } from './messageEvents';

const SID = 'CH0001';
const TASK_SID = 'WT1';

/** Tracked at 0 under the 35 s policy: cycle 1, started by acceptance. */
function timer(overrides: Partial<ConversationTimer> = {}): ConversationTimer {
  return { ...trackedTimer(), ...overrides };
}

function message(index: number, authorKind: MessageAuthorKind, at: number, attributes: unknown = {}): TimedMessage {
  return { index, authorKind, at, attributes };
}

function ourWarning(index: number, at: number, marker: Partial<InactivityMarker> = {}): TimedMessage {
  return message(
    index,
    'plugin',
    at,
    markerAttributes({ kind: 'warning', taskSid: TASK_SID, cycleStartIndex: null, warningIndex: 0, ...marker }),
  );
}

/** The timer after dispatching `events` through the real reducer. */
function applied(start: ConversationTimer, events: readonly InactivityEvent[]): ConversationTimer | undefined {
  const initial: InactivityState = { timers: { [SID]: start } };
  return events.reduce(inactivityReducer, initial).timers[SID];
}

describe('flex/historyReconciliation', () => {
  it('restarts the countdown from the time of a customer message that arrived during the reload', () => {
    const events = reconcileHistory(timer(), TASK_SID, [
      message(0, 'customer', -5_000),
      message(3, 'customer', 20_000),
    ]);
    expect(events).toEqual([
      inactivityEvents.customerMessageReceived({ conversationSid: SID, at: 20_000, messageIndex: 3 }),
    ]);
    expect(applied(timer(), events)).toMatchObject({
      cycle: 2,
      cycleStartIndex: 3,
      countdown: { kind: 'running', deadlineAt: 55_000 },
    });
  });

  it('records a warning of the current cycle that another tab already sent', () => {
    const events = reconcileHistory(timer(), TASK_SID, [ourWarning(2, 20_000)]);
    expect(events).toEqual([inactivityEvents.warningSent({ conversationSid: SID, cycle: 1, warningIndex: 0 })]);
    expect(applied(timer(), events)?.warningsSent).toBe(1);
  });

  it('records a warning of the cycle a customer message in the same page started', () => {
    const events = reconcileHistory(timer(), TASK_SID, [
      ourWarning(5, 40_000, { cycleStartIndex: 3, warningIndex: 0 }),
      message(3, 'customer', 20_000),
    ]);
    expect(events.map((event) => event.type)).toEqual(['inactivity/customerMessageReceived', 'inactivity/warningSent']);
    expect(applied(timer(), events)).toMatchObject({ cycle: 2, warningsSent: 1 });
  });

  it('records a closing message of the current cycle', () => {
    const closing = message(
      4,
      'plugin',
      35_000,
      markerAttributes({ kind: 'closing', taskSid: TASK_SID, cycleStartIndex: null }),
    );
    expect(reconcileHistory(timer(), TASK_SID, [closing])).toEqual([
      inactivityEvents.closingMessageDone({ conversationSid: SID, cycle: 1 }),
    ]);
  });

  it.each<[string, TimedMessage]>([
    ['a warning of an older cycle', ourWarning(2, 10_000, { cycleStartIndex: null })],
    [
      'a warning of another task on the same conversation',
      ourWarning(8, 30_000, { taskSid: 'WT0', cycleStartIndex: 5 }),
    ],
    ['a message with a damaged marker', message(8, 'plugin', 30_000, { conversationsInactivity: { kind: 'warning' } })],
    ['a supervisor or bot message', message(8, 'other', 30_000)],
    ['an agent message in customer_message mode', message(8, 'agent', 30_000)],
  ])('ignores %s', (_case, old) => {
    const current = timer({ cycle: 2, cycleStartIndex: 5, cycleStartedAt: 20_000 });
    expect(reconcileHistory(current, TASK_SID, [old])).toEqual([]);
  });

  it('changes nothing when replaying messages already seen', () => {
    const seen = timer({ cycle: 2, cycleStartIndex: 3, cycleStartedAt: 20_000, warningsSent: 1 });
    const history = [message(3, 'customer', 20_000), ourWarning(4, 40_000, { cycleStartIndex: 3 })];
    expect(reconcileHistory(seen, TASK_SID, history)).toEqual([]);
  });

  it('is idempotent: reconciling the same page after applying its events returns nothing', () => {
    const history = [message(3, 'customer', 20_000), ourWarning(4, 40_000, { cycleStartIndex: 3 })];
    const once = applied(timer(), reconcileHistory(timer(), TASK_SID, history));
    expect(once).toMatchObject({ cycle: 2, warningsSent: 1 });
    expect(once && reconcileHistory(once, TASK_SID, history)).toEqual([]);
  });

  it('in agent_reply mode, an agent reply starts the countdown and a later customer message stops it', () => {
    const waiting = trackedTimer({ startOn: 'agent_reply' });
    const agentOnly = reconcileHistory(waiting, TASK_SID, [message(2, 'agent', 10_000)]);
    expect(agentOnly).toEqual([
      inactivityEvents.agentMessageSent({ conversationSid: SID, at: 10_000, messageIndex: 2 }),
    ]);
    expect(applied(waiting, agentOnly)?.countdown).toEqual({ kind: 'running', deadlineAt: 45_000 });
    const answered = reconcileHistory(waiting, TASK_SID, [message(3, 'customer', 12_000), message(2, 'agent', 10_000)]);
    expect(answered.map((event) => event.type)).toEqual([
      'inactivity/agentMessageSent',
      'inactivity/customerMessageReceived',
    ]);
    expect(applied(waiting, answered)?.countdown).toEqual({ kind: 'waiting' });
  });

  it('returns nothing for a timer whose wrap-up is already under way', () => {
    expect(reconcileHistory(timer({ wrapup: 'requested' }), TASK_SID, [message(3, 'customer', 20_000)])).toEqual([]);
  });
});

describe('flex/messageEvents', () => {
  it('turns a live customer message into customerMessageReceived with its index', () => {
    expect(eventsForMessage(timer(), TASK_SID, message(1, 'customer', 5_000))).toEqual([
      inactivityEvents.customerMessageReceived({ conversationSid: SID, at: 5_000, messageIndex: 1 }),
    ]);
  });

  it('turns an agent message into agentMessageSent whatever the mode (the reducer decides)', () => {
    expect(eventsForMessage(timer(), TASK_SID, message(1, 'agent', 5_000))).toEqual([
      inactivityEvents.agentMessageSent({ conversationSid: SID, at: 5_000, messageIndex: 1 }),
    ]);
  });

  it('ignores everyone else', () => {
    expect(eventsForMessage(timer(), TASK_SID, message(1, 'other', 5_000))).toEqual([]);
  });

  it('records our warning under the timer cycle, with its warning index', () => {
    const current = timer({ cycle: 4, cycleStartIndex: 9 });
    expect(eventsForMessage(current, TASK_SID, ourWarning(10, 5_000, { cycleStartIndex: 9, warningIndex: 2 }))).toEqual(
      [inactivityEvents.warningSent({ conversationSid: SID, cycle: 4, warningIndex: 2 })],
    );
  });
});
