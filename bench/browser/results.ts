/** What the Chromium benchmarks (items 2 and 3) hand to the report. Times are ms unless a name says otherwise. */

export type TabVisibility = 'visible' | 'hidden';
export type TickerMode = 'worker' | 'main-thread';

/** One agent tab of the firing-accuracy run: a visibility, a ticker mode, its own sandbox world. */
export interface FiringCell {
  readonly visibility: TabVisibility;
  readonly ticker: TickerMode;
  /** How late each warning (its message's dateCreated) came after its deadline. */
  readonly warningLateMs: readonly number[];
  /** How late each wrap-up (the reservation's move to wrapping) came after its deadline. */
  readonly wrapupLateMs: readonly number[];
  /**
   * The plain main-thread `setInterval(…, 1000)` probe running in the same page: for the same deadlines (warnings and
   * wrap-ups), how late its first firing at or after each deadline came.
   */
  readonly probeLateMs: readonly number[];
  /** Deadlines with no warning / wrap-up by the end of the run, and conversations warned more than once. */
  readonly missingWarnings: number;
  readonly missingWrapups: number;
  readonly duplicateWarnings: number;
  /** Worker constructions in the page: the ticker's Worker started, or refused to force main-thread ticking. */
  readonly workersStarted: number;
  readonly workersRefused: number;
  /** `document.visibilityState` asked over CDP after the last deadline was handled (before anything was closed). */
  readonly visibilityAtEnd: string;
  /** Every visibilitychange the page saw since it loaded, as [ms since the tab was hidden (or the run began), state]. */
  readonly visibilityChanges: ReadonlyArray<readonly [number, string]>;
  /** How long the tab had been hidden at the first deadline (null when visible). */
  readonly hiddenMsAtFirstDeadline: number | null;
  /**
   * Longest gap between two probe firings after the tabs were hidden, and how long after hiding the first gap over
   * 10 s began (null when visible): intensive throttling, seen from the page.
   */
  readonly probeMaxGapMs: number;
  readonly probeFirstLongGapAfterHideMs: number | null;
}

export interface FiringResults {
  readonly chromium: string;
  readonly timerSec: number;
  readonly warningSec: number;
  readonly conversations: number;
  readonly firstAcceptSec: number;
  readonly acceptSpacingSec: number;
  readonly cells: readonly FiringCell[];
  readonly seconds: number;
}

/** Start-up of one page load: `performance.now()` milestones (ms since navigation started). */
export interface StartupLoad {
  readonly conversations: number;
  /** The plugin's `conversations-inactivity:init` mark. */
  readonly init: number;
  readonly firstBadge: number;
  readonly allBadges: number;
  /** The plugin's `conversations-inactivity:reconciled` mark. */
  readonly reconciled: number;
  /** Every badge shown and the reconciled mark made. */
  readonly ready: number;
}

/**
 * Main-thread JavaScript of one profiled load, from V8's sampling profiler: from the creation of the document (before
 * any of the page's scripts) to the plugin's reconciled mark. Sums of sample intervals, in ms.
 */
export interface StartupProfile {
  readonly conversations: number;
  /** Length of the profile: document creation to the reconciled mark. */
  readonly profiledMs: number;
  /** Samples whose top frame is in the plugin bundle: the plugin's own code (self time). */
  readonly pluginSelfMs: number;
  /** Samples with a plugin frame anywhere on the stack: its code and everything it calls synchronously. */
  readonly underPluginMs: number;
  /** Samples of any JavaScript of the page (every sample but idle, program and garbage collector). */
  readonly allScriptMs: number;
  /** Samples of V8's garbage collector, whoever allocated. */
  readonly garbageCollectorMs: number;
  /** The plugin's functions with the most self time (names as minified in the bundle). */
  readonly topPluginFunctions: ReadonlyArray<{ readonly name: string; readonly selfMs: number }>;
}

export interface StartupResults {
  readonly chromium: string;
  /** The larger and the smaller world, loaded alternately. */
  readonly conversations: number;
  readonly baselineConversations: number;
  readonly loads: readonly StartupLoad[];
  /** One profiled load of each world after each pair of timed loads; the profiler slows the page, so apart. */
  readonly profiles: readonly StartupProfile[];
  readonly samplingIntervalUs: number;
  /** History reads in flight at once (src/engine/reconciliation.ts: MAX_PARALLEL_READS). */
  readonly maxParallelReads: number;
  readonly seconds: number;
}
