/**
 * Benchmark process for item 5 (leaks). Run by bench/main.ts as `node --expose-gc <bundle> <output.json>`: without
 * --expose-gc heap readings include uncollected garbage and are reported as such. Writes {@link LeakResults} as JSON.
 */
import { writeFileSync } from 'fs';

import type { LeakResults } from './support/results';
import { runBenchProcess } from './support/benchProcess';

runBenchProcess('leaks <output.json>', async (output) => {
  // Imported only now: react-dom checks for a DOM when it is first evaluated.
  const { measureLeaks } = await import('./leaks/cycles');
  const cyclesPerWindow = Number(process.env.BENCH_LEAK_CYCLES ?? 1_000);
  const results: LeakResults = { runs: await measureLeaks(cyclesPerWindow, (line) => console.info(line)) };
  writeFileSync(output, JSON.stringify(results, null, 2));
});
