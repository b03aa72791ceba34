import { parseInactivityConfig } from '../../config/parseInactivityConfig';
import type { ConversationTimer } from '../../core/conversationTimer';
import { FakeClock } from '../../runtime/testing/fakeClock';
import { selectInactivity } from '../../state/selectors';
import { createClockSkew } from '../../core/clockSkew';
import type { AgentNotice } from '../../engine/commandRunner';
import { createCommandRunner } from '../../engine/commandRunner';
import type { InactivityEngine } from '../inactivityEngine';
import { startInactivityEngine } from '../inactivityEngine';
import { markerAttributes } from '../../core/inactivityMarker';
import type { MessageFacts } from '../../core/messageAuthor';
import type { TaskLike } from '../../tasks/messagingTask';
import {
  FakeConversations,
  FakeEffects,
  FakeTasks,
  ManualTicker,
  MemoryTimerStore,
  fakeStore,
  fakeTask,
} from './fakeFlex';

/** The original plugin's example: 35 s, warning 15 s before. */
export const ORIGINAL_CONFIG = {
  timer_sec: 35,
  warning_sec: 15,
  warning_message: 'Closing in {{remaining}}, {{customerName}}.',
};

/** What outlives a page: Flex's tasks, the conversations, the browser's storage and the wall clock. */
export interface SharedWorld {
  readonly clock: FakeClock;
  readonly tasks: FakeTasks;
  readonly conversations: FakeConversations;
  readonly timerStore: MemoryTimerStore;
  /** The clock offset estimate the previous page left in storage. */
  readonly skewMemory: { offsetMs: number | null };
  /** How far Twilio's clock is behind this PC's (a PC clock running fast). */
  readonly serverBehindMs: number;
}

export interface HarnessOptions {
  readonly customerInactivity?: unknown;
  readonly tasks?: readonly TaskLike[];
  readonly leader?: boolean;
  readonly startAt?: number;
  /** Shared with a previous harness to play a reload: same storage, same conversations, same tasks. */
  readonly previous?: SharedWorld;
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

/** Lets pending promise callbacks (Flex actions, history reads) run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

/** An engine wired to fakes of Flex, with a fake clock ticking once a second like the real ticker. */
export function startHarness(options: HarnessOptions = {}) {
  const clock = new FakeClock(options.startAt ?? options.previous?.clock.now() ?? 1_000_000);
  const store = fakeStore();
  const tasks = options.previous?.tasks ?? new FakeTasks(options.tasks ?? [fakeTask(1)]);
  const conversations = options.previous?.conversations ?? new FakeConversations();
  const timerStore = options.previous?.timerStore ?? new MemoryTimerStore();
  const skewMemory = options.previous?.skewMemory ?? { offsetMs: null };
  const serverBehindMs = options.previous?.serverBehindMs ?? options.serverBehindMs ?? 0;
  const serverNow = (): number => clock.now() - serverBehindMs;
  if (options.participantsKnown !== false && options.previous === undefined) {
    tasks
      .heldTasks()
      .forEach((_task: TaskLike, i: number) =>
        tasks.participants.set(`CH${i + 1}`, { customer: [`MBcustomer${i + 1}`], agent: ['MBagent'] }),
      );
  }
  const effects = new FakeEffects(tasks, conversations, serverNow);
  const ticker = new ManualTicker(() => clock.now());
  const notices: AgentNotice[] = [];
  const log = recordingLog();
  const leadership = { leader: options.leader ?? true, isLeader: () => leadership.leader };
  const { config } = parseInactivityConfig(options.customerInactivity ?? ORIGINAL_CONFIG);
  const engine = startInactivityEngine({
    store,
    config,
    clock,
    ticker,
    tasks,
    conversations,
    leadership,
    timerStore,
    skew: createClockSkew({
      initialOffsetMs: skewMemory.offsetMs,
      onEstimate: (offset) => (skewMemory.offsetMs = offset),
    }),
    createRunner: (contextOf) =>
      createCommandRunner({
        effects,
        dispatch: (event) => store.dispatch(event),
        contextOf,
        clock,
        notify: (notice) => notices.push(notice),
        log,
      }),
    log,
  });
  const started: InactivityEngine = engine;

  const harness = {
    clock,
    store,
    tasks,
    conversations,
    effects,
    ticker,
    timerStore,
    skewMemory,
    serverBehindMs,
    notices,
    log,
    leadership,
    engine: started,
    timer: (sid = 'CH1'): ConversationTimer | undefined => selectInactivity(store.getState()).timers[sid],
    /** Advances the clock in whole-second ticks, letting Flex's promises settle after each. */
    async advanceTo(time: number): Promise<void> {
      await started.settled();
      await flushPromises();
      while (clock.now() < time) {
        clock.advanceTo(Math.min(time, clock.now() + 1_000));
        ticker.tick();
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
    someoneWrites(n: number, author: string | null, participantSid: string | null): MessageFacts {
      return conversations.add(`CH${n}`, { author, participantSid, createdAt: serverNow(), attributes: {} });
    },
    /** Another tab's warning arriving live. */
    otherTabWarns(n: number, cycleStartIndex: number | null, warningIndex = 0): MessageFacts {
      return conversations.add(`CH${n}`, {
        author: 'agent@example.com',
        participantSid: 'MBagent',
        createdAt: serverNow(),
        attributes: markerAttributes({ kind: 'warning', taskSid: `WT${n}`, cycleStartIndex, warningIndex }),
      });
    },
    warningsSent: () => effects.sent.filter((sent) => sent.marker?.kind === 'warning'),
    stop: () => started.stop(),
  };
  return harness;
}

export type Harness = ReturnType<typeof startHarness>;
