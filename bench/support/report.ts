/**
 * Renders BENCHMARKS.md from the figures of one `npm run bench` run. Every comparison is a ratio of two things
 * measured side by side in that run; nothing here is typed in by hand except the explanations.
 */
import { firingSection, startupSection } from '../browser/report';
import type { ChromiumResults } from '../browser/measure';
import type { ChromiumTickingResults } from '../browser/ticking';
import { tickingInChromiumSection } from '../browser/tickingReport';
import { DEPENDENCY_REASONS } from '../bundleSize';
import type { Machine } from './machine';
import type { BundleResults, LeakResults, LeakRun, TickingResults, TickingRow } from './results';

export interface ReportInput {
  readonly machine: Machine;
  readonly totalSeconds: number;
  readonly ticking: TickingResults;
  /** Section 1's Chromium part: ours, the original design and Flex alone in the real Flex UI. */
  readonly tickingInChromium: ChromiumTickingResults;
  readonly leaks: LeakResults;
  readonly bundle: BundleResults;
  readonly chromium: ChromiumResults;
}

/** Heap growth per cycle under which a run counts as flat: a leaked Set entry with its closure is about this size. */
export const LEAK_THRESHOLD_BYTES_PER_CYCLE = 100;

const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratio = (ours: number, baseline: number): string =>
  baseline === 0 ? (ours === 0 ? '— (0 and 0)' : '∞') : `${fixed(ours / baseline)}×`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const signedKb = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(1)} KB`;
const yes = (ok: boolean): string => (ok ? 'yes' : '**NO**');

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function machineSection({ machine, totalSeconds }: ReportInput): string {
  return [
    '## Machine and command',
    '',
    table(
      ['', ''],
      [
        ['command', '`npm run bench` (bench/main.ts, through scripts/run-ts.js)'],
        ['date', machine.date],
        ['commit', machine.commit],
        ['CPU', `${machine.cpuModel}, ${machine.logicalCores} logical cores`],
        ['memory', `${fixed(machine.memoryGiB, 1)} GiB`],
        ['load average at start (1, 5, 15 min)', machine.loadAverageAtStart.map((load) => fixed(load)).join(', ')],
        ['OS', machine.os],
        ['Node.js', machine.node],
        ['whole run', `${fixed(totalSeconds, 0)} s`],
      ],
    ),
  ].join('\n');
}

function tickingTable(rows: readonly TickingRow[]): string {
  return table(
    [
      'conversations',
      'badge text changes/s',
      'rows written/s ours / original',
      'React commits/s ours / original',
      'CPU ms per simulated s, ours / original',
      'CPU ratio ours ÷ original: median (min–max)',
      'dispatches/min ours / original',
      'storage writes/min ours / original',
    ],
    rows.map((row) => [
      String(row.conversations),
      fixed(row.ours.textChangesPerSecond, 1),
      `${fixed(row.ours.rowsWrittenPerSecond, 1)} / ${fixed(row.baseline.rowsWrittenPerSecond, 1)}`,
      `${fixed(row.ours.commitsPerSecond, 2)} / ${fixed(row.baseline.commitsPerSecond, 2)} (${ratio(row.ours.commitsPerSecond, row.baseline.commitsPerSecond)})`,
      `${fixed(row.ours.cpuMsPerSecond, 3)} / ${fixed(row.baseline.cpuMsPerSecond, 3)}`,
      `**${fixed(row.cpuRatio.median)}×** (${fixed(row.cpuRatio.min)}–${fixed(row.cpuRatio.max)})`,
      `${fixed(row.ours.dispatchesPerMinute, 0)} / ${fixed(row.baseline.dispatchesPerMinute, 0)}`,
      `${fixed(row.ours.storageWritesPerMinute, 0)} / ${fixed(row.baseline.storageWritesPerMinute, 0)} (none by design)`,
    ]),
  );
}

function tickingSection({ ticking, tickingInChromium }: ReportInput): string {
  const allCounting = ticking.rows.filter((row) => row.scenario === 'allCounting');
  const halfWaiting = ticking.rows.filter((row) => row.scenario === 'halfWaiting');
  const quietRows = ticking.rows.every(
    (row) => row.ours.dispatchesPerMinute === 0 && row.ours.storageWritesPerMinute === 0,
  );
  const busy = ticking.busy;
  const quietBusy = busy.dispatchesOnQuietTicks === 0 && busy.storageWritesOnQuietTicks === 0;
  return [
    '## 1. Ticking cost',
    '',
    'N task-list rows rendered with react-dom in jsdom, inside a react-redux Provider, for one simulated minute on a',
    'simulated clock (bench/ticking/measure.tsx). **Ours**: the real `CountdownBadge` on the real ticker',
    '(main-thread mode), with the real runtime (composed by `composeInactivityRuntime` as in Flex: acting engine,',
    'Redux slice, command runner, localStorage timer store) running against the Flex fakes of src/flex/testing in a',
    'single always-leading, visible tab (bench/support/world.ts). **Original**: the baseline built into the',
    'bench, bench/baseline/OriginalCountdownRow.tsx, one `setInterval` per row whose callback decrements a counter',
    'with `setState`, as the original plugin did. Timers are 1 hour long, so nothing falls due: every tick is quiet.',
    '',
    `- Counts (rows whose text changed, rows written, commits from React's Profiler, store dispatches, storage`,
    '  `setItem` calls) come from one counting run per design and are deterministic. **Rows written** counts, per',
    '  tick, the rows with any DOM mutation (a MutationObserver on the list: text, attributes, children), whoever made',
    '  it: our badge writes a new second straight into its text node and renders with React only when its look, its',
    '  label or its row description changes (about once a minute above a minute left, every second in the last',
    "  minute, whose label counts seconds), so React's commits no longer count its work; rows written do, for both",
    '  designs alike. The counting run fails unless every counting row shows another text, and is written, each',
    '  second.',
    `- CPU time is \`process.cpuUsage()\` (user + system) over the ticks only, per simulated second, with`,
    `  ${ticking.repetitions} runs per design after a discarded warm-up pair, ours and original alternating (the`,
    '  order flips every pair); the ratio column is the median (and range) of the ratios of adjacent pairs. Runs of',
    '  fewer than 50 rows play several simulated minutes so every timed run does comparable work.',
    `- React: ${ticking.reactBuild} (the Profiler is mounted only in the counting run, so the timed runs do not pay`,
    '  for per-fiber timing). Both designs get the same event loop between ticks (promises, then one macrotask).',
    '',
    '### Every conversation counting down',
    '',
    tickingTable(allCounting),
    '',
    '### Half the conversations waiting for the agent (`start_on: "agent_reply"` on SMS)',
    '',
    'Nothing counts for a conversation that waits for the agent, so its badge shows "—" and never changes. The',
    'original had no such state: all its rows count down.',
    '',
    tickingTable(halfWaiting),
    '',
    '### A busy minute (ours only)',
    '',
    `35 s timers with a warning 15 s before (the original example), a new conversation accepted every 3 s up to`,
    `${busy.conversations}, badges rendered. Before each tick the planner (\`planCommands\`) says whether anything is`,
    'due at it; dispatches and storage writes are attributed to the tick during which they happen (including the',
    'promises it starts). Acceptances happen between ticks and are not attributed to any tick.',
    '',
    table(
      ['', ''],
      [
        ['ticks', String(busy.ticks)],
        ['ticks with something due / quiet ticks', `${busy.ticksWithSomethingDue} / ${busy.quietTicks}`],
        ['dispatches on quiet ticks', `**${busy.dispatchesOnQuietTicks}**`],
        ['storage writes on quiet ticks', `**${busy.storageWritesOnQuietTicks}**`],
        [
          'dispatches / storage writes on ticks with something due',
          `${busy.dispatchesOnDueTicks} / ${busy.storageWritesOnDueTicks}`,
        ],
        ['warnings sent / wrap-ups', `${busy.warningsSent} / ${busy.wrapups}`],
        [
          'React commits/s / rows written/s / badge text changes/s',
          `${fixed(busy.commitsPerSecond)} / ${fixed(busy.rowsWrittenPerSecond)} / ${fixed(busy.textChangesPerSecond)}`,
        ],
      ],
    ),
    '',
    'Here every timer is in its last minute, whose label counts seconds, so badges render with React each second;',
    "commits exceed text changes as a warning or a wrap-up changes a badge's look (colour, phase) without changing",
    'its text, and a new row mounts (rows written leave out the mounts, which happen between ticks).',
    '',
    '### Against the goal',
    '',
    '- Work per second proportional to the badges whose text changes: rows written/s = text changes/s in every row,',
    '  enforced by the run, which fails otherwise (bench/ticking/measure.tsx).',
    `- Zero storage writes and zero dispatches on ticks where no phase changes (quiet minutes above, and the quiet ticks of the busy minute): ${yes(quietRows && quietBusy)}.`,
    '- CPU per badge update: see the ratio column. Where every badge changes every second, the original commits',
    '  once per row per second; ours derives each badge from its timer and writes the one text node that changed,',
    '  rendering its label, colours and icon again only when they change, and the ratio says what that costs.',
    '',
    tickingInChromiumSection(tickingInChromium, allCounting),
  ].join('\n');
}

function bundleSection({ bundle }: ReportInput): string {
  const overFloor = bundle.ours.rawBytes - bundle.empty.rawBytes;
  const overFloorGzip = bundle.ours.gzipBytes - bundle.empty.gzipBytes;
  const packages = bundle.groups.filter((group) => !group.name.startsWith('src/') && group.name !== 'src/index.ts');
  const ours = bundle.groups.filter((group) => group.name.startsWith('src/'));
  const unjustified = packages.filter((group) => DEPENDENCY_REASONS[group.name] === undefined);
  return [
    '## 4. Bundle',
    '',
    "Both bundles are built in this run by `flex-plugin build` (the toolchain of `npm run build`: this repo's",
    'package.json, tsconfig.json and webpack customizer) in temporary copies of the project with node_modules',
    'symlinked (bench/bundleSize.ts). The floor is an empty plugin: the same `src/index.ts` calling',
    '`FlexPlugin.loadPlugin` with a plugin whose `init` does nothing. gzip is zlib level 9.',
    '',
    table(
      ['bundle', 'raw', 'gzip'],
      [
        [
          `ours (${bundle.ours.file})`,
          `${bundle.ours.rawBytes} B (${kb(bundle.ours.rawBytes)})`,
          `${bundle.ours.gzipBytes} B (${kb(bundle.ours.gzipBytes)})`,
        ],
        [
          'empty plugin (the floor)',
          `${bundle.empty.rawBytes} B (${kb(bundle.empty.rawBytes)})`,
          `${bundle.empty.gzipBytes} B (${kb(bundle.empty.gzipBytes)})`,
        ],
        ['ours over the floor', `${overFloor} B (${kb(overFloor)})`, `${overFloorGzip} B (${kb(overFloorGzip)})`],
        [
          'ours ÷ floor',
          ratio(bundle.ours.rawBytes, bundle.empty.rawBytes),
          ratio(bundle.ours.gzipBytes, bundle.empty.gzipBytes),
        ],
        [
          'CI ceiling (bench/bundleCeiling.ts)',
          `${bundle.ceilingBytes} B (${kb(bundle.ceilingBytes)}): ${bundle.ours.rawBytes <= bundle.ceilingBytes ? 'under' : '**OVER**'}`,
          '',
        ],
      ],
    ),
    '',
    '### What enters the bundle',
    '',
    `Module sizes come from webpack's stats of the build above (after Babel, before minification). The minified`,
    "column is each part's share of an esbuild-minified bundle of `src/index.ts` with the same externals",
    `(${bundle.esbuildTotalBytes} B in all): an estimate, since the shipped bundle is minified by webpack's Terser.`,
    `Left out of the bundle (Flex provides them at run time as globals): ${bundle.externals.map((name) => `\`${name.replace(/^external "?|"$/g, '')}\``).join(', ') || 'none'};`,
    '`@twilio/flex-ui` is only imported for its types.',
    '',
    '**Dependencies** (every package that enters the bundle, with why it earns its bytes):',
    '',
    table(
      ['package', 'webpack module bytes', 'minified (esbuild estimate)', 'why'],
      packages.map((group) => [
        `\`${group.name}\``,
        String(group.webpackSourceBytes),
        String(group.minifiedBytes),
        DEPENDENCY_REASONS[group.name] ??
          '**UNJUSTIFIED: add a reason to DEPENDENCY_REASONS in bench/bundleSize.ts or drop it**',
      ]),
    ),
    '',
    unjustified.length === 0
      ? 'Every dependency in the bundle is justified.'
      : `**${unjustified.length} dependency(ies) without a justification.**`,
    '',
    '**Our code**, by folder:',
    '',
    table(
      ['folder', 'webpack module bytes', 'minified (esbuild estimate)'],
      ours.map((group) => [`\`${group.name}\``, String(group.webpackSourceBytes), String(group.minifiedBytes)]),
    ),
  ].join('\n');
}

function countsLine(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
}

function leakRunSection(run: LeakRun): string {
  const flat = run.steadyBytesPerCycle < LEAK_THRESHOLD_BYTES_PER_CYCLE;
  const stable = Object.entries(run.maxCountsBetweenCycles).every(
    ([key, max]) => max <= (run.countsAfterCycles[key] ?? 0),
  );
  const released = Object.entries(run.countsAfterStop).every(([key, value]) => value === 0 || key === 'domNodes');
  return [
    `### ${run.name}`,
    '',
    table(
      ['cycles', ...run.checkpoints.map((point) => String(point.cycles))],
      [
        ['heap used after GC', ...run.checkpoints.map((point) => kb(point.heapUsedBytes))],
        ['growth in the window', '', ...run.windowGrowthBytes.map(signedKb)],
      ],
    ),
    '',
    `- Growth after the ${run.warmupWindows * run.cyclesPerWindow}-cycle warm-up: **${fixed(run.steadyBytesPerCycle, 1)} B per cycle** (least squares); flat (under ${LEAK_THRESHOLD_BYTES_PER_CYCLE} B/cycle): ${yes(flat)}. Spread of idle heap readings: ${kb(run.idleNoiseBytes)}.${run.gcExposed ? '' : ' **GC was not exposed: readings include garbage.**'}`,
    `- ${run.warningsSent} warnings sent and ${run.wrapups} wrap-ups in ${run.cyclesPerWindow * run.windows} cycles (${fixed(run.seconds, 1)} s).`,
    `- Heap per tracked conversation, ${run.heldConversations} counting at once after the cycles: **${kb(run.bytesPerHeldConversation)}**; left once they were completed: ${signedKb(run.bytesLeftAfterRelease)}.`,
    `- Live counts after the last cycle: ${countsLine(run.countsAfterCycles)}.`,
    `- Highest counts seen after any cycle: ${countsLine(run.maxCountsBetweenCycles)}; never above the final ones: ${yes(stable)}.`,
    `- After stop: ${countsLine(run.countsAfterStop)}; everything released: ${yes(released)}${'domNodes' in run.countsAfterStop ? ' (domNodes counts html, head and body)' : ''}.`,
  ].join('\n');
}

function leaksSection({ leaks }: ReportInput): string {
  const first = leaks.runs[0];
  return [
    '## 5. Leaks',
    '',
    `Accept -> warning -> wrap-up -> complete, ${first === undefined ? 'n' : first.cyclesPerWindow * first.windows} times in a row`,
    `in windows of ${first?.cyclesPerWindow ?? 'n'} cycles, each conversation new (bench/leaks/cycles.tsx), in a process run with`,
    "`node --expose-gc` so every reading follows two forced collections. The first windows are a warm-up: V8's",
    'compiled code and inline caches grow there (a heap-snapshot diff of cycles 2,000 to 4,000 found only V8 code',
    'metadata). What Flex itself would keep of a completed task (the task, its messages) is dropped from the fakes',
    'after each cycle, so only our code is weighed. Counts: Flex task listeners, connection listeners, message',
    'watchers, store and ticker subscriptions (engine and badges apart), visibility listeners, leadership, tab channel',
    'and storage-change subscriptions, scheduled timers, timers in the store and in storage.',
    '',
    leaks.runs.map(leakRunSection).join('\n\n'),
  ].join('\n');
}

function ciSection(): string {
  return [
    '## What CI checks (no timings)',
    '',
    '- `tests/unit/invariants.test.ts` (part of `npm test`): no store dispatch and no storage write on ticks where',
    '  nothing is due, with the engine harness and with the composed runtime and rendered badges; no listener,',
    '  watcher, ticker, store, leadership or tab channel subscription, visibility listener or timer left after a',
    '  task ends and after stop.',
    '- `node scripts/run-ts.js bench/bundleCeiling.ts` after `npm run build`: every `build/plugin-*.js` is under',
    '  the ceiling above.',
  ].join('\n');
}

function caveatsSection(): string {
  return [
    '## Caveats',
    '',
    "- jsdom is not a browser: no layout or paint, and its DOM is slower than a browser's. Both designs pay the",
    '  same DOM, so the ratios are the message, not the milliseconds.',
    '- The two cores are shared and noisy: CPU figures move between runs; the ratio of adjacent pairs moves less.',
    '  Counts do not move at all.',
    '- The original design is rebuilt from its description (one interval and one `setState` per row); its source',
    '  is not reproduced. Like the original, it keeps nothing in a store or in storage (hence its zeros, and why it',
    '  restarted every countdown on reload).',
    '- Items 2 and 3 run in headless Chromium (its new headless mode, the full browser without a display) against',
    '  the local sandbox, whose server shares the two cores with the browser. Their lateness includes the trip to',
    '  that local server, and start-up waits for its answers; a real Twilio backend across the internet would be',
    '  slower. The comparisons between tabs and between worlds compare like with like.',
    "- Background throttling is Chromium's policy of the day: the 60 s grace period and one-a-minute wake-ups were",
    '  observed in this run (the probe column and its gaps), not assumed.',
  ].join('\n');
}

export function renderReport(input: ReportInput): string {
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench`; do not edit by hand. Every comparison below is measured side by side in the same',
    'run and given as a ratio; absolute timings are specific to this machine.',
    '',
    machineSection(input),
    '',
    tickingSection(input),
    '',
    firingSection(input.chromium.firing),
    '',
    startupSection(input.chromium.startup),
    '',
    bundleSection(input),
    '',
    leaksSection(input),
    '',
    ciSection(),
    '',
    caveatsSection(),
    '',
  ].join('\n');
}
