/**
 * The ticking bench in Chromium on its own (`npm run bench` runs it too, as part of section 1):
 *
 *   node scripts/run-ts.js bench/browser/tickingInChromium.ts            the figures and the BENCHMARKS.md section
 *   node scripts/run-ts.js bench/browser/tickingInChromium.ts --profile  also one profiled round at 50 chats: self
 *                                                                        time per script and the top functions
 *   ... --accepted-while-open   the chats are accepted while the page is open (one every 97 ms), not loaded with it
 *
 * The section printed here has no jsdom column figures (those come from section 1's own run).
 */
import { agentDesktop } from './sandbox';
import { Chromium } from './cdp';
import type { ProfileSummary, TickingScenario } from './ticking';
import { measureTickingInChromium, profileTicking, tickingBundles } from './ticking';
import { tickingInChromiumSection } from './tickingReport';

const PROFILE_CHATS = 50;

function log(line: string): void {
  console.info(`[ticking-chromium] ${line}`);
}

function printProfile(summary: ProfileSummary): void {
  const total = summary.byScript.reduce((sum, entry) => sum + entry.selfMs, 0);
  console.info(`\n${summary.design}: ${summary.profiledMs.toFixed(0)} ms profiled, ${total.toFixed(0)} ms of samples`);
  console.info(`  ${summary.underPluginMs.toFixed(1).padStart(8)} ms  with the plugin's own bundle on the stack`);
  for (const entry of summary.byScript.slice(0, 12)) {
    console.info(`  ${entry.selfMs.toFixed(1).padStart(8)} ms  ${entry.url}`);
  }
  console.info('  top functions by self time:');
  for (const entry of summary.topFunctions.slice(0, 20)) {
    console.info(
      `  ${entry.selfMs.toFixed(1).padStart(8)} ms  ${entry.functionName}  ${entry.url}:${entry.line}:${entry.column}`,
    );
  }
}

async function main(): Promise<void> {
  const profile = process.argv.includes('--profile');
  const scenario: TickingScenario = process.argv.includes('--accepted-while-open') ? 'acceptedWhileOpen' : 'loaded';
  const bundles = await tickingBundles(log);
  log(
    `bundles: ${Object.entries(bundles)
      .map(([design, file]) => `${design} ${file}`)
      .join(', ')}`,
  );
  const agentDir = await agentDesktop();
  const browser = await Chromium.launch();
  try {
    const results = await measureTickingInChromium(browser, bundles, agentDir, log, scenario);
    console.info(
      '\nround  chats  design      main thread ms/s  script ms/s  style+layout ms/s  layouts/s  rows changed',
    );
    for (const w of results.windows) {
      console.info(
        `${String(w.round).padStart(5)}  ${String(w.chats).padStart(5)}  ${w.design.padEnd(10)}  ` +
          `${w.taskMsPerSecond.toFixed(1).padStart(16)}  ${w.scriptMsPerSecond.toFixed(1).padStart(11)}  ` +
          `${(w.layoutMsPerSecond + w.styleMsPerSecond).toFixed(1).padStart(17)}  ${w.layoutsPerSecond.toFixed(1).padStart(9)}  ` +
          `${w.rowsChanged}/${w.rows}  ${w.visibilityAtEnd}`,
      );
    }
    console.info(`\n${tickingInChromiumSection(results, [])}\n`);
    if (profile) {
      log(`profiling one more round at ${PROFILE_CHATS} chats (not part of the figures above)`);
      for (const summary of await profileTicking(browser, bundles, agentDir, PROFILE_CHATS, scenario))
        printProfile(summary);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
