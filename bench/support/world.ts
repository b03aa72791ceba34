/**
 * The plugin's runtime composed by `composeInactivityRuntime`, the same function as in Flex, with Flex replaced by the
 * fakes of src/flex/testing/fakeFlex.ts, time by a {@link HeapClock} and the browser by one tab that always leads and
 * is always visible: the real acting engine, command runner, Redux slice, ticker (main-thread mode) and localStorage
 * timer store, each boundary counted. Used by the ticking and leak benchmarks and by the CI invariants.
 */
import { combineReducers, createStore } from 'redux';

import { parseInactivityConfig } from '../../src/config/parseInactivityConfig';
import type { AgentNotice } from '../../src/engine/commandRunner';
import type { InactivityRuntime, RuntimePorts } from '../../src/engine/inactivityRuntime';
import { composeInactivityRuntime } from '../../src/engine/inactivityRuntime';
import type { InactivityStore } from '../../src/engine/ports';
import type { StorageChanges, TabChannel } from '../../src/runtime/browserTabs';
import type { TabMessage } from '../../src/engine/tabMessages';
import type { TaskLike } from '../../src/tasks/messagingTask';
import { FakeConversations, FakeEffects, FakeTasks, fakeTask } from '../../src/flex/testing/fakeFlex';
import { FakeTransfers } from '../../src/flex/testing/fakeTransfers';
import { flushPromises } from '../../src/flex/testing/engineHarness';
import type { Ticker } from '../../src/runtime/ticker';
import { createTicker } from '../../src/runtime/ticker';
import type { InactivityEvent } from '../../src/state/inactivityEvents';
import { INACTIVITY_NAMESPACE, inactivityReducer } from '../../src/state/inactivitySlice';
import { rememberedClockSkew } from '../../src/state/rememberedClockSkew';
import type { StateWithInactivity } from '../../src/state/selectors';
import { selectInactivity } from '../../src/state/selectors';
import { storageKeyFor } from '../../src/state/storedTimers';
import { createTimerStore } from '../../src/state/timerStorage';
import type { CountedNowSource, CountedStore, CountingStorage, LiveCount } from './counting';
import { countedNowSource, countedStore, countedVisibility, countingStorage, liveCount } from './counting';
import { HeapClock } from './heapClock';

/** Same period as src/flex/startInactivityRuntime.ts. */
export const TICK_MS = 1_000;

/** A round epoch so every conversation's deadline falls on a tick. */
export const WORLD_START = 1_700_000_000_000;

export interface WorldOptions {
  /** `ui_attributes.customerInactivity` as an admin would set it. */
  readonly customerInactivity: unknown;
  /** Conversations accepted before the engine starts (as after a page load). */
  readonly accepted?: number;
  /** Channel type of conversation n (1-based); web by default. */
  readonly channelTypeOf?: (n: number) => string;
  /**
   * What the event loop does between two ticks; by default pending promises settle. Benchmarks that render React
   * also let macrotasks run: React's scheduler posts its work as one, and a browser runs it between two ticks.
   */
  readonly betweenTicks?: () => Promise<void>;
}

/**
 * What every boundary of the runtime holds right now: all zero once everything ended. "Engine" counts are the
 * runtime's (acting engine, notice board, intent router), apart from the badges'.
 */
export interface ListenerCounts {
  readonly taskListeners: number;
  readonly connectionListeners: number;
  readonly messageWatchers: number;
  readonly engineStoreSubscriptions: number;
  readonly engineTickerSubscriptions: number;
  readonly badgeTickerSubscriptions: number;
  /** The ticker's (while it runs) and the notice board's. */
  readonly visibilityListeners: number;
  readonly leadershipSubscriptions: number;
  /** The notice board's and the intent router's. */
  readonly tabChannelSubscriptions: number;
  /** Only a mirroring tab listens: the world's tab always acts, so any is one left behind. */
  readonly storageChangeListeners: number;
  readonly scheduledTimers: number;
  readonly trackedTimers: number;
}

export type WorldStore = CountedStore<StateWithInactivity, InactivityEvent>;

export interface World {
  readonly clock: HeapClock;
  /** The Redux store (our slice only, as Flex's store holds it), dispatches counted; give it to react-redux. */
  readonly store: WorldStore;
  readonly storage: CountingStorage;
  readonly tasks: FakeTasks;
  readonly conversations: FakeConversations;
  readonly effects: FakeEffects;
  readonly notices: AgentNotice[];
  readonly warnings: string[];
  readonly ticker: Ticker;
  /** The ticker as the badges see it (their subscriptions counted apart from the engine's). */
  readonly badgeTicker: CountedNowSource;
  /** The tab's runtime; it always acts, so `runtime.actingEngine()` is defined until `stop()`. */
  readonly runtime: InactivityRuntime;
  /** Flex hands the agent a new task: it is accepted and its conversation gets participants. */
  accept(n: number): TaskLike;
  /** The task leaves Flex for good (completed), with its conversation's history: nothing of it should remain. */
  complete(n: number): void;
  /** Moves time in whole ticks, running {@link WorldOptions.betweenTicks} after each. */
  advance(ms: number): Promise<void>;
  listenerCounts(): ListenerCounts;
  stop(): void;
}

function taskFor(n: number, channelType: string): TaskLike {
  return fakeTask(n, {}, { channelType });
}

/** The browser side of a tab that is the agent's only one: it always leads and never hears from another tab. */
interface LoneTab {
  readonly leadership: RuntimePorts['leadership'];
  readonly storageChanges: StorageChanges;
  readonly channel: TabChannel<TabMessage>;
  readonly counts: {
    readonly leadership: LiveCount;
    readonly channel: LiveCount;
    readonly storageChanges: LiveCount;
  };
}

function loneTab(): LoneTab {
  const counts = { leadership: liveCount(), channel: liveCount(), storageChanges: liveCount() };
  return {
    leadership: {
      isLeader: () => true,
      subscribe: () => counts.leadership.track(() => undefined),
      release: () => undefined,
    },
    storageChanges: { onChange: () => counts.storageChanges.track(() => undefined) },
    // No other tab: posts reach nobody (a tab never receives its own) and nothing is ever delivered.
    channel: {
      post: () => undefined,
      subscribe: () => counts.channel.track(() => undefined),
      close: () => undefined,
    },
    counts,
  };
}

/** Starts the runtime over fakes; resolves once every conversation accepted so far has been reconciled. */
export async function startWorld(options: WorldOptions): Promise<World> {
  const clock = new HeapClock(WORLD_START);
  const channelTypeOf = options.channelTypeOf ?? (() => 'web');
  const store = countedStore<StateWithInactivity, InactivityEvent>(
    createStore(combineReducers({ [INACTIVITY_NAMESPACE]: inactivityReducer })),
  );
  const storage = countingStorage();
  const key = storageKeyFor('ACbench', 'WKbench');
  const initial = Array.from({ length: options.accepted ?? 0 }, (_, i) => taskFor(i + 1, channelTypeOf(i + 1)));
  const tasks = new FakeTasks(initial);
  initial.forEach((_task, i) =>
    tasks.participants.set(`CH${i + 1}`, { customer: [`MBcustomer${i + 1}`], agent: ['MBagent'] }),
  );
  const conversations = new FakeConversations();
  const effects = new FakeEffects(tasks, conversations, () => clock.now());
  // Always visible: the ticker never gets a visibility tick, the notice board shows every notice at once.
  const visibility = countedVisibility();
  // No Worker in Node: the ticker runs on the clock's interval, its main-thread mode in Flex.
  const ticker = createTicker({ clock, intervalMs: TICK_MS, createWorker: () => null, visibility });
  const engineTicker = countedNowSource(ticker);
  const badgeTicker = countedNowSource(ticker);
  const engineSubscriptions: LiveCount = liveCount();
  const engineStore: InactivityStore = {
    getState: () => store.getState(),
    dispatch: (event) => store.dispatch(event),
    subscribe: (listener) => engineSubscriptions.track(store.subscribe(listener)),
  };
  const tab = loneTab();
  const notices: AgentNotice[] = [];
  const warnings: string[] = [];
  const log = { warn: (message: string) => warnings.push(message), info: () => undefined };
  const { config } = parseInactivityConfig(options.customerInactivity);
  const betweenTicks = options.betweenTicks ?? flushPromises;
  let ids = 0;

  const runtime = composeInactivityRuntime({
    store: engineStore,
    config,
    clock,
    ticker: engineTicker,
    tasks,
    conversations,
    // Nothing is ever transferred in the benchmarks: one watcher per tracked chat, never called.
    transfers: new FakeTransfers(),
    timerStore: createTimerStore({ storage: () => storage, key, warn: log.warn }),
    // As startInactivityRuntime remembers the offset: a write per estimate, never per tick.
    skew: rememberedClockSkew(() => storage, `${key}/clock-offset`),
    effects,
    log,
    leadership: tab.leadership,
    timersKey: key,
    storageChanges: tab.storageChanges,
    channel: tab.channel,
    visibility,
    showNotice: (notice) => notices.push(notice),
    newId: () => `bench-${(ids += 1)}`,
  });
  await runtime.whenIdle();
  await flushPromises();

  return {
    clock,
    store,
    storage,
    tasks,
    conversations,
    effects,
    notices,
    warnings,
    ticker,
    badgeTicker,
    runtime,
    accept(n) {
      const task = taskFor(n, channelTypeOf(n));
      tasks.participants.set(`CH${n}`, { customer: [`MBcustomer${n}`], agent: ['MBagent'] });
      tasks.set(task);
      return task;
    },
    complete(n) {
      const task = tasks.tasks.get(`WR${n}`);
      if (task !== undefined) tasks.set({ ...task, status: 'completed' });
      // Flex drops a completed task from the worker's list; the fakes would otherwise keep it (and its messages).
      tasks.tasks.delete(`WR${n}`);
      tasks.participants.delete(`CH${n}`);
      conversations.history.delete(`CH${n}`);
      // Only an emptied watcher set is dropped: one the engine left behind must stay visible to the counts.
      if (conversations.watchers.get(`CH${n}`)?.size === 0) conversations.watchers.delete(`CH${n}`);
      effects.sent.splice(0);
      effects.wrapups.splice(0);
      notices.splice(0);
    },
    async advance(ms) {
      const end = clock.now() + ms;
      while (clock.now() < end) {
        clock.advanceTo(Math.min(end, clock.now() + TICK_MS));
        await betweenTicks();
      }
    },
    listenerCounts: () => ({
      taskListeners: tasks.listeners.size,
      connectionListeners: conversations.connectionListeners.size,
      messageWatchers: conversations.watcherCount(),
      engineStoreSubscriptions: engineSubscriptions.active,
      engineTickerSubscriptions: engineTicker.subscriptions.active,
      badgeTickerSubscriptions: badgeTicker.subscriptions.active,
      visibilityListeners: visibility.listeners.active,
      leadershipSubscriptions: tab.counts.leadership.active,
      tabChannelSubscriptions: tab.counts.channel.active,
      storageChangeListeners: tab.counts.storageChanges.active,
      scheduledTimers: clock.pendingTimers(),
      trackedTimers: Object.keys(selectInactivity(store.getState()).timers).length,
    }),
    stop() {
      runtime.stop();
      ticker.stop();
    },
  };
}
