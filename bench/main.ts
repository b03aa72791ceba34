/**
 * `npm run bench`: runs every benchmark and writes BENCHMARKS.md at the repo root. Ticking cost and leaks run in
 * their own Node processes (React's production profiling build, --expose-gc, a fresh heap each); the bundle builds
 * and the Chromium items (2 and 3, and item 1's Chromium part: the plugin in the real Flex UI of the offline sandbox)
 * run from here, one after the other, so no two measurements share the cores.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { measureInChromium } from './browser/measure';
import { runTickingInChromium } from './browser/ticking';
import { measureBundle } from './bundleSize';
import { ROOT, bundleBenchEntry, runBundle } from './support/child';
import { describeMachine } from './support/machine';
import { renderReport } from './support/report';
import type { LeakResults, TickingResults } from './support/results';

function log(line: string): void {
  console.info(`[bench] ${line}`);
}

/** Runs a benchmark entry in its own process and reads back the JSON it writes. */
async function runInChild<T>(entry: string, outputDir: string): Promise<T> {
  const bundle = await bundleBenchEntry(entry);
  const output = path.join(outputDir, `${path.basename(entry, '.ts')}.json`);
  await runBundle(bundle, [output]);
  // The child wrote what the matching type in results.ts describes.
  return JSON.parse(fs.readFileSync(output, 'utf8')) as T;
}

async function main(): Promise<void> {
  const started = Date.now();
  const machine = describeMachine();
  const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-bench-'));
  try {
    log('1. ticking cost (jsdom, simulated clock)');
    const ticking = await runInChild<TickingResults>('bench/tickingCost.ts', outputDir);
    log('5. leaks (1,000-cycle windows)');
    const leaks = await runInChild<LeakResults>('bench/leaks.ts', outputDir);
    log('2. and 3. firing accuracy and start-up (Chromium, offline Flex sandbox)');
    const chromium = await measureInChromium(log);
    log('1. ticking cost in Chromium (the real Flex UI: ours, the original design, Flex alone)');
    const tickingInChromium = await runTickingInChromium(log);
    log(`1. ticking cost in Chromium done in ${tickingInChromium.seconds.toFixed(0)} s`);
    log('4. bundle size (two flex-plugin builds)');
    const bundle = await measureBundle(log);
    const totalSeconds = (Date.now() - started) / 1_000;
    const report = renderReport({ machine, totalSeconds, ticking, tickingInChromium, leaks, bundle, chromium });
    fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), report);
    log(`BENCHMARKS.md written in ${totalSeconds.toFixed(0)} s`);
  } finally {
    fs.rmSync(outputDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
