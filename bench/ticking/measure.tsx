/**
 * Item 1 of the benchmarks: the cost of ticking. N task-list rows are rendered in jsdom, either with our
 * CountdownBadge (one shared ticker, the real engine, store and timer storage) or with the original design's
 * OriginalCountdownRow (one setInterval and setState per row), and a simulated minute is played on a HeapClock.
 * Counts (commits, text changes, rows written, dispatches, storage writes) are deterministic; CPU time is repeated,
 * interleaved and reported as ours/baseline ratios. Our badges write a new second into the DOM without a React render,
 * so commits no longer count the work of a tick: rows written (rows with any DOM mutation in a tick, whoever made it)
 * do, for both designs alike.
 */
import type { ITask } from '@twilio/flex-ui';
import React, { Profiler } from 'react';
import ReactDOM from 'react-dom';
import { Provider } from 'react-redux';
import { combineReducers, createStore } from 'redux';

import { CountdownBadge } from '../../src/components/CountdownBadge';
import { parseInactivityConfig } from '../../src/config/parseInactivityConfig';
import { policyFor } from '../../src/config/policy';
import { planCommands } from '../../src/core/planner';
import { ORIGINAL_CONFIG, flushPromises } from '../../src/flex/testing/engineHarness';
import type { InactivityEvent } from '../../src/state/inactivityEvents';
import { INACTIVITY_NAMESPACE, inactivityReducer } from '../../src/state/inactivitySlice';
import type { StateWithInactivity } from '../../src/state/selectors';
import { selectInactivity } from '../../src/state/selectors';
import { OriginalCountdownRow } from '../baseline/OriginalCountdownRow';
import { countedStore } from '../support/counting';
import { HeapClock } from '../support/heapClock';
import type { BusyMinute, DesignFigures, TickingResults, TickingRow } from '../support/results';
import { collectGarbage, median, spreadOf } from '../support/stats';
import { TICK_MS, WORLD_START, startWorld } from '../support/world';

export const SIMULATED_SECONDS = 60;

/**
 * Timed runs of small lists play several simulated minutes: one minute of one badge is a few milliseconds of CPU,
 * below what process.cpuUsage() separates from noise. Every timed run thus covers about the same amount of work.
 */
export function timedSecondsFor(conversations: number): number {
  return SIMULATED_SECONDS * Math.max(1, Math.ceil(50 / conversations));
}

/** Long enough that nothing is due during the longest timed run (50 minutes): every tick is a quiet tick. */
const TIMER_SEC = 3_600;
const WARNING_SEC = 60;

type Scenario = TickingRow['scenario'];

const SCENARIO_CONFIG: Record<Scenario, unknown> = {
  allCounting: { timer_sec: TIMER_SEC, warning_sec: WARNING_SEC },
  // SMS conversations wait for the agent's reply: nothing counts, their badges read "—" and never change.
  halfWaiting: { timer_sec: TIMER_SEC, warning_sec: WARNING_SEC, channels: { sms: { start_on: 'agent_reply' } } },
};

const channelTypeFor =
  (scenario: Scenario) =>
  (n: number): string =>
    scenario === 'halfWaiting' && n % 2 === 0 ? 'sms' : 'web';

/** What one run of one design cost: counts over one simulated minute, CPU time per simulated second. */
interface MinuteCounts {
  readonly cpuMsPerSecond: number;
  readonly commits: number;
  readonly textChanges: number;
  readonly rowsWritten: number;
  readonly dispatches: number;
  readonly storageWrites: number;
}

/** A task as Flex passes it to task-list children; the badge reads only `attributes.conversationSid`. */
function rowTask(n: number): ITask {
  const task: Partial<ITask> = { sid: `WR${n}`, taskSid: `WT${n}`, attributes: { conversationSid: `CH${n}` } };
  return task as ITask;
}

const rowNumbers = (count: number): number[] => Array.from({ length: count }, (_, i) => i + 1);

/** Lets React's scheduled work (posted as a macrotask) run, as a browser's event loop would. */
function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Between two ticks: promises settle, then macrotasks run. The same for both designs. */
export async function betweenTicks(): Promise<void> {
  await flushPromises();
  await nextMacrotask();
}

function rowTexts(container: HTMLElement): string[] {
  return Array.from(container.children, (row) => row.textContent ?? '');
}

function countChanged(before: readonly string[], after: readonly string[]): number {
  return after.reduce((changed, text, i) => changed + (text === before[i] ? 0 : 1), 0);
}

/**
 * Counts, per tick, the rows whose DOM changed (text, attributes or children), whether React or our badge's own text
 * write changed it. Set up in counting passes only: a MutationObserver makes jsdom record every mutation.
 */
function watchRows(container: HTMLElement): { rowsWrittenSinceLastCall(): number; stop(): void } {
  // The jsdom window's own: support/dom.ts installs only what react-dom and the components read as globals.
  const Observer = container.ownerDocument.defaultView?.MutationObserver;
  if (Observer === undefined) throw new Error('no MutationObserver in this DOM');
  const written = new Set<Node>();
  const rowOf = (node: Node): Node | null => {
    let current: Node | null = node;
    while (current !== null && current.parentNode !== container) current = current.parentNode;
    return current;
  };
  const note = (records: readonly MutationRecord[]): void => {
    for (const record of records) {
      const row = rowOf(record.target);
      if (row !== null) written.add(row);
    }
  };
  // Records reach the callback at the next microtask checkpoint, which a tick's awaits pass.
  const observer = new Observer(note);
  observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true });
  return {
    rowsWrittenSinceLastCall() {
      note(observer.takeRecords());
      const count = written.size;
      written.clear();
      return count;
    },
    stop: () => observer.disconnect(),
  };
}

/**
 * Plays `seconds` ticks. With `observe` (the counting pass, one minute), reads every row's text and the rows whose
 * DOM was written after each tick; otherwise (the timed runs) only CPU time is taken.
 */
async function playSeconds(
  container: HTMLElement,
  observe: boolean,
  seconds: number,
  tick: () => Promise<void>,
): Promise<{ cpuMs: number; textChanges: number; rowsWritten: number }> {
  let textChanges = 0;
  let rowsWritten = 0;
  let texts = observe ? rowTexts(container) : [];
  const rows = observe ? watchRows(container) : null;
  collectGarbage();
  const start = process.cpuUsage();
  for (let second = 0; second < seconds; second += 1) {
    await tick();
    if (rows !== null) {
      const next = rowTexts(container);
      textChanges += countChanged(texts, next);
      texts = next;
      rowsWritten += rows.rowsWrittenSinceLastCall();
    }
  }
  const used = process.cpuUsage(start);
  rows?.stop();
  return { cpuMs: (used.user + used.system) / 1_000, textChanges, rowsWritten };
}

/**
 * The Profiler counts commits in the counting pass only: inside a Profiler the profiling build times every fiber,
 * which would weigh on the design with more fibers per row. Without it the profiling build runs as production does.
 */
function profiled(observe: boolean, onCommit: () => void, rows: React.ReactNode): React.ReactElement {
  return observe ? (
    <Profiler id="task-list" onRender={onCommit}>
      {rows}
    </Profiler>
  ) : (
    <>{rows}</>
  );
}

function mountPoint(): HTMLElement {
  const container = document.createElement('div');
  document.body.appendChild(container);
  return container;
}

function unmount(container: HTMLElement): void {
  ReactDOM.unmountComponentAtNode(container);
  container.remove();
}

async function runOurs(conversations: number, scenario: Scenario, observe: boolean): Promise<MinuteCounts> {
  const world = await startWorld({
    customerInactivity: SCENARIO_CONFIG[scenario],
    accepted: conversations,
    channelTypeOf: channelTypeFor(scenario),
    betweenTicks,
  });
  let commits = 0;
  const container = mountPoint();
  ReactDOM.render(
    <Provider store={world.store}>
      {profiled(
        observe,
        () => (commits += 1),
        rowNumbers(conversations).map((n) => (
          <div key={n}>
            <CountdownBadge task={rowTask(n)} nowSource={world.badgeTicker} />
          </div>
        )),
      )}
    </Provider>,
    container,
  );
  await nextMacrotask();
  const before = { commits, dispatches: world.store.dispatchCount(), writes: world.storage.writes };
  const seconds = observe ? SIMULATED_SECONDS : timedSecondsFor(conversations);
  const { cpuMs, textChanges, rowsWritten } = await playSeconds(container, observe, seconds, () =>
    world.advance(TICK_MS),
  );
  const counts: MinuteCounts = {
    cpuMsPerSecond: cpuMs / seconds,
    commits: commits - before.commits,
    textChanges,
    rowsWritten,
    dispatches: world.store.dispatchCount() - before.dispatches,
    storageWrites: world.storage.writes - before.writes,
  };
  unmount(container);
  world.stop();
  return counts;
}

async function runBaseline(conversations: number, observe: boolean): Promise<MinuteCounts> {
  const clock = new HeapClock(WORLD_START);
  // The same Provider as ours, so both trees sit under react-redux; the original never dispatches to it.
  const store = countedStore<StateWithInactivity, InactivityEvent>(
    createStore(combineReducers({ [INACTIVITY_NAMESPACE]: inactivityReducer })),
  );
  let commits = 0;
  const container = mountPoint();
  ReactDOM.render(
    <Provider store={store}>
      {profiled(
        observe,
        () => (commits += 1),
        rowNumbers(conversations).map((n) => (
          <div key={n}>
            <OriginalCountdownRow
              conversationSid={`CH${n}`}
              timerSec={TIMER_SEC}
              warningSec={WARNING_SEC}
              clock={clock}
              onWarning={() => undefined}
              onExpired={() => undefined}
            />
          </div>
        )),
      )}
    </Provider>,
    container,
  );
  await nextMacrotask();
  const before = { commits, dispatches: store.dispatchCount() };
  const seconds = observe ? SIMULATED_SECONDS : timedSecondsFor(conversations);
  const { cpuMs, textChanges, rowsWritten } = await playSeconds(container, observe, seconds, async () => {
    clock.advance(TICK_MS);
    await betweenTicks();
  });
  const counts: MinuteCounts = {
    cpuMsPerSecond: cpuMs / seconds,
    commits: commits - before.commits,
    textChanges,
    rowsWritten,
    dispatches: store.dispatchCount() - before.dispatches,
    // The original kept its counters in component state only: it had no storage to write to.
    storageWrites: 0,
  };
  unmount(container);
  if (clock.pendingTimers() !== 0) throw new Error('baseline rows left intervals behind');
  return counts;
}

function figures(counted: MinuteCounts, cpuSamples: readonly number[]): DesignFigures {
  const perSecond = (value: number): number => value / SIMULATED_SECONDS;
  const perMinute = (value: number): number => (value * 60) / SIMULATED_SECONDS;
  return {
    cpuMsPerSecond: median(cpuSamples),
    cpuMsSamples: cpuSamples,
    commitsPerSecond: perSecond(counted.commits),
    textChangesPerSecond: perSecond(counted.textChanges),
    rowsWrittenPerSecond: perSecond(counted.rowsWritten),
    dispatchesPerMinute: perMinute(counted.dispatches),
    storageWritesPerMinute: perMinute(counted.storageWrites),
  };
}

/** A run whose counting rows did not all show another text each second measured less than the work it claims. */
function expectEveryTickChanges(design: string, counted: MinuteCounts, countingRows: number): void {
  const expected = countingRows * SIMULATED_SECONDS;
  if (counted.textChanges !== expected || counted.rowsWritten !== expected) {
    throw new Error(
      `${design}: ${counted.textChanges} text changes and ${counted.rowsWritten} rows written in a minute, ` +
        `expected ${expected} of each (${countingRows} counting rows, every second)`,
    );
  }
}

/** One row of the table: a counting pass of each design, then `repetitions` interleaved timed pairs. */
async function measureRow(scenario: Scenario, conversations: number, repetitions: number): Promise<TickingRow> {
  const oursCounted = await runOurs(conversations, scenario, true);
  const baselineCounted = await runBaseline(conversations, true);
  // Odd rows are web chats, which count in both scenarios; even ones are SMS, waiting in halfWaiting.
  const countingRows = scenario === 'allCounting' ? conversations : Math.ceil(conversations / 2);
  expectEveryTickChanges('ours', oursCounted, countingRows);
  expectEveryTickChanges('original', baselineCounted, conversations);
  // A warm-up pair, discarded: the first runs include JIT compilation.
  await runOurs(conversations, scenario, false);
  await runBaseline(conversations, false);
  const oursCpu: number[] = [];
  const baselineCpu: number[] = [];
  const ratios: number[] = [];
  for (let rep = 0; rep < repetitions; rep += 1) {
    // Alternate which design goes first, so drift in the machine's load hits both alike.
    if (rep % 2 === 0) {
      oursCpu.push((await runOurs(conversations, scenario, false)).cpuMsPerSecond);
      baselineCpu.push((await runBaseline(conversations, false)).cpuMsPerSecond);
    } else {
      baselineCpu.push((await runBaseline(conversations, false)).cpuMsPerSecond);
      oursCpu.push((await runOurs(conversations, scenario, false)).cpuMsPerSecond);
    }
    ratios.push((oursCpu[rep] ?? Number.NaN) / (baselineCpu[rep] ?? Number.NaN));
  }
  return {
    scenario,
    conversations,
    ours: figures(oursCounted, oursCpu),
    baseline: figures(baselineCounted, baselineCpu),
    cpuRatio: spreadOf(ratios),
  };
}

/**
 * A minute with warnings and wrap-ups (35 s timers, a warning 15 s before, a conversation accepted every 3 s): every
 * tick is classified by whether the planner had anything due, and dispatches and storage writes are attributed to it.
 */
async function measureBusyMinute(conversations: number): Promise<BusyMinute> {
  const world = await startWorld({ customerInactivity: ORIGINAL_CONFIG, betweenTicks });
  const { config } = parseInactivityConfig(ORIGINAL_CONFIG);
  const accepted: number[] = [];
  let commits = 0;
  const container = mountPoint();
  const render = (): void =>
    ReactDOM.render(
      <Provider store={world.store}>
        <Profiler id="task-list" onRender={() => (commits += 1)}>
          {accepted.map((n) => (
            <div key={n}>
              <CountdownBadge task={rowTask(n)} nowSource={world.badgeTicker} />
            </div>
          ))}
        </Profiler>
      </Provider>,
      container,
    );
  render();
  const totals = { dueTicks: 0, quietDispatches: 0, quietWrites: 0, dueDispatches: 0, dueWrites: 0, commits: 0 };
  let warningsSent = 0;
  let wrapups = 0;
  let textChanges = 0;
  let rowsWritten = 0;
  const rows = watchRows(container);
  for (let second = 0; second < SIMULATED_SECONDS; second += 1) {
    if (second % 3 === 0 && accepted.length < conversations) {
      accepted.push(accepted.length + 1);
      world.accept(accepted.length);
      await world.runtime.whenIdle();
      await flushPromises();
      render();
      // A row mounting is not a tick's write.
      rows.rowsWrittenSinceLastCall();
    }
    const timers = Object.values(selectInactivity(world.store.getState()).timers);
    const due = planCommands(timers, (timer) => policyFor(config, timer), world.clock.now() + TICK_MS);
    const before = { dispatches: world.store.dispatchCount(), writes: world.storage.writes, commits };
    const textsBefore = rowTexts(container);
    await world.advance(TICK_MS);
    textChanges += countChanged(textsBefore, rowTexts(container));
    rowsWritten += rows.rowsWrittenSinceLastCall();
    const dispatches = world.store.dispatchCount() - before.dispatches;
    const writes = world.storage.writes - before.writes;
    totals.commits += commits - before.commits;
    warningsSent += world.effects.sent.length;
    wrapups += world.effects.wrapups.length;
    world.effects.sent.splice(0);
    world.effects.wrapups.splice(0);
    if (due.length > 0) {
      totals.dueTicks += 1;
      totals.dueDispatches += dispatches;
      totals.dueWrites += writes;
    } else {
      totals.quietDispatches += dispatches;
      totals.quietWrites += writes;
    }
  }
  rows.stop();
  unmount(container);
  world.stop();
  return {
    conversations,
    ticks: SIMULATED_SECONDS,
    ticksWithSomethingDue: totals.dueTicks,
    quietTicks: SIMULATED_SECONDS - totals.dueTicks,
    dispatchesOnQuietTicks: totals.quietDispatches,
    storageWritesOnQuietTicks: totals.quietWrites,
    dispatchesOnDueTicks: totals.dueDispatches,
    storageWritesOnDueTicks: totals.dueWrites,
    warningsSent,
    wrapups,
    commitsPerSecond: totals.commits / SIMULATED_SECONDS,
    textChangesPerSecond: textChanges / SIMULATED_SECONDS,
    rowsWrittenPerSecond: rowsWritten / SIMULATED_SECONDS,
  };
}

export interface TickingOptions {
  readonly sizes: readonly number[];
  readonly halfWaitingSizes: readonly number[];
  readonly repetitions: number;
  readonly busyConversations: number;
  readonly log: (line: string) => void;
}

/** Our badges only: a warm-up run, then `runs` timed runs per size (for a CPU profile of ours alone). */
export async function profileOurs(sizes: readonly number[], runs: number, log: (line: string) => void): Promise<void> {
  for (const conversations of sizes) {
    await runOurs(conversations, 'allCounting', false);
    const samples: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      samples.push((await runOurs(conversations, 'allCounting', false)).cpuMsPerSecond);
    }
    log(`ours alone n=${conversations}: median ${median(samples).toFixed(3)} ms per simulated s over ${runs} runs`);
  }
}

export async function measureTicking(options: TickingOptions): Promise<TickingResults> {
  const rows: TickingRow[] = [];
  const plan: Array<[Scenario, number]> = [
    ...options.sizes.map((n): [Scenario, number] => ['allCounting', n]),
    ...options.halfWaitingSizes.map((n): [Scenario, number] => ['halfWaiting', n]),
  ];
  for (const [scenario, conversations] of plan) {
    const row = await measureRow(scenario, conversations, options.repetitions);
    options.log(
      `ticking ${scenario} n=${conversations}: cpu ratio ${row.cpuRatio.median.toFixed(2)} ` +
        `(ours ${row.ours.cpuMsPerSecond.toFixed(3)} ms/s, baseline ${row.baseline.cpuMsPerSecond.toFixed(3)} ms/s), ` +
        `text changes/s ${row.ours.textChangesPerSecond} vs ${row.baseline.textChangesPerSecond}, ` +
        `rows written/s ${row.ours.rowsWrittenPerSecond} vs ${row.baseline.rowsWrittenPerSecond}, ` +
        `commits/s ${row.ours.commitsPerSecond.toFixed(2)} vs ${row.baseline.commitsPerSecond.toFixed(2)}`,
    );
    rows.push(row);
  }
  const busy = await measureBusyMinute(options.busyConversations);
  if (options.busyConversations > 0) options.log(`ticking busy minute: ${JSON.stringify(busy)}`);
  return {
    repetitions: options.repetitions,
    simulatedSeconds: SIMULATED_SECONDS,
    reactBuild: `react ${React.version}, ${process.env.NODE_ENV === 'production' ? 'production profiling' : 'development'} build`,
    rows,
    busy,
  };
}
