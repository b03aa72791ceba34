/**
 * Item 3: start-up with 50 accepted conversations. The sandbox world holds 50 accepted web chats before the agent
 * page opens, each with one customer message written after its acceptance, so reconciling a timer has real work to
 * do (the message restarts the countdown). A world with 1 such conversation is loaded alternately with it, as the
 * baseline.
 *
 * Both ends come from the plugin itself: its `performance.mark`s at the start of `init` and once every conversation
 * found at start-up has been reconciled (src/flex/startupMarks.ts); badges are polled in the DOM. Then, in loads of
 * their own (the profiler slows the page), V8's sampling profiler from the document's creation to the reconciled mark
 * gives the plugin's main-thread work. Every load is a fresh browser context: empty localStorage (no stored timers to
 * restore) and an empty HTTP cache.
 */
import path from 'path';

import type { Protocol } from 'playwright-core/types/protocol';

import type { SandboxServer } from '../../sandbox/server/main';
import { MAX_PARALLEL_READS } from '../../src/engine/reconciliation';
import { INIT_MARK, RECONCILED_MARK } from '../../src/flex/startupMarks';
import { AgentTab } from './agentTab';
import type { Chromium } from './cdp';
import { forEachSample, profiledMsOf, stackThroughScript } from './cpuProfile';
import { instrumentSource, PLUGIN_LOG_PREFIX } from './pageScripts';
import type { StartupLoad, StartupProfile, StartupResults } from './results';
import { sandboxServer } from './sandbox';

const CONVERSATIONS = 50;
const BASELINE_CONVERSATIONS = 1;
/** Timed loads per world, after one discarded warm-up load of each; as many profiled loads. */
const REPETITIONS = 5;
/** The profiler's sampling interval (µs): fine enough for work of a few ms. */
const SAMPLING_INTERVAL_US = 100;
/** Long timers: nothing falls due while the page starts. */
const CONFIG = { timer_sec: 3_600, warning_sec: 60 };
/** The plugin's badge (src/components/CountdownBadge.tsx). */
const BADGE_SELECTOR = '[role="timer"][data-phase]';
const LOAD_TIMEOUT_MS = 90_000;

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

/**
 * Opens the agent page: a tab at about:blank with the instrumentation installed, then (once the Profiler domain is
 * enabled, when profiling) the navigation itself, so the profile can begin with the document.
 */
async function openAgentPage(
  browser: Chromium,
  server: SandboxServer,
  conversations: number,
  profileTitle: string | null,
): Promise<AgentTab> {
  const source = instrumentSource({
    probeIntervalMs: null,
    refuseBlobWorkers: false,
    pluginLogPrefix: PLUGIN_LOG_PREFIX,
    startup: {
      conversations,
      badgeSelector: BADGE_SELECTOR,
      initMark: INIT_MARK,
      reconciledMark: RECONCILED_MARK,
      profileTitle,
    },
  });
  const tab = await AgentTab.open(browser, 'about:blank', source);
  try {
    if (profileTitle !== null) {
      await tab.send('Profiler.enable', {});
      await tab.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    }
    const navigation = await tab.send('Page.navigate', { url: `${server.url}/` });
    if (navigation.errorText !== undefined) throw new Error(`could not open ${server.url}: ${navigation.errorText}`);
    await tab.waitFor(
      'window.__bench !== undefined && window.__bench.milestones.ready !== null',
      LOAD_TIMEOUT_MS,
      `${conversations} badges and the reconciled mark`,
    );
    return tab;
  } catch (error) {
    const seen = await tab.evaluate('JSON.stringify(window.__bench?.milestones ?? null)').catch(() => 'n/a');
    await tab.close();
    throw new Error(`${error instanceof Error ? error.message : String(error)}; the page saw ${String(seen)}`);
  }
}

async function timedLoad(browser: Chromium, server: SandboxServer, conversations: number): Promise<StartupLoad> {
  const tab = await openAgentPage(browser, server, conversations, null);
  try {
    const { milestones } = await tab.record();
    const { firstBadge, allBadges, init, reconciled, ready } = milestones;
    if (init === null || firstBadge === null || allBadges === null || reconciled === null || ready === null) {
      throw new Error(`start-up milestones incomplete: ${JSON.stringify(milestones)}`);
    }
    return { conversations, init, firstBadge, allBadges, reconciled, ready };
  } finally {
    await tab.close();
  }
}

/** V8's pseudo-frames: not JavaScript of the page. */
const NOT_SCRIPT = new Set(['(idle)', '(program)', '(garbage collector)']);

/** Sums the samples of `profile` by where they fall: the plugin's own frames, stacks through it, any script. */
function summariseStartupProfile(
  conversations: number,
  profile: Protocol.Profiler.Profile,
  pluginScript: string,
): StartupProfile {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const isPlugin = (id: number): boolean => nodes.get(id)?.callFrame.url.endsWith(pluginScript) === true;
  const hasPluginFrame = stackThroughScript(profile, pluginScript);
  let pluginSelfMs = 0;
  let underPluginMs = 0;
  let allScriptMs = 0;
  let garbageCollectorMs = 0;
  const byFunction = new Map<string, number>();
  forEachSample(profile, (id, ms) => {
    const frame = nodes.get(id)?.callFrame;
    if (frame === undefined) return;
    if (frame.functionName === '(garbage collector)') garbageCollectorMs += ms;
    if (!NOT_SCRIPT.has(frame.functionName)) allScriptMs += ms;
    if (hasPluginFrame(id)) underPluginMs += ms;
    if (isPlugin(id)) {
      pluginSelfMs += ms;
      const name = `${frame.functionName || '(anonymous)'}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    }
  });
  return {
    conversations,
    profiledMs: profiledMsOf(profile),
    pluginSelfMs,
    underPluginMs,
    allScriptMs,
    garbageCollectorMs,
    topPluginFunctions: [...byFunction.entries()]
      .map(([name, selfMs]) => ({ name, selfMs }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, 10),
  };
}

let profileCount = 0;

async function profiledLoad(
  browser: Chromium,
  server: SandboxServer,
  conversations: number,
  pluginScript: string,
): Promise<StartupProfile> {
  profileCount += 1;
  const title = `conversations-inactivity-startup-${profileCount}`;
  let stopListening: () => void = () => undefined;
  const finished = new Promise<Protocol.Profiler.Profile>((resolve) => {
    stopListening = browser.on('Profiler.consoleProfileFinished', (event) => {
      if (event.title === title) resolve(event.profile);
    });
  });
  try {
    const tab = await openAgentPage(browser, server, conversations, title);
    try {
      const profile = await Promise.race([
        finished,
        sleep(10_000).then(() => Promise.reject(new Error(`no profile "${title}" after the reconciled mark`))),
      ]);
      return summariseStartupProfile(conversations, profile, pluginScript);
    } finally {
      await tab.close();
    }
  } finally {
    stopListening();
  }
}

export async function measureStartup(
  browser: Chromium,
  pluginBundle: string,
  agentDir: string,
  log: (line: string) => void,
): Promise<StartupResults> {
  const started = Date.now();
  const pluginScript = path.basename(pluginBundle);
  const large = await worldWith(pluginBundle, agentDir, CONVERSATIONS);
  const small = await worldWith(pluginBundle, agentDir, BASELINE_CONVERSATIONS).catch(async (error: unknown) => {
    await large.close();
    throw error;
  });
  try {
    log(
      `3. start-up: ${REPETITIONS + 1} timed and ${REPETITIONS} profiled loads each of ${CONVERSATIONS} and ` +
        `${BASELINE_CONVERSATIONS} conversation(s)`,
    );
    const loads: StartupLoad[] = [];
    const profiles: StartupProfile[] = [];
    for (let pair = 0; pair <= REPETITIONS; pair += 1) {
      // The order flips every pair, so neither world always runs first; pair 0 is a discarded warm-up.
      const order: Array<[SandboxServer, number]> = [
        [large, CONVERSATIONS],
        [small, BASELINE_CONVERSATIONS],
      ];
      if (pair % 2 === 1) order.reverse();
      const pairLoads: StartupLoad[] = [];
      for (const [server, count] of order) pairLoads.push(await timedLoad(browser, server, count));
      if (pair === 0) continue;
      loads.push(...pairLoads);
      for (const [server, count] of order) profiles.push(await profiledLoad(browser, server, count, pluginScript));
    }
    return {
      chromium: browser.product,
      conversations: CONVERSATIONS,
      baselineConversations: BASELINE_CONVERSATIONS,
      loads,
      profiles,
      samplingIntervalUs: SAMPLING_INTERVAL_US,
      maxParallelReads: MAX_PARALLEL_READS,
      seconds: (Date.now() - started) / 1_000,
    };
  } finally {
    await large.close();
    await small.close();
  }
}
