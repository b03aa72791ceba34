import type { ChannelPolicy, InactivityConfig } from '../config/policy';
import { policyForChannel } from '../config/policy';
import type { ConversationTimer } from '../core/conversationTimer';
import { nextDueAt, planCommands } from '../core/planner';
import type { Clock, IntervalHandle } from '../runtime/clock';
import type { Leadership } from '../runtime/leadership';
import type { NowSource } from '../runtime/ticker';
import type { InactivityEvent } from '../state/inactivityEvents';
import { inactivityEvents } from '../state/inactivityEvents';
import type { StateWithInactivity } from '../state/selectors';
import { selectInactivity } from '../state/selectors';
import { pruneTimers } from '../state/storedTimers';
import type { TimerStore } from '../state/timerStorage';
import type { ClockSkew } from './clockSkew';
import type { CommandContext, CommandRunner } from './commandRunner';
import { reconcileHistory } from './historyReconciliation';
import type { ConversationParties, MessageFacts } from './messageAuthor';
import { classifyMessage } from './messageAuthor';
import type { TimedMessage } from './messageEvents';
import { eventsForMessage } from './messageEvents';
import type { MessagingTaskFacts, TaskLike } from './messagingTask';
import { messagingTaskFacts } from './messagingTask';
import type { ConversationGateway, TaskGateway } from './ports';

/** The part of Flex's Redux store the engine uses. */
export interface InactivityStore {
  getState(): StateWithInactivity;
  dispatch(event: InactivityEvent): unknown;
  subscribe(listener: () => void): () => void;
}

export interface EngineDeps {
  readonly store: InactivityStore;
  readonly config: InactivityConfig;
  readonly clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
  readonly ticker: NowSource;
  readonly tasks: TaskGateway;
  readonly conversations: ConversationGateway;
  readonly leadership: Pick<Leadership, 'isLeader'>;
  readonly timerStore: TimerStore;
  readonly skew: ClockSkew;
  /** Builds the runner that performs the planned commands, given the engine's view of each conversation. */
  readonly createRunner: (contextOf: (conversationSid: string) => CommandContext | undefined) => CommandRunner;
  readonly log: Pick<Console, 'warn' | 'info'>;
  /** How many recent messages are read to reconcile a conversation after a reload or reconnect. */
  readonly historyPageSize?: number;
}

/** One conversation the engine follows. */
interface Tracked {
  readonly task: MessagingTaskFacts;
  parties: ConversationParties;
  /** Whether the participants lookup has settled: reconciling before would misjudge who wrote what. */
  partiesSettled: Promise<void>;
  /** False until the history has been reconciled: no command is planned on a timer that may be out of date. */
  ready: boolean;
  stopWatching: () => void;
}

/** The running engine: tracks tasks, follows their messages, and on every tick plans and runs what is due. */
export interface InactivityEngine {
  /** The tracked task and its policy, for the command runner and the agent controls. */
  contextOf(conversationSid: string): CommandContext | undefined;
  /** Resolves once every conversation tracked so far has been reconciled (tests and benchmarks wait on it). */
  settled(): Promise<void>;
  stop(): void;
}

const ACCEPTED = 'accepted';

/**
 * Email also runs on Conversations, but a customer answering an email hours later is normal: it is timed only when
 * the admin configures `channels.email` explicitly.
 */
function isTimedChannel(config: InactivityConfig, channelType: string): boolean {
  return channelType !== 'email' || Object.prototype.hasOwnProperty.call(config.channelPolicies, 'email');
}

/**
 * Starts the engine. Everything it touches comes in through `deps`, so it runs the same against the real Flex and
 * against the fakes in tests.
 */
export function startInactivityEngine(deps: EngineDeps): InactivityEngine {
  const tracked = new Map<string, Tracked>();
  const pending = new Set<Promise<void>>();
  const cleanups: Array<() => void> = [];
  let connected = deps.conversations.isConnected();
  const pageSize = deps.historyPageSize ?? 30;

  const timerOf = (sid: string): ConversationTimer | undefined => selectInactivity(deps.store.getState()).timers[sid];
  const policyOf = (task: MessagingTaskFacts): ChannelPolicy => policyForChannel(deps.config, task.channelType);
  const dispatchAll = (events: readonly InactivityEvent[]): void =>
    events.forEach((event) => deps.store.dispatch(event));
  const track = (promise: Promise<void>): void => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
  };

  const initialParties = (task: MessagingTaskFacts): ConversationParties => {
    const identity = deps.conversations.identity();
    return {
      customerParticipantSids: new Set(),
      agentParticipantSids: new Set(),
      customerAddresses: new Set(task.customerAddresses),
      agentIdentities: new Set(identity === undefined ? [] : [identity]),
    };
  };

  const lookUpParties = async (entry: Tracked): Promise<void> => {
    if (entry.task.interactionChannelSid === undefined) return;
    try {
      const found = await deps.tasks.partiesOf(entry.task);
      entry.parties = { ...entry.parties, ...found };
    } catch (error) {
      deps.log.warn(
        `Inactivity: could not read the participants of task ${entry.task.taskSid} (${String(error)}); ` +
          'the customer is recognised by the address in the task attributes instead.',
      );
    }
  };

  const onLiveMessage = (entry: Tracked, message: MessageFacts): void => {
    const at = deps.clock.now();
    if (message.createdAt !== null) deps.skew.observeReceived(at, message.createdAt);
    const timer = timerOf(entry.task.conversationSid);
    if (timer === undefined) return;
    const timed: TimedMessage = {
      index: message.index,
      authorKind: classifyMessage(message, entry.parties),
      at,
      attributes: message.attributes,
    };
    dispatchAll(eventsForMessage(timer, entry.task.taskSid, timed));
  };

  const reconcile = async (entry: Tracked): Promise<void> => {
    entry.ready = false;
    await entry.partiesSettled;
    const sid = entry.task.conversationSid;
    try {
      const messages = await deps.conversations.recentMessages(sid, pageSize);
      const now = deps.clock.now();
      const timed = messages.map(
        (message): TimedMessage => ({
          index: message.index,
          authorKind: classifyMessage(message, entry.parties),
          // A skew estimate never places a message in the future.
          at: message.createdAt === null ? now : Math.min(now, deps.skew.toLocal(message.createdAt)),
          attributes: message.attributes,
        }),
      );
      const timer = timerOf(sid);
      if (timer !== undefined && tracked.get(sid) === entry)
        dispatchAll(reconcileHistory(timer, entry.task.taskSid, timed));
      entry.ready = true;
    } catch (error) {
      // Without the history a reload could wrap up a chat whose customer just wrote: keep the timer frozen, retry.
      deps.log.warn(`Inactivity: could not read the history of ${sid} (${String(error)}); will retry on reconnect.`);
    }
  };

  /**
   * When the countdown of a task found already accepted at start-up began: its acceptance (the reservation's last
   * update, in local time), so a chat that expired while no Flex page was open is wrapped up on load instead of
   * getting a fresh timer. Never later than now, and never earlier than the clock estimate allows.
   */
  const acceptedAtOf = (task: TaskLike): number => {
    const now = deps.clock.now();
    const updated = task.dateUpdated?.getTime();
    return updated === undefined || !Number.isFinite(updated) ? now : Math.min(now, deps.skew.toLocal(updated));
  };

  const startTracking = (task: TaskLike, at: number): void => {
    const facts = messagingTaskFacts(task);
    if (facts === null || task.status !== ACCEPTED || tracked.has(facts.conversationSid)) return;
    const policy = policyOf(facts);
    if (!policy.enabled || !isTimedChannel(deps.config, facts.channelType)) return;
    deps.store.dispatch(
      inactivityEvents.conversationTracked({
        conversationSid: facts.conversationSid,
        reservationSid: facts.reservationSid,
        channelType: facts.channelType,
        startOn: policy.startOn,
        timerMs: policy.timerMs,
        at,
      }),
    );
    const entry: Tracked = {
      task: facts,
      parties: initialParties(facts),
      partiesSettled: Promise.resolve(),
      ready: false,
      stopWatching: () => undefined,
    };
    tracked.set(facts.conversationSid, entry);
    entry.partiesSettled = lookUpParties(entry);
    // History is read once live messages are followed, so nothing can fall between the two.
    entry.stopWatching = deps.conversations.watch(
      facts.conversationSid,
      (message) => onLiveMessage(entry, message),
      () => track(reconcile(entry)),
    );
  };

  const stopTracking = (conversationSid: string): void => {
    const entry = tracked.get(conversationSid);
    if (entry === undefined) return;
    entry.stopWatching();
    tracked.delete(conversationSid);
    runner.forget(conversationSid);
    deps.store.dispatch(inactivityEvents.conversationReleased({ conversationSid }));
  };

  const onTaskChanged = (task: TaskLike): void => {
    const facts = messagingTaskFacts(task);
    if (facts === null) return;
    const entry = tracked.get(facts.conversationSid);
    if (task.status === ACCEPTED) {
      if (entry === undefined) startTracking(task, deps.clock.now());
    } else if (entry !== undefined && entry.task.reservationSid === facts.reservationSid) {
      // Wrap-up by anyone, completion, cancellation, timeout, rescinding or a transfer away: stop for good.
      stopTracking(facts.conversationSid);
    }
  };

  const onConnectionChanged = (isConnected: boolean): void => {
    const reconnected = isConnected && !connected;
    connected = isConnected;
    // Messages may have arrived while offline: bring every timer up to date before anything is planned again.
    if (reconnected) tracked.forEach((entry) => track(reconcile(entry)));
  };

  let wake: { readonly at: number; readonly handle: IntervalHandle } | undefined;

  /**
   * Wakes exactly at the next moment something is due, so a visible tab acts on time instead of up to a tick late.
   * The ticker stays the backstop: hidden tabs throttle this main-thread timer, not the ticker's Worker.
   */
  const scheduleWake = (timers: readonly ConversationTimer[], now: number): void => {
    const dueTimes = timers
      .map((timer) => nextDueAt(timer, policyOf(trackedTask(timer)), now))
      .filter((at): at is number => at !== null && at > now);
    const at = dueTimes.length === 0 ? undefined : Math.min(...dueTimes);
    if (wake !== undefined && wake.at === at) return;
    if (wake !== undefined) deps.clock.clearTimeout(wake.handle);
    wake =
      at === undefined ? undefined : { at, handle: deps.clock.setTimeout(() => onTick(deps.clock.now()), at - now) };
  };

  const onTick = (now: number): void => {
    if (wake !== undefined && wake.at <= now) wake = undefined;
    if (!connected || !deps.leadership.isLeader()) return;
    runner.run(planCommands(readyTimers(), (timer) => policyOf(trackedTask(timer)), now));
    // Running commands can end tasks and record warnings at once: plan the wake-up on what is left.
    scheduleWake(readyTimers(), now);
  };

  /** Timers of conversations whose history has been reconciled: the only ones anything is planned for. */
  const readyTimers = (): ConversationTimer[] => {
    const timers: ConversationTimer[] = [];
    tracked.forEach((entry, sid) => {
      const timer = timerOf(sid);
      if (entry.ready && timer !== undefined) timers.push(timer);
    });
    return timers;
  };

  const trackedTask = (timer: ConversationTimer): MessagingTaskFacts => {
    const entry = tracked.get(timer.conversationSid);
    if (entry === undefined) throw new Error(`Inactivity: ${timer.conversationSid} is not tracked`);
    return entry.task;
  };

  const restore = (): void => {
    const held = deps.tasks.heldTasks();
    const heldSids = new Set(held.filter((task) => task.status === ACCEPTED).map((task) => task.sid));
    const stored = pruneTimers(deps.timerStore.load(), heldSids);
    if (stored.length > 0) deps.store.dispatch(inactivityEvents.timersRestored({ timers: stored }));
    held.forEach((task) => startTracking(task, acceptedAtOf(task)));
  };

  function contextOf(conversationSid: string): CommandContext | undefined {
    const entry = tracked.get(conversationSid);
    const timer = timerOf(conversationSid);
    return entry === undefined || timer === undefined
      ? undefined
      : { task: entry.task, policy: policyOf(entry.task), timer };
  }

  const runner = deps.createRunner(contextOf);
  const saveOnChange = (): void => deps.timerStore.save(selectInactivity(deps.store.getState()).timers);

  restore();
  saveOnChange();
  cleanups.push(deps.tasks.onTaskChanged(onTaskChanged));
  cleanups.push(deps.conversations.onConnectionChanged(onConnectionChanged));
  cleanups.push(deps.store.subscribe(saveOnChange));
  cleanups.push(deps.ticker.subscribe(onTick));

  return {
    contextOf,
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    stop() {
      cleanups.splice(0).forEach((cleanup) => cleanup());
      if (wake !== undefined) deps.clock.clearTimeout(wake.handle);
      wake = undefined;
      tracked.forEach((entry) => entry.stopWatching());
      tracked.clear();
    },
  };
}
