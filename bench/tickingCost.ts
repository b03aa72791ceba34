/**
 * Benchmark process for item 1 (ticking cost). Run by bench/main.ts as a bundle with React's production profiling
 * build: `node --expose-gc <bundle> <output.json>`. Writes {@link TickingResults} as JSON.
 */
import { writeFileSync } from 'fs';

import { installDom } from './support/dom';

async function main(): Promise<void> {
  const output = process.argv[2];
  if (output === undefined) throw new Error('usage: tickingCost <output.json>');
  installDom();
  // Imported only now: react-dom checks for a DOM when it is first evaluated.
  const { measureTicking } = await import('./ticking/measure');
  const repetitions = Number(process.env.BENCH_REPETITIONS ?? 15);
  const results = await measureTicking({
    sizes: [1, 10, 50, 200],
    halfWaitingSizes: [50, 200],
    repetitions,
    busyConversations: 20,
    log: (line) => console.info(line),
  });
  writeFileSync(output, JSON.stringify(results, null, 2));
}

// React's scheduler holds a MessageChannel port open, which would keep Node alive after the work is done.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
