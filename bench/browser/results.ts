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
  readonly pluginInit: number;
  readonly firstBadge: number;
  readonly allBadges: number;
  readonly allReconciled: number;
  readonly ready: number;
}

export interface StartupResults {
  readonly chromium: string;
  /** The larger and the smaller world, loaded alternately. */
  readonly conversations: number;
  readonly baselineConversations: number;
  readonly loads: readonly StartupLoad[];
  readonly seconds: number;
}
