import type { InactivityConfig } from '../config/policy';
import type { ClockSkew } from '../core/clockSkew';
import { latestInstantOf } from '../core/clockSkew';
import type { ConversationTimer } from '../core/conversationTimer';
import type { TransferStatus } from '../core/transferStatus';
import { nextDueAt, planCommands } from '../core/planner';
import type { Clock } from '../runtime/clock';
import type { WakingNowSource } from '../runtime/ticker';
import { inactivityEvents } from '../state/inactivityEvents';
import type { InactivityEvent } from '../state/inactivityEvents';
import { selectInactivity } from '../state/selectors';
import type { TimerStore } from '../state/timerStorage';
import type { TaskLike } from '../tasks/messagingTask';
import { snapshotServerTime } from '../tasks/messagingTask';
import type { AgentNotice, CommandContext, CommandEffects } from './commandRunner';
import { dropOldestBeyond } from './boundedMemory';
import { createCommandRunner } from './commandRunner';
import { restoreTimers, startTimerWriter } from './persistence';
import type { ConversationGateway, InactivityStore, TaskGateway, TransferGateway } from './ports';
import { createReconciliation } from './reconciliation';
import { startScheduling } from './scheduling';
import type { TimerIntent } from './tabMessages';
import { createTaskTracking } from './taskTracking';

/** Tasks whose last bounding snapshot is remembered: far more than an agent holds at once, and a bounded memory. */
const OBSERVED_TASKS_KEPT = 256;

export interface ActingEngineDeps {
  readonly store: InactivityStore;
  readonly config: InactivityConfig;
  readonly clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
  readonly ticker: WakingNowSource;
  readonly tasks: TaskGateway;
  readonly conversations: ConversationGateway;
  readonly transfers: TransferGateway;
  readonly timerStore: TimerStore;
  readonly skew: ClockSkew;
  readonly effects: CommandEffects;
  /** Whether this tab still acts: checked before every write and every command, as leadership can lapse. */
  readonly isActing: () => boolean;
  readonly notify: (notice: AgentNotice) => void;
  readonly log: Pick<Console, 'warn' | 'info'>;
}

/** The engine of the acting tab: the only one that changes timers, sends warnings and wraps up. */
export interface ActingEngine {
  /** The tracked task, its policy and its timer, for the command runner. */
  contextOf(conversationSid: string): CommandContext | undefined;
  /** Applies an agent control (from this tab or another), stamped with this tab's clock. */
  apply(intent: TimerIntent): void;
  /** Resolves when no history read is in flight (tests and benchmarks wait on it). */
  whenIdle(): Promise<void>;
  /**
   * Resolves once every conversation tracked when the engine started has had its history read begin (or was let
   * go), so from then on `whenIdle` covers all their reads; at once when there were none, and when the engine stops.
   */
  whenStartupAttached(): Promise<void>;
  stop(): void;
}

/**
 * A gap between ticks longer than this means the page did not run: the PC slept or the browser froze the tab. The
 * ticker's Worker ticks every second, so only a stall leaves such a gap; a hidden tab ticking on the main thread
 * (the Worker failed) is throttled to about a minute and may be taken for stalled too, which only costs a re-read.
 */
export const PAGE_STALL_MS = 30_000;

/**
 * Starts acting: first the explicit start-up step (continue from the saved timers), then task tracking, history
 * reconciliation, the single writer, and scheduling of what falls due.
 */
export function startActingEngine(deps: ActingEngineDeps): ActingEngine {
  const { store, clock, skew, tasks, conversations, isActing } = deps;
  restoreTimers(store, deps.timerStore, tasks, deps.config);

  let connected = conversations.isConnected();
  const timerOf = (sid: string): ConversationTimer | undefined => selectInactivity(store.getState()).timers[sid];
  const dispatch = (event: InactivityEvent): void => {
    store.dispatch(event);
  };

  const reconciliation = createReconciliation(deps);

  /** The conversations found at start whose history read has not begun yet. */
  const startupUnattached = new Set<string>();
  let allStartupAttached = (): void => undefined;
  const startupAttached = new Promise<void>((resolve) => {
    allStartupAttached = resolve;
  });
  const startupSettled = (sid: string): void => {
    if (startupUnattached.delete(sid) && startupUnattached.size === 0) allStartupAttached();
  };

  /**
   * When the countdown of an accepted task began: its acceptance (the reservation's last update, in local time), not
   * when this page heard of it. A chat that expired while no Flex page acted is wrapped up instead of getting a fresh
   * timer, and a hidden tab, whose renderer may hear of an acceptance late, still closes the chat on time.
   */
  const acceptedAtOf = (task: TaskLike): number => {
    const now = clock.now();
    const updated = task.dateUpdated?.getTime();
    return updated === undefined || !Number.isFinite(updated) ? now : skew.localTimeOf(latestInstantOf(updated), now);
  };

  const transferEvent = (conversationSid: string, status: TransferStatus): InactivityEvent => {
    if (status === 'completed') return inactivityEvents.transferCompleted({ conversationSid });
    const moment = { conversationSid, at: clock.now() };
    return status === 'pending' ? inactivityEvents.transferStarted(moment) : inactivityEvents.transferEnded(moment);
  };

  /** The server time of the last snapshot of each recently seen task that bounded the clock offset, oldest first. */
  const observedStamps = new Map<string, number>();

  /**
   * Every new task snapshot Flex hands over was stamped by Twilio moments before: a bound on the clock offset. Flex
   * hands the same snapshot over again with later changes of its own; bounded again, its stamp would only measure
   * how long ago it arrived, and enough of those would push the good bounds out of the estimator's window.
   */
  const observeTask = (task: TaskLike): void => {
    const serverAt = snapshotServerTime(task);
    if (serverAt === null || serverAt <= (observedStamps.get(task.sid) ?? -Infinity)) return;
    // Re-inserted so the map stays in order of last sight; the least recently seen task leaves past the bound.
    observedStamps.delete(task.sid);
    observedStamps.set(task.sid, serverAt);
    dropOldestBeyond(observedStamps, OBSERVED_TASKS_KEPT);
    skew.observeReceived(clock.now(), serverAt);
  };

  const tracking = createTaskTracking(deps, {
    onTaskSeen: observeTask,
    acceptedAtOf,
    onAttached: (conversation) => {
      reconciliation.read(conversation);
      startupSettled(conversation.task.conversationSid);
    },
    onMessage: (conversation, message) => reconciliation.receive(conversation, message),
    onTransfer: (conversation, status) => dispatch(transferEvent(conversation.task.conversationSid, status)),
    onReleased: (sid) => {
      startupSettled(sid);
      reconciliation.forget(sid);
      runner.forget(sid);
    },
  });

  function contextOf(sid: string): CommandContext | undefined {
    const conversation = tracking.get(sid);
    const timer = timerOf(sid);
    return conversation === undefined || timer === undefined ? undefined : { task: conversation.task, timer };
  }

  const runner = createCommandRunner({ ...deps, dispatch, contextOf });

  /**
   * A lower clock estimate can place an acceptance earlier than its countdown began: on a fresh profile nothing is
   * known of the clock when the first chat arrives, so a busy or hidden page that heard of it late started counting
   * late. The countdown moves back to the acceptance (the reducer bounds how far), so that chat closes on time too.
   */
  const refineAcceptances = (): void => {
    const held = new Map(tasks.heldTasks().map((task) => [task.sid, task]));
    for (const { task: facts } of tracking.all()) {
      const task = held.get(facts.reservationSid);
      const timer = timerOf(facts.conversationSid);
      if (task === undefined || timer === undefined) continue;
      const at = acceptedAtOf(task);
      if (at >= timer.cycleStartedAt) continue;
      const { conversationSid, reservationSid } = facts;
      dispatch(inactivityEvents.acceptanceRefined({ conversationSid, reservationSid, at }));
    }
  };

  /** The timers of the conversations this tab follows: the only ones anything is planned for. */
  const trackedTimers = (): ConversationTimer[] =>
    tracking.all().flatMap((conversation) => {
      const timer = timerOf(conversation.task.conversationSid);
      return timer === undefined ? [] : [timer];
    });

  /** Reads every history again: what the page may have missed is known before anything is planned. */
  const rereadAll = (): void => {
    tracking.resync(acceptedAtOf);
    tracking.all().forEach((conversation) => reconciliation.read(conversation));
  };

  let lastTickAt: number | null = null;
  /** Whether the page stalled before this tick; a clock set back is not a stall. */
  const stalledBefore = (now: number): boolean => {
    const stalled = lastTickAt !== null && now - lastTickAt > PAGE_STALL_MS;
    lastTickAt = now;
    return stalled;
  };

  let stopped = false;
  const act = (now: number): void => {
    const stalled = stalledBefore(now);
    if (stopped || !connected || !isActing()) return;
    if (stalled) {
      // The first tick after waking can come before the Conversations client notices its dead socket: a reply sent
      // meanwhile would be missed and the chat closed on it.
      reconciliation.discardPending();
      dispatch(inactivityEvents.pageStalled({}));
      rereadAll();
      // Acts as soon as the histories are in, not a tick later: a throttled tab's next tick may be a minute away.
      void reconciliation.whenIdle().then(() => act(clock.now()));
      return;
    }
    runner.run(planCommands(trackedTimers(), (timer) => timer.policy, now));
  };

  const earliestDue = (now: number): number | null => {
    const due = trackedTimers()
      .map((timer) => nextDueAt(timer, timer.policy, now))
      .filter((at): at is number => at !== null);
    return due.length === 0 ? null : Math.min(...due);
  };

  const onConnectionChanged = (isConnected: boolean): void => {
    const reconnected = isConnected && !connected;
    connected = isConnected;
    if (!isConnected) {
      // Messages may arrive unseen from now on: nothing is planned until each history has been read again.
      reconciliation.discardPending();
      dispatch(inactivityEvents.connectionLost({}));
      return;
    }
    if (reconnected) rereadAll();
  };

  const apply = (intent: TimerIntent): void => {
    const { conversationSid } = intent;
    const at = clock.now();
    if (intent.kind === 'pause') dispatch(inactivityEvents.timerPaused({ conversationSid, at }));
    if (intent.kind === 'resume') dispatch(inactivityEvents.timerResumed({ conversationSid, at }));
    if (intent.kind === 'extend') {
      const timer = timerOf(conversationSid);
      if (timer === undefined) {
        deps.log.warn(`Inactivity: cannot give ${conversationSid} more time: it is not tracked.`);
        return;
      }
      dispatch(inactivityEvents.timerExtended({ conversationSid, at, byMs: timer.policy.extendMs }));
    }
  };

  tracking.resync(acceptedAtOf);
  // A conversation the gateway attached within the resync has its read under way already.
  tracking.all().forEach((conversation) => {
    if (!conversation.attached) startupUnattached.add(conversation.task.conversationSid);
  });
  if (startupUnattached.size === 0) allStartupAttached();
  const stopConnection = conversations.onConnectionChanged(onConnectionChanged);
  const stopRefining = skew.onEstimateChanged(refineAcceptances);
  const stopWriter = startTimerWriter(store, deps.timerStore, isActing);
  const stopScheduling = startScheduling({ ticker: deps.ticker, act, nextDueAt: earliestDue });

  return {
    contextOf,
    apply,
    whenIdle: () => reconciliation.whenIdle(),
    whenStartupAttached: () => startupAttached,
    stop() {
      // The check a stall deferred until the histories are read may come later: a stopped engine does nothing.
      stopped = true;
      allStartupAttached();
      stopScheduling();
      stopWriter();
      stopConnection();
      stopRefining();
      reconciliation.stop();
      tracking.stop();
    },
  };
}
