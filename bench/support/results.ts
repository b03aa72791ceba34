/** What each benchmark process writes to its JSON output, read back by bench/main.ts to write BENCHMARKS.md. */
import type { Spread } from './stats';

/** One design (ours or the baseline) over a simulated minute. Counts are deterministic; CPU time is not. */
export interface DesignFigures {
  /** Median CPU time of the process per simulated second, over the repetitions. */
  readonly cpuMsPerSecond: number;
  readonly cpuMsSamples: readonly number[];
  readonly commitsPerSecond: number;
  /** Rows whose visible text changed, per second: the work that cannot be avoided. */
  readonly textChangesPerSecond: number;
  /**
   * Rows with any DOM mutation in a tick (a MutationObserver's records), per second: the work done, whether by a
   * React commit or by our badge writing its text without one.
   */
  readonly rowsWrittenPerSecond: number;
  readonly dispatchesPerMinute: number;
  readonly storageWritesPerMinute: number;
}

export interface TickingRow {
  readonly scenario: 'allCounting' | 'halfWaiting';
  readonly conversations: number;
  readonly ours: DesignFigures;
  readonly baseline: DesignFigures;
  /** ours / baseline CPU time of adjacent (interleaved) runs. */
  readonly cpuRatio: Spread;
}

/** A minute with warnings and wrap-ups: dispatches and writes must happen only on ticks where something is due. */
export interface BusyMinute {
  readonly conversations: number;
  readonly ticks: number;
  readonly ticksWithSomethingDue: number;
  readonly quietTicks: number;
  readonly dispatchesOnQuietTicks: number;
  readonly storageWritesOnQuietTicks: number;
  readonly dispatchesOnDueTicks: number;
  readonly storageWritesOnDueTicks: number;
  readonly warningsSent: number;
  readonly wrapups: number;
  readonly commitsPerSecond: number;
  readonly textChangesPerSecond: number;
  /** As {@link DesignFigures.rowsWrittenPerSecond}; rows mounting between ticks are not counted. */
  readonly rowsWrittenPerSecond: number;
}

export interface TickingResults {
  readonly repetitions: number;
  readonly simulatedSeconds: number;
  readonly reactBuild: string;
  readonly rows: readonly TickingRow[];
  readonly busy: BusyMinute;
}

export interface HeapCheckpoint {
  readonly cycles: number;
  readonly heapUsedBytes: number;
}

export interface LeakRun {
  readonly name: string;
  /** Cycles per window; the run is `windows` consecutive windows, the first `warmupWindows` of them a warm-up. */
  readonly cyclesPerWindow: number;
  readonly windows: number;
  readonly warmupWindows: number;
  readonly gcExposed: boolean;
  /** Heap after forced GC at the start and at the end of every window. */
  readonly checkpoints: readonly HeapCheckpoint[];
  /** Heap growth of each window. */
  readonly windowGrowthBytes: readonly number[];
  /** Spread of repeated heap readings with no work in between. */
  readonly idleNoiseBytes: number;
  /** Least-squares growth from the end of the warm-up on, in bytes per cycle. */
  readonly steadyBytesPerCycle: number;
  /** Every live listener/subscription/timer count after the last cycle, and after stop. */
  readonly countsAfterCycles: Readonly<Record<string, number>>;
  readonly countsAfterStop: Readonly<Record<string, number>>;
  /** Highest count of each kind seen at the end of any cycle (should equal the count after the first one). */
  readonly maxCountsBetweenCycles: Readonly<Record<string, number>>;
  readonly warningsSent: number;
  readonly wrapups: number;
  /** Conversations accepted at once after the cycles, counting, to weigh one. */
  readonly heldConversations: number;
  /** Heap while they are held minus the heap before, per conversation. */
  readonly bytesPerHeldConversation: number;
  /** Heap once they are completed minus the heap before they were accepted. */
  readonly bytesLeftAfterRelease: number;
  readonly seconds: number;
}

export interface LeakResults {
  readonly runs: readonly LeakRun[];
}

export interface BundleGroup {
  readonly name: string;
  /** Size of its modules in webpack's stats (after Babel, before minification). */
  readonly webpackSourceBytes: number;
  /** Its share of an esbuild-minified bundle of src/index.ts with the same externals (an estimate of shipped bytes). */
  readonly minifiedBytes: number;
}

export interface BundleResults {
  readonly ours: { readonly file: string; readonly rawBytes: number; readonly gzipBytes: number };
  readonly empty: { readonly file: string; readonly rawBytes: number; readonly gzipBytes: number };
  readonly groups: readonly BundleGroup[];
  readonly externals: readonly string[];
  readonly esbuildTotalBytes: number;
  readonly ceilingBytes: number;
  readonly seconds: number;
}
