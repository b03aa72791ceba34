/**
 * The Chromium part of BENCHMARKS.md's ticking section (issue 12, item 1), from bench/browser/ticking.ts. The ratio
 * ours ÷ original is taken within each round (both measured over the same window) and summarised over the rounds.
 */
import type { Spread } from '../support/stats';
import { median, spreadOf } from '../support/stats';
import type { ChromiumTickingResults, TickingDesign, TickingWindow } from './ticking';

/** The goal: ours at most this many times the original's cost, at 10 and 50 chats, in jsdom and in Chromium. */
const TICKING_GOAL_RATIO = 1.0;

/** The jsdom figure for the same chat count (section 1's "every conversation counting down" table). */
export interface JsdomRatio {
  readonly conversations: number;
  readonly cpuRatio: Spread;
}

const DESIGN_NAMES: Readonly<Record<TickingDesign, string>> = {
  flexAlone: 'Flex alone (empty plugin)',
  original: 'original (bench/baseline/plugin)',
  ours: 'ours (build/)',
};

const fixed = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const spreadText = (spread: Spread, digits = 1): string =>
  `${fixed(spread.median, digits)} (${fixed(spread.min, digits)}–${fixed(spread.max, digits)})`;
const yes = (ok: boolean): string => (ok ? 'yes' : '**NO**');

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

type Metric = 'taskMsPerSecond' | 'scriptMsPerSecond';

/** Per round, `pick(a) op pick(b)` for the two designs' windows of that round. */
function perRound(
  windows: readonly TickingWindow[],
  a: TickingDesign,
  b: TickingDesign,
  combine: (x: TickingWindow, y: TickingWindow) => number,
): number[] {
  const rounds = [...new Set(windows.map((window) => window.round))];
  return rounds.flatMap((round) => {
    const x = windows.find((window) => window.round === round && window.design === a);
    const y = windows.find((window) => window.round === round && window.design === b);
    return x === undefined || y === undefined ? [] : [combine(x, y)];
  });
}

const ratioOf =
  (metric: Metric) =>
  (x: TickingWindow, y: TickingWindow): number =>
    x[metric] / y[metric];
const differenceOf =
  (metric: Metric) =>
  (x: TickingWindow, y: TickingWindow): number =>
    x[metric] - y[metric];

/** The ratios the goal is about, at one chat count. */
function tickingRatios(
  results: ChromiumTickingResults,
  chats: number,
): { task: Spread; script: Spread; oursOverFlex: Spread; originalOverFlex: Spread } {
  const windows = results.windows.filter((window) => window.chats === chats);
  return {
    task: spreadOf(perRound(windows, 'ours', 'original', ratioOf('taskMsPerSecond'))),
    script: spreadOf(perRound(windows, 'ours', 'original', ratioOf('scriptMsPerSecond'))),
    oursOverFlex: spreadOf(perRound(windows, 'ours', 'flexAlone', differenceOf('taskMsPerSecond'))),
    originalOverFlex: spreadOf(perRound(windows, 'original', 'flexAlone', differenceOf('taskMsPerSecond'))),
  };
}

function designRows(results: ChromiumTickingResults): string[][] {
  const order: TickingDesign[] = ['flexAlone', 'original', 'ours'];
  return results.chatCounts.flatMap((chats) =>
    order.map((design) => {
      const windows = results.windows.filter((window) => window.chats === chats && window.design === design);
      const rows = median(windows.map((window) => window.rows));
      const changed = Math.min(...windows.map((window) => window.rowsChanged));
      return [
        String(chats),
        DESIGN_NAMES[design],
        design === 'flexAlone' ? '—' : `${rows} (${changed} changed in every window)`,
        `**${spreadText(spreadOf(windows.map((window) => window.taskMsPerSecond)))}**`,
        spreadText(spreadOf(windows.map((window) => window.scriptMsPerSecond))),
        spreadText(spreadOf(windows.map((window) => window.layoutMsPerSecond + window.styleMsPerSecond))),
        spreadText(spreadOf(windows.map((window) => window.layoutsPerSecond))),
      ];
    }),
  );
}

/** How the tabs were opened and measured, for the scenario of the run. */
function protocol(results: ChromiumTickingResults): string[] {
  const settle = `${fixed(results.settleMs / 1_000, 0)} s`;
  const window = `${fixed(results.windowMs / 1_000, 0)} s`;
  const counts = results.chatCounts.join(' and ');
  const opening =
    results.scenario === 'loaded'
      ? [
          `Each round opens the three side by side, each in its own window, browser context and sandbox world already`,
          `holding the N accepted chats (N = ${counts}, in an order that flips every round), as after a reload: the`,
          "original's rows all mount in the same commit, so their intervals fire back to back, once a second.",
        ]
      : [
          'Each round opens the three side by side, each in its own window, browser context and sandbox world with no',
          `chat, then accepts the chats while the pages are open (one every 97 ms, the same chat at the same moment in`,
          `the three), measuring at N = ${counts}: as during a working day, each original row mounts, and ticks, at its`,
          'own moment of the second.',
        ];
  return [
    ...opening,
    `Once every tab shows its N rows and they settled ${settle}, CDP \`Performance.getMetrics\` of the three is read at the`,
    `same moments, ${window} apart.`,
  ];
}

export function tickingInChromiumSection(results: ChromiumTickingResults, jsdom: readonly JsdomRatio[]): string {
  const perChats = results.chatCounts.map((chats) => ({
    chats,
    ratios: tickingRatios(results, chats),
    jsdomRatio: jsdom.find((row) => row.conversations === chats)?.cpuRatio,
  }));
  const ratioRows = perChats.map(({ chats, ratios, jsdomRatio }) => [
    String(chats),
    `**${spreadText(ratios.task, 2)}×**`,
    `**${spreadText(ratios.script, 2)}×**`,
    `${spreadText(ratios.oursOverFlex)} / ${spreadText(ratios.originalOverFlex)}`,
    jsdomRatio === undefined ? 'n/a' : `${spreadText(jsdomRatio, 2)}×`,
  ]);
  const visibleEverywhere = results.windows.every((window) => window.visibilityAtEnd === 'visible');
  const everyRowCounted = results.windows.every(
    (window) => window.design === 'flexAlone' || (window.rows === window.chats && window.rowsChanged === window.chats),
  );
  const goalLines = perChats.map(({ chats, ratios, jsdomRatio }) => {
    const jsdomText =
      jsdomRatio === undefined
        ? 'jsdom: not measured in this run'
        : `jsdom CPU ${fixed(jsdomRatio.median, 2)}× (${yes(jsdomRatio.median <= TICKING_GOAL_RATIO)})`;
    return (
      `- ${chats} chats: Chromium main thread ${fixed(ratios.task.median, 2)}× ` +
      `(${yes(ratios.task.median <= TICKING_GOAL_RATIO)}; script alone ${fixed(ratios.script.median, 2)}×); ${jsdomText}.`
    );
  });
  return [
    '### In Chromium, with the real Flex UI (visible tab)',
    '',
    `${results.chromium}, the real Flex UI 2.17.1 of the sandbox (production build), a visible agent tab with N`,
    `accepted web chats whose ${results.timerSec / 3_600}-hour timers all count (nothing falls due), bench/browser/ticking.ts.`,
    'Three plugin bundles, each loaded by the sandbox as the plugin (the same loader Flex uses for any plugin):',
    '',
    '- **ours**: the bundle of `npm run build`. Each row shows the countdown with its state (colour and',
    '  `data-phase`: counting, warned, paused, waiting…), an icon and an accessible label filled from a string',
    '  template. The ticker runs in a Worker and posts a tick a second to the page; each badge derives what it',
    "  shows from its timer in the plugin's Redux slice, writes a new second into its text node without a React",
    '  render, and re-renders only when its look, label or row description changes.',
    '- **original**: the original design as a plugin of its own (bench/baseline/plugin/, built with',
    '  `flex-plugin build` like ours: the same Babel and Terser), adding bench/baseline/OriginalCountdownRow.tsx to',
    '  every accepted chat row of `TaskListItem.Content`: one `setInterval` per row and one `setState` per row and',
    '  second, counting down from when the row mounts. It shows the bare `m:ss` text: no state, no icon, no label.',
    '- **Flex alone**: a plugin that registers and does nothing (bench/baseline/plugin/emptyPlugin.ts): what Flex',
    '  itself costs with N chats (its own rows and timers, its connections).',
    '',
    ...protocol(results),
    "**Main thread** is the growth of `TaskDuration` (all the page's main-thread tasks: scripts, style, layout,",
    "paint, GC) per second, **script** that of `ScriptDuration`, both in thread time (`timeDomain: 'threadTicks'`:",
    'CPU time of the main thread, so a task descheduled on the busy cores does not count longer than its work).',
    'Our Worker runs on another thread and is not counted; its messages to the page are. Sampling the three over',
    'the same window exposes them to the same load of the machine; the ratio ours ÷ original is taken within each',
    `window. ${results.rounds} rounds, the design whose tab opens first rotating; figures are median (min–max) over the rounds,`,
    'in ms of main-thread time per second (layouts: per second).',
    '',
    table(
      ['chats', 'design', 'countdown rows', 'main thread ms/s', 'script ms/s', 'style + layout ms/s', 'layouts/s'],
      designRows(results),
    ),
    '',
    table(
      [
        'chats',
        'main thread ours ÷ original',
        'script ours ÷ original',
        'main thread over Flex alone, ours / original (ms/s)',
        'jsdom CPU ours ÷ original (above)',
      ],
      ratioRows,
    ),
    '',
    `Checks: every tab \`visible\` at the end of its window: ${yes(visibleEverywhere)}; every countdown row of ours and`,
    `the original showed another text at the end of each window than at its start: ${yes(everyRowCounted)}.`,
    '',
    `Goal (issue 12): ours at most ${fixed(TICKING_GOAL_RATIO, 1)}× the original at 10 and 50 chats, in jsdom and in Chromium`,
    '(main-thread time), while showing more (state, icon, label); medians of the ratios above:',
    '',
    ...goalLines,
    '',
    'Flex alone is most of what the page spends with N chats; "over Flex alone" is each design minus it in the',
    'same window, a difference of two noisy figures (it can come out negative). Where main-thread time differs more',
    "than script time, the difference is style, layout and paint: how many frames the rows' updates cause (the",
    "layouts column). Ours updates its badges in the one task of its tick; the original's per-row intervals fire at",
    'their own moments, and those that land in different frames cost a style and layout pass each.',
    '',
    `This part took ${fixed(results.seconds, 0)} s of the run.`,
  ].join('\n');
}
