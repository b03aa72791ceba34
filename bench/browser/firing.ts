/**
 * Item 2: how late the warning and the wrap-up come after their deadlines in Chromium, in a visible and in a hidden
 * tab, with the plugin's Worker ticker and with the same plugin forced onto its main-thread fallback.
 *
 * Four agent tabs run side by side in one Chromium, each on its own sandbox world (so each is the only leader of its
 * conversations): {visible, hidden} × {worker, main-thread}. Every tab also runs a plain main-thread
 * `setInterval(…, 1000)` probe, the baseline measured in the very same page. The hidden tabs are hidden by opening
 * a tab in front of them in their window, before any conversation arrives; every deadline falls more than a minute
 * later, past Chromium's intensive-throttling grace period for a loaded page.
 */
import type { SandboxServer } from '../../sandbox/server/main';
import type { Chromium } from './cdp';
import { AgentTab } from './agentTab';
import type { InstrumentOptions } from './pageScripts';
import { instrumentSource, PLUGIN_LOG_PREFIX } from './pageScripts';
import type { FiringCell, FiringResults, TabVisibility, TickerMode } from './results';
import { sandboxServer } from './sandbox';

const TIMER_SEC = 90;
const WARNING_SEC = 30;
/**
 * Conversations per tab, accepted FIRST_ACCEPT_MS, +ACCEPT_SPACING_MS, ... after the tabs are hidden. The spacing is
 * not a whole number of seconds so that the deadlines take every phase of a 1 s tick (0.0, 0.1, ... 0.9 s): with
 * whole seconds every deadline would meet the ticker at the same point of its second and give ten equal figures.
 */
const CONVERSATIONS = 10;
const FIRST_ACCEPT_MS = 8_000;
const ACCEPT_SPACING_MS = 3_100;
/**
 * With these numbers the first deadline comes 68 s after hiding (past the 60 s grace period) and the deadlines
 * spread over the next 58 s, so they also meet every phase of the once-a-minute wake-ups of intensive throttling.
 * A main-thread tab may then be a minute late: wait that long after the last deadline, and a little more.
 */
const WAIT_AFTER_LAST_DEADLINE_MS = 75_000;
/**
 * Chromium gives a tab hidden while it still counts as loading a 5-minute grace period instead of a minute (seen
 * here: a tab hidden at once after Flex rendered was not throttled 100 s later; one hidden 3 s later was, at 60 s).
 * The tabs rest this long after the last one is ready, so all of them are hidden as loaded pages.
 */
const SETTLE_BEFORE_HIDING_MS = 5_000;
const PROBE_INTERVAL_MS = 1_000;
/**
 * A gap between probe firings longer than this is intensive throttling: ordinary background throttling aligns timers
 * to whole seconds (and its CPU budget can stretch a gap to 2 s now and then), intensive throttling to whole minutes.
 */
const LONG_GAP_MS = 10_000;

const CONFIG = {
  timer_sec: TIMER_SEC,
  warning_sec: WARNING_SEC,
  warning_message: 'Still there? This chat closes in {{remaining}}.',
};

/** Flex is up and the plugin has started its ticker (a Worker started, or refused so it ticks on the main thread). */
const READY = `(() => {
  const bench = window.__bench;
  return bench !== undefined && bench.pluginInitAt !== null && bench.workersStarted + bench.workersRefused > 0 &&
    window.__sandbox !== undefined && document.querySelector('.Twilio-RootContainer') !== null;
})()`;

interface Spec {
  readonly visibility: TabVisibility;
  readonly ticker: TickerMode;
}

const SPECS: readonly Spec[] = [
  { visibility: 'visible', ticker: 'worker' },
  { visibility: 'visible', ticker: 'main-thread' },
  { visibility: 'hidden', ticker: 'worker' },
  { visibility: 'hidden', ticker: 'main-thread' },
];

interface TrackedTask {
  readonly taskSid: string;
  readonly conversationSid: string;
  readonly acceptedAt: number;
  wrappedAt: number | null;
}

interface Running {
  readonly spec: Spec;
  readonly server: SandboxServer;
  readonly tab: AgentTab;
  readonly tasks: TrackedTask[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The server's own time of the last change of the reservation of `taskSid` (its accept, its move to wrapping). */
function reservationUpdatedAt(server: SandboxServer, taskSid: string): number | null {
  const reservation = server.world.workerView().reservations.find((r) => r.task.sid === taskSid);
  return reservation === undefined ? null : Date.parse(reservation.dateUpdated);
}

function accept(run: Running): void {
  const { conversationSid, taskSid } = run.server.world.createConversation({ channelType: 'web', autoAccept: true });
  const acceptedAt = reservationUpdatedAt(run.server, taskSid);
  if (acceptedAt === null) throw new Error(`task ${taskSid} has no open reservation right after its creation`);
  run.tasks.push({ taskSid, conversationSid, acceptedAt, wrappedAt: null });
}

/** Records the wrap-up time of every task that moved to wrapping since the last look; true when all have. */
function checkWrapups(runs: readonly Running[]): boolean {
  let done = true;
  for (const run of runs) {
    for (const task of run.tasks) {
      if (task.wrappedAt !== null) continue;
      const status = run.server.world.taskSummary(task.taskSid).status;
      if (status === 'wrapping') task.wrappedAt = reservationUpdatedAt(run.server, task.taskSid) ?? Date.now();
      else done = false;
    }
  }
  return done;
}

/** For each deadline, how late the first probe firing at or after it came (deadlines it never reached are left out). */
function probeLateness(probe: readonly number[], deadlines: readonly number[]): number[] {
  return deadlines.flatMap((deadline) => {
    const firing = probe.find((at) => at >= deadline);
    return firing === undefined ? [] : [firing - deadline];
  });
}

/** The last deadline of any task of `run`: its wrap-up deadline. */
function lastDeadline(run: Running): number {
  return Math.max(...run.tasks.map((task) => task.acceptedAt + TIMER_SEC * 1_000));
}

/** Whether the probe of every tab has fired after that tab's last deadline (so every deadline has a probe figure). */
async function probesPastDeadlines(runs: readonly Running[]): Promise<boolean> {
  for (const run of runs) {
    const last = Number(await run.tab.evaluate('window.__bench.probe[window.__bench.probe.length - 1]'));
    if (!(last >= lastDeadline(run))) return false;
  }
  return true;
}

async function summarise(run: Running, startedAt: number, endAt: number): Promise<FiringCell> {
  const visibilityAtEnd = await run.tab.visibility();
  const record = await run.tab.record();
  const hidden = run.spec.visibility === 'hidden';
  // Each tab's own record of when it went hidden; the visible ones are measured from the common start.
  const hiddenAt = hidden ? (record.visibility.find(([, state]) => state === 'hidden')?.[0] ?? startedAt) : startedAt;
  const warningDeadline = (task: TrackedTask): number => task.acceptedAt + (TIMER_SEC - WARNING_SEC) * 1_000;
  const wrapupDeadline = (task: TrackedTask): number => task.acceptedAt + TIMER_SEC * 1_000;

  const warningLateMs: number[] = [];
  let missingWarnings = 0;
  let duplicateWarnings = 0;
  for (const task of run.tasks) {
    // Messages the plugin sends carry its marker attribute; with no closing message configured, only warnings.
    const sent = run.server.world
      .transcript(task.conversationSid)
      .filter((message) => 'conversationsInactivity' in message.attributes);
    const first = sent[0];
    if (first === undefined) missingWarnings += 1;
    else warningLateMs.push(Date.parse(first.dateCreated) - warningDeadline(task));
    if (sent.length > 1) duplicateWarnings += 1;
  }
  const wrapupLateMs = run.tasks.flatMap((task) =>
    task.wrappedAt === null ? [] : [task.wrappedAt - wrapupDeadline(task)],
  );

  const deadlines = [...run.tasks.map(warningDeadline), ...run.tasks.map(wrapupDeadline)].sort((a, b) => a - b);
  const firstDeadline = deadlines[0] ?? endAt;
  const probe = record.probe.filter((at) => at >= hiddenAt && at <= endAt);
  let probeMaxGapMs = 0;
  let probeFirstLongGapAfterHideMs: number | null = null;
  for (let i = 1; i < probe.length; i += 1) {
    const previous = probe[i - 1] ?? 0;
    const gap = (probe[i] ?? 0) - previous;
    probeMaxGapMs = Math.max(probeMaxGapMs, gap);
    if (gap > LONG_GAP_MS && probeFirstLongGapAfterHideMs === null) probeFirstLongGapAfterHideMs = previous - hiddenAt;
  }
  return {
    ...run.spec,
    warningLateMs,
    wrapupLateMs,
    probeLateMs: probeLateness(record.probe, deadlines),
    missingWarnings,
    missingWrapups: run.tasks.length - wrapupLateMs.length,
    duplicateWarnings,
    workersStarted: record.workersStarted,
    workersRefused: record.workersRefused,
    visibilityAtEnd,
    // Entry 0 is the state at load; every later one is a visibilitychange event.
    visibilityChanges: record.visibility.slice(1).map(([at, state]) => [at - hiddenAt, state] as const),
    hiddenMsAtFirstDeadline: hidden ? firstDeadline - hiddenAt : null,
    probeMaxGapMs,
    probeFirstLongGapAfterHideMs: hidden ? probeFirstLongGapAfterHideMs : null,
  };
}

export async function measureFiring(
  browser: Chromium,
  pluginBundle: string,
  agentDir: string,
  log: (line: string) => void,
): Promise<FiringResults> {
  const started = Date.now();
  const runs: Running[] = [];
  try {
    for (const spec of SPECS) {
      const server = await sandboxServer(pluginBundle, agentDir, CONFIG);
      const options: InstrumentOptions = {
        probeIntervalMs: PROBE_INTERVAL_MS,
        refuseBlobWorkers: spec.ticker === 'main-thread',
        pluginLogPrefix: PLUGIN_LOG_PREFIX,
        startup: null,
      };
      // Opened one after the other: four Flex UIs loading at once on two cores would only slow each other down.
      const tab = await AgentTab.open(browser, `${server.url}/`, instrumentSource(options)).catch(
        async (error: unknown) => {
          await server.close();
          throw error;
        },
      );
      runs.push({ spec, server, tab, tasks: [] });
      await tab.waitFor(READY, 90_000, `Flex and the plugin in the ${spec.visibility}/${spec.ticker} tab`);
    }
    await sleep(SETTLE_BEFORE_HIDING_MS);
    const hidden = runs.filter((run) => run.spec.visibility === 'hidden');
    for (const run of hidden) await run.tab.hide();
    const startedAt = Date.now();
    log(
      `2. firing: ${hidden.length} of ${runs.length} tabs hidden; ${CONVERSATIONS} conversations each, ` +
        `every ${ACCEPT_SPACING_MS / 1_000} s`,
    );
    for (let k = 0; k < CONVERSATIONS; k += 1) {
      await sleep(startedAt + FIRST_ACCEPT_MS + k * ACCEPT_SPACING_MS - Date.now());
      // The same moment in every world, so all four tabs face the same deadlines.
      runs.forEach(accept);
    }
    const giveUpAt = Math.max(...runs.map(lastDeadline)) + WAIT_AFTER_LAST_DEADLINE_MS;
    log(
      `2. firing: waiting for ${runs.length * CONVERSATIONS} warnings and wrap-ups ` +
        `(at most ${Math.round((giveUpAt - Date.now()) / 1_000)} s)`,
    );
    let lastProbeCheck = 0;
    for (;;) {
      if (Date.now() >= giveUpAt) break;
      // Wrap-up times are read from the server, so polling only has to be frequent enough to catch the status.
      if (checkWrapups(runs) && Date.now() - lastProbeCheck >= 1_000) {
        lastProbeCheck = Date.now();
        if (await probesPastDeadlines(runs)) break;
      }
      await sleep(100);
    }
    const endAt = Date.now();
    const cells: FiringCell[] = [];
    for (const run of runs) cells.push(await summarise(run, startedAt, endAt));
    return {
      chromium: browser.product,
      timerSec: TIMER_SEC,
      warningSec: WARNING_SEC,
      conversations: CONVERSATIONS,
      firstAcceptSec: FIRST_ACCEPT_MS / 1_000,
      acceptSpacingSec: ACCEPT_SPACING_MS / 1_000,
      cells,
      seconds: (Date.now() - started) / 1_000,
    };
  } finally {
    for (const run of runs) {
      await run.tab.close().catch(() => undefined);
      await run.server.close();
    }
  }
}
