import type { InactivityRuntime } from '../engine/inactivityRuntime';

/** User-timing mark at the very start of `InactivityPlugin.init` (Chrome DevTools: Performance panel, Timings). */
export const INIT_MARK = 'conversations-inactivity:init';
/** User-timing mark once every conversation found at start-up has been reconciled with its history (or failed to). */
export const RECONCILED_MARK = 'conversations-inactivity:reconciled';

/** The plugin's start-up marks, in the order they happen. */
export type StartupMarkName = typeof INIT_MARK | typeof RECONCILED_MARK;

/** Where the start-up marks go: the page's `performance` in Flex, a list in tests. */
export interface StartupMarks {
  mark(name: StartupMarkName): void;
}

/** The page's user timing; nothing where `performance.mark` is missing (old browsers, some test environments). */
export function performanceMarks(
  performance: Partial<Pick<Performance, 'mark'>> | undefined = globalThis.performance,
): StartupMarks {
  return {
    mark(name) {
      if (typeof performance?.mark !== 'function') return;
      try {
        performance.mark(name);
      } catch {
        // A mark is a measurement aid: never let it break the plugin's start.
      }
    },
  };
}

/**
 * Marks {@link RECONCILED_MARK} once, when `runtime` says its start-up conversations are reconciled; nothing once the
 * returned function has been called (the runtime was stopped first).
 */
export function markWhenStartupReconciled(
  runtime: Pick<InactivityRuntime, 'whenStartupReconciled'>,
  marks: StartupMarks,
): () => void {
  let cancelled = false;
  void runtime.whenStartupReconciled().then(() => {
    if (!cancelled) marks.mark(RECONCILED_MARK);
  });
  return () => {
    cancelled = true;
  };
}
