/**
 * Benchmark process for item 1 (ticking cost). Run by bench/main.ts as a bundle with React's production profiling
 * build: `node --expose-gc <bundle> <output.json>`. Writes {@link TickingResults} as JSON.
 *
 * On its own (bench/ticking/alone.ts bundles and runs it): `node scripts/run-ts.js bench/ticking/alone.ts` runs the
 * whole item and prints its rows; `--sizes=10,50` limits the every-conversation-counting rows (and skips the
 * half-waiting rows and the busy minute), `--ours-only=N` plays only our badges for N timed runs (for
 * `--cpu-prof`), and BENCH_REPETITIONS sets the repetitions.
 */
import { writeFileSync } from 'fs';

import { runBenchProcess } from './support/benchProcess';

/** The value of `--name=value` among the arguments, if given. */
function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

runBenchProcess('tickingCost <output.json> [--sizes=1,10] [--ours-only=runs]', async (output) => {
  // Imported only now: react-dom checks for a DOM when it is first evaluated.
  const { measureTicking, profileOurs } = await import('./ticking/measure');
  const log = (line: string): void => console.info(line);
  const oursOnly = flag('ours-only');
  const sizes = flag('sizes')?.split(',').map(Number);
  if (oursOnly !== undefined) {
    await profileOurs(sizes ?? [50], Number(oursOnly), log);
    return;
  }
  const repetitions = Number(process.env.BENCH_REPETITIONS ?? 15);
  const results = await measureTicking({
    sizes: sizes ?? [1, 10, 50, 200],
    halfWaitingSizes: sizes === undefined ? [50, 200] : [],
    repetitions,
    busyConversations: sizes === undefined ? 20 : 0,
    log,
  });
  writeFileSync(output, JSON.stringify(results, null, 2));
});
