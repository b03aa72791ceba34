/**
 * Ticking cost in Chromium with the real Flex UI (issue 12, item 1): main-thread time per second while N accepted
 * web chats count down in a visible agent tab, for three plugin bundles loaded by the sandbox's plugin loader:
 *
 * - **ours**: the plugin as `npm run build` writes it (copied aside first, so a rebuild elsewhere cannot swap it
 *   mid-run);
 * - **original**: the original design, bench/baseline/plugin/ (one `setInterval` and one `setState` per row,
 *   bench/baseline/OriginalCountdownRow.tsx), built with `flex-plugin build` (bench/browser/originalPlugin.ts);
 * - **Flex alone**: a plugin that registers and does nothing, so the page runs only what Flex runs with N chats.
 *
 * Each round opens the three designs side by side, each in its own window, browser context and sandbox world with
 * N accepted web chats (1 hour timers: nothing falls due, every row counts), waits for Flex's task rows and the
 * design's rows, lets the pages settle, then reads CDP `Performance.getMetrics` of all three at the same moments,
 * WINDOW_MS apart, and closes them. Sampling the three over the same window exposes them to the same load of the
 * machine (the sandbox servers, the other tabs, anything else running); the ratio ours ÷ original is taken within
 * each window. Rounds alternate the order of the chat counts and rotate which design's tab opens first.
 *
 * That is the `loaded` scenario (`npm run bench`): the page opens on N chats, as after a reload, so the original's
 * rows all mount in one commit and their intervals fire back to back. The `acceptedWhileOpen` scenario (the
 * standalone entry's `--accepted-while-open`) opens the page with no chat and then accepts the chats while it is
 * open, as during a working day: each original row then mounts, and ticks, at its own moment.
 *
 * `TaskDuration` is the time the page's main thread spent running tasks (scripts, style, layout, paint, GC), and
 * `ScriptDuration` the part of it spent in JavaScript; the figures are their growth over the window per second.
 * Both are taken in thread time (`Performance.enable` with `timeDomain: 'threadTicks'`): CPU time of the main
 * thread, so a task the OS descheduled on the busy cores does not count longer than the work it did.
 * Our ticker's Worker runs on another thread and is not counted; what it posts to the page is.
 */
import fs from 'fs';
import path from 'path';

import type { Protocol } from 'playwright-core/types/protocol';

import type { SandboxServer } from '../../sandbox/server/main';
import { ROOT } from '../support/child';
import { AgentTab } from './agentTab';
import { Chromium } from './cdp';
import { forEachSample, profiledMsOf, stackThroughScript } from './cpuProfile';
import { emptyPluginBundle, originalPluginBundle } from './originalPlugin';
import { agentDesktop, pluginBundle, sandboxServer } from './sandbox';

export type TickingDesign = 'ours' | 'original' | 'flexAlone';
const TICKING_DESIGNS: readonly TickingDesign[] = ['ours', 'original', 'flexAlone'];

const TICKING_CHATS: readonly number[] = [10, 50];
/** Rounds; each measures all three designs over the same windows, at every chat count. */
const ROUNDS = 3;
/** After every tab shows its rows: the plugin's start-up (history reads, reconciliation) and Flex's own are over. */
const SETTLE_MS = 3_000;
const WINDOW_MS = 8_000;
/** Between two chats accepted while the page is open: not a divisor of a second, so they meet every phase of it. */
const ACCEPT_SPACING_MS = 97;

/** How the chats came: all there when the page opened, or accepted while it was open (see the header). */
export type TickingScenario = 'loaded' | 'acceptedWhileOpen';
const TIMER_SEC = 3_600;
const CONFIG = { timer_sec: TIMER_SEC, warning_sec: 60, warning_message: 'Are you still there?' };

/** Flex's task rows (the same in every design). */
const FLEX_ROW_SELECTOR = '.Twilio-TaskListBaseItem';
/** Each design's countdown rows: our badge (src/components/CountdownBadge.tsx) has a phase, the original's has not. */
const ROW_SELECTORS: Readonly<Record<TickingDesign, string | null>> = {
  ours: '[role="timer"][data-phase]',
  original: '[role="timer"]:not([data-phase])',
  flexAlone: null,
};

/** One design over one window of one round. Durations are ms of main-thread time per second of the window. */
export interface TickingWindow {
  readonly design: TickingDesign;
  readonly chats: number;
  readonly round: number;
  readonly taskMsPerSecond: number;
  readonly scriptMsPerSecond: number;
  readonly layoutMsPerSecond: number;
  readonly styleMsPerSecond: number;
  /** Layouts and style recalculations per second (a commit that changes text leads to both at the next frame). */
  readonly layoutsPerSecond: number;
  readonly styleRecalcsPerSecond: number;
  /** The window's length by the page's own clock (the metrics' Timestamp). */
  readonly windowSeconds: number;
  /** The design's countdown rows on screen, and how many of them showed another text at the end of the window. */
  readonly rows: number;
  readonly rowsChanged: number;
  readonly visibilityAtEnd: string;
}

export interface ChromiumTickingResults {
  readonly chromium: string;
  readonly scenario: TickingScenario;
  readonly chatCounts: readonly number[];
  readonly rounds: number;
  readonly settleMs: number;
  readonly windowMs: number;
  readonly timerSec: number;
  readonly windows: readonly TickingWindow[];
  readonly seconds: number;
}

export type TickingBundles = Readonly<Record<TickingDesign, string>>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The three bundles: ours copied out of build/ (others may rebuild it while the bench runs; the sandbox reads the
 * bundle from disk on every request), the original built or taken from its cache, Flex alone bundled now.
 */
export async function tickingBundles(log: (line: string) => void): Promise<TickingBundles> {
  const built = await pluginBundle(log);
  const ours = path.join(ROOT, '.cache', 'bench', 'ticking-ours', path.basename(built));
  fs.mkdirSync(path.dirname(ours), { recursive: true });
  fs.copyFileSync(built, ours);
  return { ours, original: await originalPluginBundle(log), flexAlone: await emptyPluginBundle() };
}

interface Opened {
  readonly design: TickingDesign;
  readonly server: SandboxServer;
  tab: AgentTab | null;
}

interface Metrics {
  readonly timestamp: number;
  readonly task: number;
  readonly script: number;
  readonly layout: number;
  readonly style: number;
  readonly layouts: number;
  readonly styleRecalcs: number;
}

async function metricsOf(tab: AgentTab): Promise<Metrics> {
  const { metrics } = await tab.send('Performance.getMetrics', {});
  const value = (name: string): number => {
    const found = metrics.find((metric) => metric.name === name);
    if (found === undefined) throw new Error(`Performance.getMetrics has no ${name}`);
    return found.value;
  };
  return {
    timestamp: value('Timestamp'),
    task: value('TaskDuration'),
    script: value('ScriptDuration'),
    layout: value('LayoutDuration'),
    style: value('RecalcStyleDuration'),
    layouts: value('LayoutCount'),
    styleRecalcs: value('RecalcStyleCount'),
  };
}

async function rowTexts(tab: AgentTab, design: TickingDesign): Promise<string[]> {
  const selector = ROW_SELECTORS[design];
  if (selector === null) return [];
  const texts = await tab.evaluate(
    `Array.from(document.querySelectorAll(${JSON.stringify(selector)}), (row) => row.textContent)`,
  );
  return Array.isArray(texts) ? texts.map(String) : [];
}

function readyExpression(design: TickingDesign, chats: number): string {
  const selector = ROW_SELECTORS[design];
  const flexRows =
    `window.__sandbox !== undefined && document.querySelector('.Twilio-RootContainer') !== null && ` +
    `document.querySelectorAll(${JSON.stringify(FLEX_ROW_SELECTOR)}).length >= ${chats}`;
  return selector === null
    ? flexRows
    : `${flexRows} && document.querySelectorAll(${JSON.stringify(selector)}).length >= ${chats}`;
}

/** A sandbox world with `chats` accepted web chats, each on its own customer. */
async function worldWith(bundle: string, agentDir: string, chats: number): Promise<SandboxServer> {
  const server = await sandboxServer(bundle, agentDir, CONFIG);
  for (let i = 0; i < chats; i += 1) {
    server.world.createConversation({ channelType: 'web', customerName: `Customer ${i + 1}`, autoAccept: true });
  }
  return server;
}

const tabOf = (entry: Opened): AgentTab => {
  if (entry.tab === null) throw new Error(`no tab for ${entry.design}`);
  return entry.tab;
};

/** Opens the designs (in this order) side by side on fresh worlds and waits until each shows its rows. */
async function openAll(
  browser: Chromium,
  bundles: TickingBundles,
  agentDir: string,
  designs: readonly TickingDesign[],
  chats: number,
  opened: Opened[],
): Promise<void> {
  for (const design of designs) {
    const entry: Opened = { design, server: await worldWith(bundles[design], agentDir, chats), tab: null };
    opened.push(entry);
    entry.tab = await AgentTab.open(browser, `${entry.server.url}/`, '');
    // Thread time, not wall time: a task the OS descheduled (the cores are shared with the sandbox servers, the
    // other tabs, anything else running) is not counted as longer than the work it did.
    await entry.tab.send('Performance.enable', { timeDomain: 'threadTicks' });
  }
  await Promise.all(
    opened.map((entry) =>
      tabOf(entry).waitFor(readyExpression(entry.design, chats), 90_000, `${chats} rows (${entry.design})`),
    ),
  );
}

async function closeAll(opened: readonly Opened[]): Promise<void> {
  for (const entry of opened) {
    await entry.tab?.close().catch(() => undefined);
    await entry.server.close();
  }
}

/** Reads the metrics of every tab at the same moments, WINDOW_MS apart, and the rows' texts around them. */
async function measureWindow(opened: readonly Opened[], chats: number, round: number): Promise<TickingWindow[]> {
  const textsBefore = await Promise.all(opened.map((entry) => rowTexts(tabOf(entry), entry.design)));
  const before = await Promise.all(opened.map((entry) => metricsOf(tabOf(entry))));
  await sleep(WINDOW_MS);
  const after = await Promise.all(opened.map((entry) => metricsOf(tabOf(entry))));
  const textsAfter = await Promise.all(opened.map((entry) => rowTexts(tabOf(entry), entry.design)));
  const windows: TickingWindow[] = [];
  for (const [i, entry] of opened.entries()) {
    const start = before[i];
    const end = after[i];
    if (start === undefined || end === undefined) throw new Error('metrics missing');
    const seconds = end.timestamp - start.timestamp;
    // The durations are cumulative seconds: ms of them per second of the window. Counts: per second.
    const perSecond = (pick: (metrics: Metrics) => number): number => ((pick(end) - pick(start)) * 1_000) / seconds;
    const countPerSecond = (pick: (metrics: Metrics) => number): number => (pick(end) - pick(start)) / seconds;
    const textStart = textsBefore[i] ?? [];
    const textEnd = textsAfter[i] ?? [];
    windows.push({
      design: entry.design,
      chats,
      round,
      taskMsPerSecond: perSecond((m) => m.task),
      scriptMsPerSecond: perSecond((m) => m.script),
      layoutMsPerSecond: perSecond((m) => m.layout),
      styleMsPerSecond: perSecond((m) => m.style),
      layoutsPerSecond: countPerSecond((m) => m.layouts),
      styleRecalcsPerSecond: countPerSecond((m) => m.styleRecalcs),
      windowSeconds: seconds,
      rows: textEnd.length,
      rowsChanged: textEnd.filter((text, row) => text !== textStart[row]).length,
      visibilityAtEnd: await tabOf(entry).visibility(),
    });
  }
  return windows;
}

/**
 * Accepts chats in every world (the same chat at the same moment in the three) until each has `chats`, one every
 * ACCEPT_SPACING_MS, and waits for every tab to show them.
 */
async function growTo(opened: readonly Opened[], from: number, chats: number): Promise<void> {
  for (let i = from; i < chats; i += 1) {
    if (i > from) await sleep(ACCEPT_SPACING_MS);
    for (const entry of opened) {
      entry.server.world.createConversation({
        channelType: 'web',
        customerName: `Customer ${i + 1}`,
        autoAccept: true,
      });
    }
  }
  await Promise.all(
    opened.map((entry) =>
      tabOf(entry).waitFor(readyExpression(entry.design, chats), 90_000, `${chats} rows (${entry.design})`),
    ),
  );
}

/** Opens the three designs on fresh worlds, measures them at `chats` and at every count in `more`, closes them. */
async function measureTabs(
  browser: Chromium,
  bundles: TickingBundles,
  agentDir: string,
  round: number,
  opening: { readonly chats: number; readonly more: readonly number[] },
  log: (line: string) => void,
): Promise<TickingWindow[]> {
  // Rotate which design opens first (and so gets the quietest start).
  const designs = TICKING_DESIGNS.map((_, i) => TICKING_DESIGNS[(i + round) % TICKING_DESIGNS.length] ?? 'ours');
  const opened: Opened[] = [];
  const windows: TickingWindow[] = [];
  try {
    let startedAt = Date.now();
    await openAll(browser, bundles, agentDir, designs, opening.chats, opened);
    let current = opening.chats;
    for (const chats of opening.more) {
      await sleep(SETTLE_MS);
      startedAt = Date.now();
      await growTo(opened, current, chats);
      current = chats;
      log(
        `round ${round + 1} of ${ROUNDS}: ${chats} chats shown in ${((Date.now() - startedAt) / 1_000).toFixed(1)} s`,
      );
      await sleep(SETTLE_MS);
      windows.push(...(await measureWindow(opened, chats, round)));
    }
    if (opening.more.length === 0) {
      log(
        `round ${round + 1} of ${ROUNDS}: ${current} chats shown in ${((Date.now() - startedAt) / 1_000).toFixed(1)} s`,
      );
      await sleep(SETTLE_MS);
      windows.push(...(await measureWindow(opened, current, round)));
    }
    return windows;
  } finally {
    await closeAll(opened);
  }
}

export async function measureTickingInChromium(
  browser: Chromium,
  bundles: TickingBundles,
  agentDir: string,
  log: (line: string) => void,
  scenario: TickingScenario = 'loaded',
): Promise<ChromiumTickingResults> {
  const started = Date.now();
  const windows: TickingWindow[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    if (scenario === 'acceptedWhileOpen') {
      windows.push(...(await measureTabs(browser, bundles, agentDir, round, { chats: 0, more: TICKING_CHATS }, log)));
      continue;
    }
    // Each count on pages opened on it; the counts' order flips every round.
    const counts = round % 2 === 0 ? TICKING_CHATS : [...TICKING_CHATS].reverse();
    for (const chats of counts) {
      windows.push(...(await measureTabs(browser, bundles, agentDir, round, { chats, more: [] }, log)));
    }
  }
  return {
    chromium: browser.product,
    scenario,
    chatCounts: TICKING_CHATS,
    rounds: ROUNDS,
    settleMs: SETTLE_MS,
    windowMs: WINDOW_MS,
    timerSec: TIMER_SEC,
    windows,
    seconds: (Date.now() - started) / 1_000,
  };
}

/** The whole item with a browser of its own (for `npm run bench` and the standalone entry). */
export async function runTickingInChromium(
  log: (line: string) => void,
  scenario: TickingScenario = 'loaded',
): Promise<ChromiumTickingResults> {
  const bundles = await tickingBundles(log);
  const agentDir = await agentDesktop();
  const browser = await Chromium.launch();
  try {
    return await measureTickingInChromium(browser, bundles, agentDir, log, scenario);
  } finally {
    await browser.close();
  }
}

/** Self time of one function in a CPU profile of the page, over the profiled window. */
export interface ProfileEntry {
  readonly functionName: string;
  readonly url: string;
  readonly line: number;
  readonly column: number;
  readonly selfMs: number;
}

/** Self time per script (and per V8 pseudo-node: program, garbage collector, idle) and the top functions. */
export interface ProfileSummary {
  readonly design: TickingDesign;
  readonly profiledMs: number;
  readonly byScript: ReadonlyArray<{ readonly url: string; readonly selfMs: number }>;
  /**
   * Sampled time with a frame of the design's own bundle anywhere on the stack: its code and everything it calls
   * (React's renders after its setState, the DOM updates of a synchronous commit).
   */
  readonly underPluginMs: number;
  readonly topFunctions: readonly ProfileEntry[];
}

function summariseProfile(
  design: TickingDesign,
  profile: Protocol.Profiler.Profile,
  pluginScript: string,
): ProfileSummary {
  const underPlugin = stackThroughScript(profile, pluginScript);
  const selfMs = new Map<number, number>();
  forEachSample(profile, (node, ms) => selfMs.set(node, (selfMs.get(node) ?? 0) + ms));
  const byFunction = new Map<string, ProfileEntry>();
  const byScript = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (ms === 0) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const script = url === '' ? `(${functionName || 'anonymous'})` : url.replace(/^https?:\/\/[^/]+/, '');
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const key = `${functionName}@${url}:${lineNumber}:${columnNumber}`;
    const known = byFunction.get(key);
    byFunction.set(key, {
      functionName: functionName || '(anonymous)',
      url: script,
      line: lineNumber + 1,
      column: columnNumber + 1,
      selfMs: (known?.selfMs ?? 0) + ms,
    });
  }
  let underPluginMs = 0;
  for (const [id, ms] of selfMs) if (underPlugin(id)) underPluginMs += ms;
  return {
    design,
    profiledMs: profiledMsOf(profile),
    underPluginMs,
    byScript: [...byScript.entries()].map(([url, ms]) => ({ url, selfMs: ms })).sort((a, b) => b.selfMs - a.selfMs),
    topFunctions: [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, 25),
  };
}

/**
 * One extra round at `chats` with V8's sampling profiler on ours and the original (not part of the figures: the
 * profiler costs time itself), for a look at where the main thread's time goes.
 */
export async function profileTicking(
  browser: Chromium,
  bundles: TickingBundles,
  agentDir: string,
  chats: number,
  scenario: TickingScenario,
): Promise<ProfileSummary[]> {
  const designs: TickingDesign[] = ['ours', 'original'];
  const opened: Opened[] = [];
  try {
    await openAll(browser, bundles, agentDir, designs, scenario === 'loaded' ? chats : 0, opened);
    if (scenario === 'acceptedWhileOpen') {
      await sleep(SETTLE_MS);
      await growTo(opened, 0, chats);
    }
    await sleep(SETTLE_MS);
    for (const entry of opened) {
      await tabOf(entry).send('Profiler.enable', {});
      await tabOf(entry).send('Profiler.setSamplingInterval', { interval: 200 });
    }
    await Promise.all(opened.map((entry) => tabOf(entry).send('Profiler.start', {})));
    await sleep(WINDOW_MS);
    const profiles = await Promise.all(opened.map((entry) => tabOf(entry).send('Profiler.stop', {})));
    return opened.map((entry, i) => {
      const profile = profiles[i]?.profile;
      if (profile === undefined) throw new Error('profile missing');
      return summariseProfile(entry.design, profile, path.basename(bundles[entry.design]));
    });
  } finally {
    await closeAll(opened);
  }
}
