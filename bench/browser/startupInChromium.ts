/**
 * The start-up bench on its own (`npm run bench` runs it too, as section 3):
 *
 *   node scripts/run-ts.js bench/browser/startupInChromium.ts   every load, every profile, and the BENCHMARKS.md section
 *
 * Builds the plugin bundle first when it is missing or older than src/.
 */
import { Chromium } from './cdp';
import { startupSection } from './report';
import { agentDesktop, pluginBundle } from './sandbox';
import { measureStartup } from './startup';

function log(line: string): void {
  console.info(`[startup] ${line}`);
}

const fixed = (value: number, width: number): string => value.toFixed(1).padStart(width);

async function main(): Promise<void> {
  const bundle = await pluginBundle(log);
  log(`bundle: ${bundle}`);
  const agentDir = await agentDesktop();
  const browser = await Chromium.launch();
  try {
    const results = await measureStartup(browser, bundle, agentDir, log);
    console.info('\nchats  navigation→init  init→first badge  init→all badges  init→reconciled  init→ready  (ms)');
    for (const load of results.loads) {
      console.info(
        `${String(load.conversations).padStart(5)}  ${fixed(load.init, 15)}  ${fixed(load.firstBadge - load.init, 16)}  ` +
          `${fixed(load.allBadges - load.init, 15)}  ${fixed(load.reconciled - load.init, 15)}  ${fixed(load.ready - load.init, 10)}`,
      );
    }
    console.info(
      '\nchats  plugin self  through plugin  all page JS  GC  profiled  (ms)  top plugin functions (self ms)',
    );
    for (const profile of results.profiles) {
      const top = profile.topPluginFunctions
        .slice(0, 4)
        .map((entry) => `${entry.name} ${entry.selfMs.toFixed(1)}`)
        .join(', ');
      console.info(
        `${String(profile.conversations).padStart(5)}  ${fixed(profile.pluginSelfMs, 11)}  ${fixed(profile.underPluginMs, 14)}  ` +
          `${fixed(profile.allScriptMs, 11)}  ${fixed(profile.garbageCollectorMs, 4)}  ${fixed(profile.profiledMs, 8)}  ${top}`,
      );
    }
    console.info(`\n${startupSection(results)}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
