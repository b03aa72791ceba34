/**
 * Item 3: start-up with 50 accepted conversations. The sandbox world holds 50 accepted web chats before the agent
 * page opens, each with one customer message written after its acceptance, so reconciling a timer has real work to
 * do (the message restarts the countdown) and its completion shows in the plugin's Redux slice
 * (`cycleStartIndex` set). A world with 1 such conversation is loaded alternately with it, as the baseline.
 *
 * Measured in the page, on `performance.now()` (0 = navigation start): the plugin's init (its constructor's log line;
 * Flex calls init right after, in the same task), the first badge, all badges, all timers reconciled. Every load is
 * a fresh browser context: empty localStorage (no stored timers to restore) and an empty HTTP cache.
 */
import type { SandboxServer } from '../../sandbox/server/main';
import { INACTIVITY_NAMESPACE } from '../../src/state/inactivitySlice';
import { AgentTab } from './agentTab';
import type { Chromium } from './cdp';
import { instrumentSource, PLUGIN_LOG_PREFIX } from './pageScripts';
import type { StartupLoad, StartupResults } from './results';
import { sandboxServer } from './sandbox';

const CONVERSATIONS = 50;
const BASELINE_CONVERSATIONS = 1;
/** Timed loads per world, after one discarded warm-up load of each. */
const REPETITIONS = 5;
/** Long timers: nothing falls due while the page starts. */
const CONFIG = { timer_sec: 3_600, warning_sec: 60 };
/** The plugin's badge (src/components/CountdownBadge.tsx). */
const BADGE_SELECTOR = '[role="timer"][data-phase]';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A world with `count` accepted conversations, each with a customer message that came after its acceptance. */
async function worldWith(pluginBundle: string, agentDir: string, count: number): Promise<SandboxServer> {
  const server = await sandboxServer(pluginBundle, agentDir, CONFIG);
  const sids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { conversationSid } = server.world.createConversation({
      channelType: 'web',
      customerName: `Customer ${i + 1}`,
      autoAccept: true,
    });
    sids.push(conversationSid);
  }
  // Later than every acceptance, on the millisecond clock the plugin compares them with.
  await sleep(20);
  for (const sid of sids) server.world.sendAs(sid, 'customer', 'Hello? Is anyone there?', {});
  return server;
}

async function load(browser: Chromium, server: SandboxServer, conversations: number): Promise<StartupLoad> {
  const source = instrumentSource({
    probeIntervalMs: null,
    refuseBlobWorkers: false,
    pluginLogPrefix: PLUGIN_LOG_PREFIX,
    startup: { conversations, stateKey: INACTIVITY_NAMESPACE, badgeSelector: BADGE_SELECTOR },
  });
  const tab = await AgentTab.open(browser, `${server.url}/`, source);
  try {
    await tab.waitFor(
      'window.__bench !== undefined && window.__bench.milestones.ready !== null',
      90_000,
      `${conversations} badges and reconciled timers`,
    );
    const record = await tab.record();
    const { firstBadge, allBadges, allReconciled, ready } = record.milestones;
    if (record.pluginInitAt === null || firstBadge === null || allBadges === null || allReconciled === null) {
      throw new Error('start-up milestones incomplete');
    }
    return {
      conversations,
      pluginInit: record.pluginInitAt,
      firstBadge,
      allBadges,
      allReconciled,
      ready: ready ?? Math.max(allBadges, allReconciled),
    };
  } finally {
    await tab.close();
  }
}

export async function measureStartup(
  browser: Chromium,
  pluginBundle: string,
  agentDir: string,
  log: (line: string) => void,
): Promise<StartupResults> {
  const started = Date.now();
  const large = await worldWith(pluginBundle, agentDir, CONVERSATIONS);
  const small = await worldWith(pluginBundle, agentDir, BASELINE_CONVERSATIONS).catch(async (error: unknown) => {
    await large.close();
    throw error;
  });
  try {
    log(`3. start-up: ${REPETITIONS + 1} loads each of ${CONVERSATIONS} and ${BASELINE_CONVERSATIONS} conversation(s)`);
    const loads: StartupLoad[] = [];
    for (let pair = 0; pair <= REPETITIONS; pair += 1) {
      // The order flips every pair, so neither world always runs first; pair 0 is a discarded warm-up.
      const order: Array<[SandboxServer, number]> = [
        [large, CONVERSATIONS],
        [small, BASELINE_CONVERSATIONS],
      ];
      if (pair % 2 === 1) order.reverse();
      const pairLoads: StartupLoad[] = [];
      for (const [server, count] of order) pairLoads.push(await load(browser, server, count));
      if (pair > 0) loads.push(...pairLoads);
    }
    return {
      chromium: browser.product,
      conversations: CONVERSATIONS,
      baselineConversations: BASELINE_CONVERSATIONS,
      loads,
      seconds: (Date.now() - started) / 1_000,
    };
  } finally {
    await large.close();
    await small.close();
  }
}
