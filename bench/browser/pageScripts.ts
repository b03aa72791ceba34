/**
 * What the benchmarks install in the agent page before any of its own scripts run (CDP
 * `Page.addScriptToEvaluateOnNewDocument`). `instrumentPage` is sent as source text, so it must be self-contained:
 * no imports, no closures over this module; its options travel as JSON.
 */

/** What @twilio/flex-plugin's FlexPlugin constructor logs for this plugin (src/InactivityPlugin.ts: PLUGIN_NAME). */
export const PLUGIN_LOG_PREFIX = 'loading InactivityPlugin@';

export interface InstrumentOptions {
  /** Period of the plain main-thread `setInterval` probe, or null for none. */
  readonly probeIntervalMs: number | null;
  /**
   * Refuse to construct Workers from blob: URLs. The plugin's ticker (src/runtime/ticker.ts) then gets null from
   * `createTickWorker` and falls back to its main-thread `setInterval`: the same plugin, ticking on the main thread.
   * The ticker's Worker is the only blob Worker the agent page creates (checked: the counts below say so).
   */
  readonly refuseBlobWorkers: boolean;
  /** What @twilio/flex-plugin's FlexPlugin constructor logs ("loading <name>@<version> plugin"). */
  readonly pluginLogPrefix: string;
  /** Watch start-up milestones (badges shown, the plugin's two start-up marks) for this many conversations, or null. */
  readonly startup: {
    readonly conversations: number;
    readonly badgeSelector: string;
    /** The plugin's `performance.mark` names (src/flex/startupMarks.ts). */
    readonly initMark: string;
    readonly reconciledMark: string;
    /**
     * Title of a `console.profile` started as the document is created (before any of the page's own scripts) and
     * ended by `console.profileEnd` inside the plugin's reconciled mark; null for no profile. The CDP session must
     * have the Profiler domain enabled before navigating, to get it as `Profiler.consoleProfileFinished`.
     */
    readonly profileTitle: string | null;
  } | null;
}

/** What the page records, on `window.__bench`. Times from `Date.now()` are epoch ms; `performance.now()` ones say so. */
export interface PageRecord {
  /** `Date.now()` at every firing of the probe. */
  readonly probe: number[];
  /** `[Date.now(), document.visibilityState]` at load and at every visibilitychange. */
  readonly visibility: Array<[number, string]>;
  /** `performance.now()` when the plugin's constructor ran: Flex calls its `init` right after, in the same task. */
  pluginInitAt: number | null;
  workersStarted: number;
  workersRefused: number;
  /** `performance.now()` of start-up milestones (null until reached). */
  readonly milestones: {
    firstBadge: number | null;
    allBadges: number | null;
    /** The plugin's marks: the start of its `init`, every start-up conversation reconciled (their `startTime`). */
    init: number | null;
    reconciled: number | null;
    /** Both of the last two kinds: every badge on screen and the reconciled mark made. */
    ready: number | null;
  };
}

/** Runs in the page (top frame only). Keep it free of references to anything outside its own body. */
export function instrumentPage(options: InstrumentOptions): void {
  if (window !== window.top) return;
  const record: PageRecord = {
    probe: [],
    visibility: [[Date.now(), document.visibilityState]],
    pluginInitAt: null,
    workersStarted: 0,
    workersRefused: 0,
    milestones: { firstBadge: null, allBadges: null, init: null, reconciled: null, ready: null },
  };
  Object.defineProperty(window, '__bench', { value: record });

  document.addEventListener('visibilitychange', () => record.visibility.push([Date.now(), document.visibilityState]));

  if (options.probeIntervalMs !== null) {
    // The baseline: what any page code ticking with a plain main-thread interval gets from the browser.
    setInterval(() => record.probe.push(Date.now()), options.probeIntervalMs);
  }

  // The plugin logs from its constructor; Flex's PluginManager constructs it and calls init() in the same task.
  // eslint-disable-next-line no-console -- wrapping console.log to see that line; the wrapper passes everything on
  const originalLog = console.log;
  // eslint-disable-next-line no-console -- as above
  console.log = function (...args: unknown[]): void {
    const first = args[0];
    if (record.pluginInitAt === null && typeof first === 'string' && first.startsWith(options.pluginLogPrefix)) {
      record.pluginInitAt = performance.now();
    }
    originalLog.apply(console, args);
  };

  // Counts Worker constructions (and refuses blob: ones when asked), keeping `instanceof Worker` working.
  const NativeWorker = window.Worker;
  const CountingWorker = function (this: unknown, url: string | URL, workerOptions?: WorkerOptions): Worker {
    if (options.refuseBlobWorkers && String(url).startsWith('blob:')) {
      record.workersRefused += 1;
      throw new DOMException('blob: Workers are refused by the benchmark', 'SecurityError');
    }
    record.workersStarted += 1;
    return new NativeWorker(url, workerOptions);
  };
  CountingWorker.prototype = NativeWorker.prototype;
  Object.defineProperty(window, 'Worker', { value: CountingWorker, configurable: true, writable: true });

  const startup = options.startup;
  // The initial about:blank of a tab opened for profiling runs this script too; only the agent page counts.
  if (startup === null || !location.protocol.startsWith('http')) return;
  const profileTitle = startup.profileTitle;
  if (profileTitle !== null) {
    // eslint-disable-next-line no-console -- the profile of the page's start-up, read over CDP
    console.profile(profileTitle);
    // Ends the profile inside the plugin's own reconciled mark, so it stops exactly there.
    const nativeMark = performance.mark.bind(performance);
    performance.mark = (...args: Parameters<Performance['mark']>): PerformanceMark => {
      const entry = nativeMark(...args);
      // eslint-disable-next-line no-console -- as above
      if (args[0] === startup.reconciledMark) console.profileEnd(profileTitle);
      return entry;
    };
  }
  const m = record.milestones;
  const noteMark = (entry: PerformanceEntry): void => {
    if (entry.name === startup.initMark) m.init ??= entry.startTime;
    if (entry.name === startup.reconciledMark) m.reconciled ??= entry.startTime;
  };
  // Marks are read as they are made, so a page clearing the timeline later (performance.clearMarks()) loses none.
  new PerformanceObserver((list) => list.getEntries().forEach(noteMark)).observe({ type: 'mark', buffered: true });
  // Polls the DOM for badges every 10 ms (the observer above reads the marks, with their own times); a loop of
  // timeouts rather than an interval so a slow check never queues another behind it.
  const check = (): void => {
    const now = performance.now();
    const badges = document.querySelectorAll(startup.badgeSelector).length;
    if (badges > 0 && m.firstBadge === null) m.firstBadge = now;
    if (badges >= startup.conversations && m.allBadges === null) m.allBadges = now;
    if (m.allBadges !== null && m.reconciled !== null) {
      m.ready = Math.max(m.allBadges, m.reconciled);
      return;
    }
    setTimeout(check, 10);
  };
  check();
}

/** The source to install: `instrumentPage` called with `options`. */
export function instrumentSource(options: InstrumentOptions): string {
  return `(${instrumentPage.toString()})(${JSON.stringify(options)});`;
}
