/**
 * Item 5 of the benchmarks: 1,000 accept -> warn -> wrap-up -> complete cycles, with the heap (after forced GC) read at
 * checkpoints and every listener, watcher, subscription and timer counted after each cycle. Run twice: on the engine
 * harness of src/flex/testing (the composed runtime over its fakes, no UI), and on the bench world's runtime (real
 * ticker and storage) with a badge row per task in jsdom.
 */
import type { ITask } from '@twilio/flex-ui';
import React from 'react';
import ReactDOM from 'react-dom';
import { Provider } from 'react-redux';

import { CountdownBadge } from '../../src/components/CountdownBadge';
import { ORIGINAL_CONFIG, startHarness } from '../../src/flex/testing/engineHarness';
import type { Harness } from '../../src/flex/testing/engineHarness';
import { fakeTask } from '../../src/flex/testing/fakeFlex';
import { selectInactivity } from '../../src/state/selectors';
import type { HeapCheckpoint, LeakRun } from '../support/results';
import { collectGarbage, slope } from '../support/stats';
import { betweenTicks } from '../ticking/measure';
import { startWorld } from '../support/world';
import type { World } from '../support/world';

/** The original example: a warning at 20 s, the wrap-up at 35 s. */
const WARN_AFTER_MS = 20_000;
const WRAP_AFTER_MS = 15_000;

/**
 * Heap readings are taken after every window of cycles. The first windows are a warm-up: V8's compiled code, its
 * deoptimization data and inline caches keep growing for about 2,000 cycles (a heap-snapshot diff of cycles 2,000 to
 * 4,000 found nothing else; runs of 8,000 cycles are flat after that), so growth is judged on the windows after it.
 */
export const LEAK_WINDOWS = 6;
export const WARMUP_WINDOWS = 2;

type Counts = Record<string, number>;

function heapUsed(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Spread of heap readings with nothing happening in between: the noise floor of this process. */
function idleNoise(): number {
  const readings = Array.from({ length: 5 }, heapUsed);
  return Math.max(...readings) - Math.min(...readings);
}

function maxInto(target: Counts, counts: Counts): void {
  for (const [key, value] of Object.entries(counts)) target[key] = Math.max(target[key] ?? 0, value);
}

/** Conversations held at once to weigh one tracked conversation. */
const HELD_CONVERSATIONS = 200;

interface CycleTarget {
  cycle(n: number): Promise<void>;
  /** Accepts conversations `from`..`from + count - 1` at once and leaves them counting. */
  hold(from: number, count: number): Promise<void>;
  /** Completes what `hold` accepted. */
  release(from: number, count: number): Promise<void>;
  counts(): Counts;
  sent(): { warnings: number; wrapups: number };
  stop(): void;
}

async function runCycles(name: string, cyclesPerWindow: number, target: CycleTarget): Promise<LeakRun> {
  const started = Date.now();
  const gcExposed = collectGarbage();
  const idleNoiseBytes = idleNoise();
  const checkpoints: HeapCheckpoint[] = [{ cycles: 0, heapUsedBytes: heapUsed() }];
  const maxCounts: Counts = {};
  let warningsSent = 0;
  let wrapups = 0;
  for (let n = 1; n <= cyclesPerWindow * LEAK_WINDOWS; n += 1) {
    await target.cycle(n);
    const sent = target.sent();
    warningsSent += sent.warnings;
    wrapups += sent.wrapups;
    maxInto(maxCounts, target.counts());
    if (n % cyclesPerWindow === 0) checkpoints.push({ cycles: n, heapUsedBytes: heapUsed() });
  }
  const countsAfterCycles = target.counts();
  const perConversation = await weighHeldConversations(target, cyclesPerWindow * LEAK_WINDOWS + 1);
  target.stop();
  const countsAfterStop = target.counts();
  const steady = checkpoints.slice(WARMUP_WINDOWS);
  return {
    name,
    cyclesPerWindow,
    windows: LEAK_WINDOWS,
    warmupWindows: WARMUP_WINDOWS,
    gcExposed,
    checkpoints,
    windowGrowthBytes: checkpoints
      .slice(1)
      .map((point, i) => point.heapUsedBytes - (checkpoints[i]?.heapUsedBytes ?? point.heapUsedBytes)),
    idleNoiseBytes,
    steadyBytesPerCycle: slope(
      steady.map((point) => point.cycles),
      steady.map((point) => point.heapUsedBytes),
    ),
    countsAfterCycles,
    countsAfterStop,
    maxCountsBetweenCycles: maxCounts,
    warningsSent,
    wrapups,
    heldConversations: HELD_CONVERSATIONS,
    ...perConversation,
    seconds: (Date.now() - started) / 1_000,
  };
}

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

/**
 * Heap per tracked conversation, warm (after the cycles): {@link HELD_CONVERSATIONS} accepted and counting at once,
 * against the heap before; and what is left once they are completed.
 */
async function weighHeldConversations(
  target: CycleTarget,
  from: number,
): Promise<{ bytesPerHeldConversation: number; bytesLeftAfterRelease: number }> {
  const before = heapUsed();
  await target.hold(from, HELD_CONVERSATIONS);
  const holding = heapUsed();
  await target.release(from, HELD_CONVERSATIONS);
  const after = heapUsed();
  return { bytesPerHeldConversation: (holding - before) / HELD_CONVERSATIONS, bytesLeftAfterRelease: after - before };
}

/** The runtime alone, as the engine harness composes it: its fakes, fake browser and ManualTicker, no UI. */
function harnessTarget(): CycleTarget {
  const harness: Harness = startHarness({ tasks: [] });
  let sent = { warnings: 0, wrapups: 0 };
  return {
    async cycle(n) {
      harness.tasks.participants.set(`CH${n}`, { customer: [`MBcustomer${n}`], agent: ['MBagent'] });
      const task = fakeTask(n);
      harness.tasks.set(task);
      await harness.advance(WARN_AFTER_MS);
      await harness.advance(WRAP_AFTER_MS);
      harness.tasks.set({ ...task, status: 'completed' });
      sent = { warnings: harness.warningsSent().length, wrapups: harness.effects.wrapups.length };
      // What Flex and the fakes keep of an ended task is theirs, not the engine's: drop it so only the engine is weighed.
      harness.tasks.tasks.delete(task.sid);
      harness.tasks.participants.delete(`CH${n}`);
      harness.conversations.history.delete(`CH${n}`);
      if (harness.conversations.watchers.get(`CH${n}`)?.size === 0) harness.conversations.watchers.delete(`CH${n}`);
      harness.effects.sent.splice(0);
      harness.effects.wrapups.splice(0);
      harness.notices.splice(0);
      harness.log.warnings.splice(0);
    },
    async hold(from, count) {
      for (const n of range(from, count)) {
        harness.tasks.participants.set(`CH${n}`, { customer: [`MBcustomer${n}`], agent: ['MBagent'] });
        harness.tasks.set(fakeTask(n));
      }
      await harness.advance(1_000);
    },
    async release(from, count) {
      for (const n of range(from, count)) {
        const task = fakeTask(n);
        harness.tasks.set({ ...task, status: 'completed' });
        harness.tasks.tasks.delete(task.sid);
        harness.tasks.participants.delete(`CH${n}`);
        if (harness.conversations.watchers.get(`CH${n}`)?.size === 0) harness.conversations.watchers.delete(`CH${n}`);
      }
      await harness.advance(1_000);
    },
    counts: () => ({
      messageWatchers: harness.conversations.watcherCount(),
      taskListeners: harness.tasks.listeners.size,
      connectionListeners: harness.conversations.connectionListeners.size,
      tickerListeners: harness.ticker.listeners.size,
      trackedTimers: Object.keys(selectInactivity(harness.store.getState()).timers).length,
      storedTimers: harness.savedTimers().length,
      scheduledTimers: harness.clock.pendingTimers(),
    }),
    sent: () => sent,
    stop: () => harness.stop(),
  };
}

function rowTask(n: number): ITask {
  // A task as Flex passes it to task-list children; the badge reads only `attributes.conversationSid`.
  const task: Partial<ITask> = { sid: `WR${n}`, attributes: { conversationSid: `CH${n}` } };
  return task as ITask;
}

/** The composed runtime (real ticker and storage) with the task list's badge row mounted while the task exists. */
async function runtimeTarget(): Promise<CycleTarget> {
  // Macrotasks run between ticks as in a browser: React's scheduler queue only drains there.
  const world: World = await startWorld({ customerInactivity: ORIGINAL_CONFIG, betweenTicks });
  const container = document.createElement('div');
  document.body.appendChild(container);
  const showRows = (rows: readonly number[]): void => {
    ReactDOM.render(
      <Provider store={world.store}>
        {rows.map((n) => (
          <CountdownBadge key={n} task={rowTask(n)} nowSource={world.badgeTicker} />
        ))}
      </Provider>,
      container,
    );
  };
  let sent = { warnings: 0, wrapups: 0 };
  return {
    async cycle(n) {
      world.accept(n);
      await world.runtime.whenIdle();
      showRows([n]);
      await world.advance(WARN_AFTER_MS);
      await world.advance(WRAP_AFTER_MS);
      sent = {
        warnings: world.effects.sent.filter((message) => message.marker?.kind === 'warning').length,
        wrapups: world.effects.wrapups.length,
      };
      world.complete(n);
      // Flex removes a completed task's row from the list.
      showRows([]);
    },
    async hold(from, count) {
      const held = range(from, count);
      held.forEach((n) => world.accept(n));
      await world.runtime.whenIdle();
      showRows(held);
      await world.advance(1_000);
    },
    async release(from, count) {
      range(from, count).forEach((n) => world.complete(n));
      showRows([]);
      await world.advance(1_000);
    },
    // A static NodeList: jsdom keeps every live HTMLCollection it ever handed out.
    counts: () => ({ ...world.listenerCounts(), domNodes: document.querySelectorAll('*').length }),
    sent: () => sent,
    stop() {
      ReactDOM.unmountComponentAtNode(container);
      container.remove();
      world.stop();
    },
  };
}

export async function measureLeaks(cyclesPerWindow: number, log: (line: string) => void): Promise<LeakRun[]> {
  const runs: LeakRun[] = [];
  for (const [name, makeTarget] of [
    ['engine harness (fakes, ManualTicker)', () => Promise.resolve(harnessTarget())],
    ['runtime + badge rows (jsdom, real ticker and storage)', runtimeTarget],
  ] as const) {
    const run = await runCycles(name, cyclesPerWindow, await makeTarget());
    log(
      `leaks ${name}: window growth ${run.windowGrowthBytes.join(', ')} B, ` +
        `${run.steadyBytesPerCycle.toFixed(1)} B/cycle after warm-up, noise ${run.idleNoiseBytes} B, ` +
        `${run.warningsSent} warnings, ${run.wrapups} wrap-ups, ${run.seconds.toFixed(1)} s; ` +
        `after cycles ${JSON.stringify(run.countsAfterCycles)}; after stop ${JSON.stringify(run.countsAfterStop)}`,
    );
    runs.push(run);
  }
  return runs;
}
