/**
 * Smoke test of the sandbox's agent desktop in a real (headless) Chromium, fully offline: builds the bundle, starts the
 * sandbox server (or uses a running one), waits for the real Flex shell with the plugin, offers a webchat task,
 * accepts it from its row, reads its Interactions participants, wraps it up and completes it, with screenshots.
 *
 *   node scripts/run-ts.js sandbox/build/smoke.ts [--server <running server url>] [--plugin <bundle.js>]
 *                                                 [--shots /tmp/sandbox-smoke] [--production]
 *
 * Prints one PASS/FAIL line per check and `N passed, N failed`; exit code 0 when every check passed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import type * as FlexUi from '@twilio/flex-ui';
import { chromium, type Page } from 'playwright-core';
import { buildAgentDesktop } from './buildAgentDesktop';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { Checks } from './checks';
import { findRepoRoot } from './repoRoot';
import { RESERVATION_SID_ATTRIBUTE, taskRowSelector } from '../browser/agent/taskRowAttributes';
import { startSandboxServer } from '../server/main';

/** Fake media so Flex's getUserMedia checks pass. */
const MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** Console output Flex produces offline that says nothing about the sandbox's correctness. */
const KNOWN_HARMLESS: readonly RegExp[] = [
  /Could not play initial audio/, // autoplay needs a user gesture; headless pages have none
  /Failed to load resource: the server responded with a status of 404/, // assets the server does not fake (sounds)
  // React's development build, when Flex's ChatCanvas unmounts (task completed) before its participant fetch returns.
  /Can't perform a React state update on an unmounted component/,
];

/** The sandbox server's automation routes the smoke test drives. */
interface ControlledServer {
  readonly baseUrl: string;
  /** `/` answers with a redirect that adds the login token. */
  readonly agentPageUrl: string;
  offerWebchatTask(): Promise<{ readonly taskSid: string }>;
}

function sandboxControls(baseUrl: string): ControlledServer {
  return {
    baseUrl,
    agentPageUrl: `${baseUrl}/`,
    offerWebchatTask: async () => {
      const response = await fetch(`${baseUrl}/sandbox/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channelType: 'web', customerName: 'Smoke Customer', autoAccept: false }),
      });
      if (!response.ok)
        throw new Error(`POST /sandbox/conversations: HTTP ${response.status} ${await response.text()}`);
      // Typed boundary: the automation API's documented reply.
      return (await response.json()) as { taskSid: string };
    },
  };
}

/** Runs Flex's Actions framework in the page (Flex puts itself on window.Twilio.Flex). */
async function invokeFlexAction(page: Page, action: string, payload: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    async ([name, body]) => {
      // Typed boundary: the page global Flex defines for plugins.
      const flex = (window as unknown as { Twilio: { Flex: typeof FlexUi } }).Twilio.Flex;
      await flex.Actions.invokeAction(name, body);
    },
    [action, payload] as const,
  );
}

async function taskStatus(page: Page, reservationSid: string): Promise<string | null> {
  return page.evaluate(
    (sid) => window.__sandbox?.manager.store.getState().flex.worker.tasks.get(sid)?.status ?? null,
    reservationSid,
  );
}

async function waitForTaskStatus(page: Page, reservationSid: string, status: string | null): Promise<void> {
  await page.waitForFunction(
    ([sid, wanted]) =>
      (window.__sandbox?.manager.store.getState().flex.worker.tasks.get(sid)?.status ?? null) === wanted,
    [reservationSid, status] as const,
    { timeout: 15_000 },
  );
}

/** Flex's own record of degraded SDK clients, and the banner it shows for them. */
async function expectNoDegradedClient(page: Page): Promise<string> {
  const degradeMap = await page.evaluate(() => window.__sandbox?.manager.store.getState().flex.flexErrors.degradeMap);
  const degraded = Object.entries(degradeMap ?? {}).filter(([, isDegraded]) => isDegraded === true);
  if (degraded.length > 0) throw new Error(`degraded: ${degraded.map(([name]) => name).join(', ')}`);
  if ((await page.getByText('Issues detected').count()) > 0) throw new Error('degraded-mode banner shown');
  return `${Object.keys(degradeMap ?? {}).length} clients healthy`;
}

async function run(server: ControlledServer, shotsDir: string): Promise<Checks> {
  const checks = new Checks();

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-smoke-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...MEDIA_ARGS],
    viewport: { width: 1400, height: 900 },
    permissions: ['notifications'],
  });
  const consoleProblems: string[] = [];
  const offOrigin: string[] = [];
  const notFound = new Set<string>();
  try {
    const page = await context.newPage();
    const origin = new URL(server.baseUrl).origin;
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (!KNOWN_HARMLESS.some((pattern) => pattern.test(text))) consoleProblems.push(text.slice(0, 300));
    });
    page.on('pageerror', (error) => consoleProblems.push(`uncaught: ${error.message.slice(0, 300)}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) offOrigin.push(url);
    });
    page.on('response', (response) => {
      if (response.status() === 404) notFound.add(new URL(response.url()).pathname);
    });
    // The fakes speak HTTP and Server-Sent Events only: any socket means an SDK escaped its replacement.
    page.on('websocket', (socket) => offOrigin.push(`websocket ${socket.url()}`));

    const started = Date.now();
    await page.goto(server.agentPageUrl);
    await checks.step('Flex shell up', async () => {
      await page.waitForFunction(() => window.__sandbox !== undefined, null, { timeout: 60_000 });
      await page.waitForSelector('.Twilio-MainHeader', { timeout: 30_000 });
      // Flex's own plugin loader adds one <script uuid=...> per plugin the server lists.
      const plugins = await page.locator('script[uuid]').count();
      return `Manager.create + render in ${Date.now() - started} ms, ${plugins} plugin script(s) loaded by Flex`;
    });
    await checks.step('no degraded client', async () => {
      await page.waitForTimeout(3_000);
      return expectNoDegradedClient(page);
    });
    await page.screenshot({ path: path.join(shotsDir, '1-shell.png') });

    const offered = await server.offerWebchatTask();
    const row = page.locator(taskRowSelector(offered.taskSid));
    let reservationSid = '';
    await checks.step('incoming task row', async () => {
      await row.waitFor({ timeout: 15_000 });
      reservationSid = (await row.getAttribute(RESERVATION_SID_ATTRIBUTE)) ?? '';
      if (!reservationSid.startsWith('WR')) throw new Error(`row has no ${RESERVATION_SID_ATTRIBUTE}`);
      return `${offered.taskSid} offered as ${reservationSid}, status ${(await taskStatus(page, reservationSid)) ?? '?'}`;
    });
    await page.screenshot({ path: path.join(shotsDir, '2-incoming.png') });

    await checks.step('accept from the row', async () => {
      await row.locator('[data-testid="accept-task"]').click();
      await waitForTaskStatus(page, reservationSid, 'accepted');
      return 'reservation accepted';
    });
    await checks.step('task.getParticipants', async () => {
      const participants = await page.evaluate(async (sid) => {
        const task = window.__sandbox?.manager.store.getState().flex.worker.tasks.get(sid);
        const channelSid: unknown = task?.attributes.flexInteractionChannelSid;
        if (task === undefined || typeof channelSid !== 'string') throw new Error('no CBM task');
        // Typed boundary: ITask.getParticipants is typed loosely in Flex's declarations.
        const list = (await task.getParticipants(channelSid)) as Array<{
          type: string;
          mediaProperties?: { sid?: string };
        }>;
        return list.map((p) => ({ type: p.type, mediaSid: p.mediaProperties?.sid ?? null }));
      }, reservationSid);
      const customer = participants.find((p) => p.type === 'customer');
      if (customer?.mediaSid?.startsWith('MB') !== true)
        throw new Error(`no customer MB sid in ${JSON.stringify(participants)}`);
      return JSON.stringify(participants);
    });
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: path.join(shotsDir, '3-accepted.png') });

    await checks.step('WrapupTask', async () => {
      await invokeFlexAction(page, 'WrapupTask', { sid: reservationSid });
      await waitForTaskStatus(page, reservationSid, 'wrapping');
      return `status ${(await taskStatus(page, reservationSid)) ?? 'gone'}`;
    });
    await page.screenshot({ path: path.join(shotsDir, '4-wrapping.png') });
    await checks.step('CompleteTask', async () => {
      await invokeFlexAction(page, 'CompleteTask', { sid: reservationSid });
      await waitForTaskStatus(page, reservationSid, null);
      await row.waitFor({ state: 'detached', timeout: 10_000 });
      return 'task left the list';
    });
    await page.screenshot({ path: path.join(shotsDir, '5-completed.png') });
    await checks.step('still no degraded client', async () => {
      // Flex's SDK initialisation timeouts are 20 s and more: by now any of them would have fired.
      await page.waitForTimeout(Math.max(0, 25_000 - (Date.now() - started)));
      return expectNoDegradedClient(page);
    });
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  checks.record('no unexpected console errors', consoleProblems.length === 0, consoleProblems.join(' | '));
  console.info(`answered 404 (harmless unless a check failed): ${[...notFound].join(' ') || 'none'}`);
  checks.record('nothing left the origin', offOrigin.length === 0, offOrigin.slice(0, 5).join(' '));
  return checks;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      plugin: { type: 'string' },
      shots: { type: 'string' },
      production: { type: 'boolean' },
    },
  });
  const shotsDir = path.resolve(values.shots ?? path.join(os.tmpdir(), 'sandbox-smoke'));
  fs.mkdirSync(shotsDir, { recursive: true });
  const build = await buildAgentDesktop({ mode: values.production === true ? 'production' : 'development' });
  console.info(`agent desktop ${build.cached ? 'already current' : 'built'} in ${build.ms} ms`);
  const server =
    values.server === undefined
      ? await startSandboxServer({
          port: 0,
          agentDir: build.outDir,
          pluginBundlePath: path.resolve(
            values.plugin ?? path.join(findRepoRoot(), 'build', 'plugin-conversations-inactivity.js'),
          ),
          log: { info: () => undefined, warn: (line: string) => console.warn(line) },
        })
      : null;
  try {
    const checks = await run(sandboxControls(server?.url ?? (values.server ?? '').replace(/\/$/, '')), shotsDir);
    const failed = checks.all.filter((check) => !check.ok).length;
    console.info(`screenshots in ${shotsDir}`);
    console.info(`${checks.all.length - failed} passed, ${failed} failed`);
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    await server?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
