/**
 * Item 1's jsdom part on its own, in its own process with React's production profiling build as `npm run bench`
 * runs it:
 *
 *   node scripts/run-ts.js bench/ticking/alone.ts                  every row, as in BENCHMARKS.md section 1
 *   node scripts/run-ts.js bench/ticking/alone.ts --sizes=10,50    only those every-conversation-counting rows
 *   node scripts/run-ts.js bench/ticking/alone.ts --ours-only=20 --sizes=50 --cpu-prof
 *                                                                  our badges only, 20 timed runs, profiled into
 *                                                                  .cache/bench/profiles/ (open in Chrome DevTools)
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { ROOT, bundleBenchEntry, runBundle } from '../support/child';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const profile = args.includes('--cpu-prof');
  const passed = args.filter((arg) => arg !== '--cpu-prof');
  const bundle = await bundleBenchEntry('bench/tickingCost.ts');
  const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-ticking-'));
  const profileDir = path.join(ROOT, '.cache', 'bench', 'profiles');
  const nodeFlags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  try {
    await runBundle(bundle, [path.join(outputDir, 'ticking.json'), ...passed], nodeFlags);
    if (profile) console.info(`profile written to ${profileDir}`);
  } finally {
    fs.rmSync(outputDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
