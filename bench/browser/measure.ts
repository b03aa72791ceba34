/**
 * Items 2 and 3 of `npm run bench`: the plugin inside the real Flex UI (the offline sandbox) in Debian's Chromium.
 * One browser for both; item 2 first, then item 3, never at the same time.
 */
import { Chromium } from './cdp';
import { measureFiring } from './firing';
import type { FiringResults, StartupResults } from './results';
import { agentDesktop, pluginBundle } from './sandbox';
import { measureStartup } from './startup';

export interface ChromiumResults {
  readonly firing: FiringResults;
  readonly startup: StartupResults;
}

export async function measureInChromium(log: (line: string) => void): Promise<ChromiumResults> {
  const bundle = await pluginBundle(log);
  const agentDir = await agentDesktop();
  const browser = await Chromium.launch();
  try {
    const firing = await measureFiring(browser, bundle, agentDir, log);
    log(`2. firing accuracy done in ${firing.seconds.toFixed(0)} s`);
    const startup = await measureStartup(browser, bundle, agentDir, log);
    log(`3. start-up done in ${startup.seconds.toFixed(0)} s`);
    return { firing, startup };
  } finally {
    await browser.close();
  }
}
