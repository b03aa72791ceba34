import { parseInactivityConfig } from '../../config/parseInactivityConfig';
import { createClockSkew } from '../../core/clockSkew';
import type { ConversationTimer } from '../../core/conversationTimer';
import { markerAttributes } from '../../core/inactivityMarker';
import type { MessageFacts } from '../../core/messageAuthor';
import type { AgentNotice } from '../../engine/commandRunner';
import type { InactivityRuntime } from '../../engine/inactivityRuntime';
import { composeInactivityRuntime } from '../../engine/inactivityRuntime';
import type { TabMessage } from '../../engine/tabMessages';
import { FakeClock } from '../../runtime/testing/fakeClock';
import { selectInactivity } from '../../state/selectors';
import { parseStoredTimers, storageKeyFor } from '../../state/storedTimers';
import { createTimerStore } from '../../state/timerStorage';
import type { TaskLike } from '../../tasks/messagingTask';
import { FakeBrowser } from './fakeBrowser';
import { FakeConversations, FakeEffects, FakeTasks, ManualTicker, fakeStore, fakeTask } from './fakeFlex';
import { FakeTransfers } from './fakeTransfers';

/** The original plugin's example: 35 s, warning 15 s before. */
export const ORIGINAL_CONFIG = {
  timer_sec: 35,
  warning_sec: 15,
  warning_message: 'Closing in {{remaining}}, {{customerName}}.',
};

/** The key the harness's timers are saved under. */
export const HARNESS_TIMERS_KEY = storageKeyFor('ACtest', 'WKtest');

/** What outlives a page and is shared by tabs: Flex's tasks, the conversations, the browser and the wall clock. */
export interface SharedWorld {
  readonly clock: FakeClock;
  readonly tasks: FakeTasks;
  readonly conversations: FakeConversations;
  readonly transfers: FakeTransfers;
  readonly browser: FakeBrowser;
  /** The clock offset estimate the previous page left in storage. */
  readonly skewMemory: { offsetMs: number | null };
  /** How far Twilio's clock is behind this PC's (a PC clock running fast). */
  readonly serverBehindMs: number;
  /** The tickers of the tabs open now: the harness ticks them all, as every tab's Worker ticks. */
  readonly tickers: Set<ManualTicker>;
}

export interface HarnessOptions {
  readonly customerInactivity?: unknown;
  readonly tasks?: readonly TaskLike[];
  readonly leader?: boolean;
  readonly startAt?: number;
  /** Shared with an earlier harness: a reload (stop the earlier one first) or a second tab (keep it running). */
  readonly previous?: { readonly world: SharedWorld };
  readonly participantsKnown?: boolean;
  readonly serverBehindMs?: number;
}

/** Silences the engine's expected warnings while keeping them inspectable. */
export interface RecordingLog {
  readonly warnings: string[];
  warn(message: string): void;
  info(message: string): void;
}

function recordingLog(): RecordingLog {
  const warnings: string[] = [];
  return { warnings, warn: (message) => warnings.push(message), info: () => undefined };
}

/** Lets pending promise callbacks (Flex actions, history reads, tab messages) run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

/** Leadership the test hands over by hand. */
export class FakeLeadership {
  private readonly listeners = new Set<(leader: boolean) => void>();
  constructor(private leader: boolean) {}
  isLeader(): boolean {
    return this.leader;
  }
  subscribe(listener: (leader: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  release(): void {
    this.set(false);
    this.listeners.clear();
  }
  set(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.listeners.forEach((listener) => listener(leader));
  }
}

function newWorld(options: HarnessOptions): SharedWorld {
  const clock = new FakeClock(options.startAt ?? 1_000_000);
  const serverBehindMs = options.serverBehindMs ?? 0;
  const tasks = new FakeTasks(options.tasks ?? [fakeTask(1)], () => clock.now() - serverBehindMs);
  if (options.participantsKnown !== false) {
    tasks
      .heldTasks()
      .forEach((_task, i) =>
        tasks.participants.set(`CH${i + 1}`, { customer: [`MBcustomer${i + 1}`], agent: ['MBagent'] }),
      );
  }
  return {
    clock,
    tasks,
    conversations: new FakeConversations(),
    transfers: new FakeTransfers(),
    browser: new FakeBrowser(),
    skewMemory: { offsetMs: null },
    serverBehindMs,
    tickers: new Set(),
  };
}

/**
 * One agent tab, composed by the same function as in Flex, with Flex and the browser replaced by fakes and a fake
 * clock ticking once a second like the real ticker.
 */
export function startHarness(options: HarnessOptions = {}) {
  const world = options.previous?.world ?? newWorld(options);
  const { clock, tasks, conversations, transfers } = world;
  const store = fakeStore();
  const serverNow = (): number => clock.now() - world.serverBehindMs;
  const tab = world.browser.tab();
  const effects = new FakeEffects(tasks, conversations, serverNow);
  const skew = createClockSkew({ initialOffsetMs: world.skewMemory.offsetMs });
  skew.onEstimateChanged((offset) => (world.skewMemory.offsetMs = offset));
  const ticker = new ManualTicker(clock);
  world.tickers.add(ticker);
  const notices: AgentNotice[] = [];
  const log = recordingLog();
  const leadership = new FakeLeadership(options.leader ?? true);
  const { config } = parseInactivityConfig(options.customerInactivity ?? ORIGINAL_CONFIG);
  let ids = 0;
  const runtime: InactivityRuntime = composeInactivityRuntime({
    store,
    config,
    clock,
    ticker,
    tasks,
    conversations,
    transfers,
    timerStore: createTimerStore({
      storage: () => tab.storage,
      key: HARNESS_TIMERS_KEY,
      warn: (message) => log.warn(message),
    }),
    skew,
    effects,
    log,
    leadership,
    timersKey: HARNESS_TIMERS_KEY,
    storageChanges: tab.storageChanges,
    channel: tab.channel<TabMessage>(),
    visibility: tab.visibility,
    showNotice: (notice) => notices.push(notice),
    newId: () => `id-${(ids += 1)}-${Math.random().toString(36).slice(2, 6)}`,
  });

  const tickAllTabs = (): void => [...world.tickers].forEach((each) => each.tick());

  const harness = {
    world,
    clock,
    store,
    tasks,
    conversations,
    transfers,
    effects,
    ticker,
    notices,
    log,
    leadership,
    visibility: tab.visibility,
    runtime,
    /** The timers this page's storage holds, as the acting tab saved them. */
    savedTimers: (): ConversationTimer[] => parseStoredTimers(tab.storage.getItem(HARNESS_TIMERS_KEY)).timers,
    /** Which tabs (numbered in opening order) ever wrote the timers. */
    timerWriters: (): number[] => [...(world.browser.writers.get(HARNESS_TIMERS_KEY) ?? [])],
    tabNumber: tab.tabNumber,
    /** How often any tab wrote the timers. */
    timerWrites: (): number => world.browser.writes.get(HARNESS_TIMERS_KEY) ?? 0,
    timer: (sid = 'CH1'): ConversationTimer | undefined => selectInactivity(store.getState()).timers[sid],
    /** Advances the clock in whole-second ticks of every open tab, letting promises settle after each. */
    async advanceTo(time: number): Promise<void> {
      await runtime.whenIdle();
      await flushPromises();
      while (clock.now() < time) {
        clock.advanceTo(Math.min(time, clock.now() + 1_000));
        tickAllTabs();
        await flushPromises();
      }
    },
    async advance(ms: number): Promise<void> {
      await harness.advanceTo(clock.now() + ms);
    },
    /** A message from the customer of conversation n, delivered live now. */
    customerWrites(n = 1, body = 'hello', silently = false): MessageFacts {
      return conversations.add(
        `CH${n}`,
        { author: `customer-${n}`, participantSid: `MBcustomer${n}`, createdAt: serverNow(), attributes: { body } },
        silently,
      );
    },
    agentWrites(n = 1): MessageFacts {
      return conversations.add(`CH${n}`, {
        author: 'agent@example.com',
        participantSid: 'MBagent',
        createdAt: serverNow(),
        attributes: {},
      });
    },
    someoneWrites(
      n: number,
      author: string | null,
      participantSid: string | null,
      attributes: unknown = {},
    ): MessageFacts {
      return conversations.add(`CH${n}`, { author, participantSid, createdAt: serverNow(), attributes });
    },
    /** Another tab's (or device's) warning arriving live. */
    otherTabWarns(n: number, cycleStartIndex: number | null, warningIndex = 0): MessageFacts {
      return conversations.add(`CH${n}`, {
        author: 'agent@example.com',
        participantSid: 'MBagent',
        createdAt: serverNow(),
        attributes: markerAttributes({ kind: 'warning', taskSid: `WT${n}`, cycleStartIndex, warningIndex }),
      });
    },
    warningsSent: () => effects.sent.filter((sent) => sent.marker?.kind === 'warning'),
    stop: () => {
      runtime.stop();
      world.tickers.delete(ticker);
    },
  };
  return harness;
}

export type Harness = ReturnType<typeof startHarness>;
