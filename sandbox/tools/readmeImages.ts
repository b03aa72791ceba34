/// <reference types="node" />
/**
 * `npm run readme-images`: regenerates readme_images/ from the sandbox (the real Flex UI with the built plugin),
 * so the README's pictures always show the plugin as it is. Needs Chromium (/usr/bin/chromium).
 *
 * - moveToWrapUp.gif: a chat counts down, the customer gets the warning, the task moves to wrap-up.
 * - multiChat.gif: several chats on different channels counting down side by side.
 * - badgeStates.png: the badge counting, warned, paused and waiting for the agent.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';

import { buildAgentDesktop } from '../build/buildAgentDesktop';
import { launchChromium } from '../build/chromium';
import { findRepoRoot } from '../build/repoRoot';
import { startSandboxServer } from '../server/main';
import { GifRecorder } from './gifRecorder';

const ROOT = findRepoRoot();
const OUT_DIR = path.join(ROOT, 'readme_images');
const VIEWPORT = { width: 1100, height: 760 };
const TASK_LIST_CLIP = { x: 50, y: 50, width: 330, height: 330 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small client of the sandbox's automation API. */
function automation(baseUrl: string) {
  const call = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    reset: () => call('POST', '/sandbox/reset'),
    config: (customerInactivity: unknown) => call('PUT', '/sandbox/config', { customerInactivity }),
    chat: (channelType: 'web' | 'sms' | 'whatsapp', customerName: string) =>
      call<{ conversationSid: string; taskSid: string }>('POST', '/sandbox/conversations', {
        channelType,
        customerName,
      }),
    say: (conversationSid: string, from: 'customer' | 'agent', body: string) =>
      call('POST', `/sandbox/conversations/${conversationSid}/messages`, { from, body }),
  };
}

type Automation = ReturnType<typeof automation>;

async function openAgent(browser: Browser, baseUrl: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  await page.goto(`${baseUrl}/`);
  await page
    .locator('.Twilio-TaskListBaseItem, [data-testid="task-list"]')
    .first()
    .waitFor({ timeout: 60_000 })
    .catch(() => undefined);
  return page;
}

/** The task list column, measured from its rows (its width follows the window). */
async function taskListClip(
  page: Page,
  height: number,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const row = await page.locator('.Twilio-TaskListBaseItem').first().boundingBox();
  if (row === null) return { ...TASK_LIST_CLIP, height };
  return { x: Math.max(0, row.x - 4), y: TASK_LIST_CLIP.y, width: row.width + 8, height };
}

const badgesShown = (page: Page, count: number) =>
  page.waitForFunction((n) => document.querySelectorAll('[role="timer"]').length >= n, count, { timeout: 60_000 });

function write(name: string, bytes: Uint8Array | Buffer): void {
  fs.writeFileSync(path.join(OUT_DIR, name), bytes);
  console.info(`readme-images: wrote readme_images/${name} (${(bytes.length / 1024).toFixed(0)} KB)`);
}

async function moveToWrapUp(browser: Browser, baseUrl: string, api: Automation): Promise<void> {
  await api.reset();
  await api.config({
    timer_sec: 12,
    warning_sec: 6,
    warning_message: 'Are you still there? This chat closes in {{remaining}}.',
  });
  const page = await openAgent(browser, baseUrl);
  const chat = await api.chat('web', 'Ada Lovelace');
  await api.say(chat.conversationSid, 'customer', 'Hi, I need help with my order.');
  await badgesShown(page, 1);
  await page.locator(`[data-task-sid="${chat.taskSid}"]`).click();
  await api.say(chat.conversationSid, 'agent', 'Sure, what is your order number?');
  const gif = new GifRecorder(page);
  await gif.record(15_000, 500);
  await gif.frame(2_500);
  write('moveToWrapUp.gif', gif.finish().bytes);
  await page.context().close();
}

async function multiChat(browser: Browser, baseUrl: string, api: Automation): Promise<void> {
  await api.reset();
  await api.config({ timer_sec: 40, warning_sec: 15, channels: { sms: { timer_sec: 30, warning_sec: 10 } } });
  const page = await openAgent(browser, baseUrl);
  const chats = [
    await api.chat('web', 'Ada Lovelace'),
    await api.chat('sms', '+1 555 0100'),
    await api.chat('whatsapp', 'Grace Hopper'),
  ];
  await badgesShown(page, chats.length);
  const gif = new GifRecorder(page, await taskListClip(page, TASK_LIST_CLIP.height));
  await gif.record(6_000, 1_000);
  const second = chats[1];
  if (second !== undefined) await api.say(second.conversationSid, 'customer', 'Still here!');
  await gif.record(10_000, 1_000);
  write('multiChat.gif', gif.finish().bytes);
  await page.context().close();
}

async function badgeStates(browser: Browser, baseUrl: string, api: Automation): Promise<void> {
  await api.reset();
  await api.config({
    timer_sec: 300,
    warning_sec: 290,
    channels: { whatsapp: { start_on: 'agent_reply' }, sms: { timer_sec: 600, warning_sec: 60 } },
  });
  const page = await openAgent(browser, baseUrl);
  await api.chat('sms', 'Counting');
  await api.chat('web', 'Warned');
  const paused = await api.chat('sms', 'Paused');
  await api.chat('whatsapp', 'Waiting for agent');
  await badgesShown(page, 4);
  await page.evaluate(async (conversationSid) => {
    // The sandbox page exposes Flex's Actions through the global Flex sets up for plugins.
    const flex = (
      window as unknown as { Twilio: { Flex: { Actions: { invokeAction(n: string, p: unknown): Promise<unknown> } } } }
    ).Twilio.Flex;
    await flex.Actions.invokeAction('PauseInactivityTimer', { conversationSid });
  }, paused.conversationSid);
  await sleep(12_000);
  write('badgeStates.png', await page.screenshot({ type: 'png', clip: await taskListClip(page, 300) }));
  await page.context().close();
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the plugin build failed');
  const desktop = await buildAgentDesktop({ mode: 'development' });
  const server = await startSandboxServer({
    port: 0,
    pluginBundlePath: path.join(ROOT, 'build', 'plugin-conversations-inactivity.js'),
    agentDir: desktop.outDir,
    log: { info: () => undefined, warn: () => undefined },
  });
  const browser = await launchChromium();
  try {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const api = automation(server.url);
    await moveToWrapUp(browser, server.url, api);
    await multiChat(browser, server.url, api);
    await badgeStates(browser, server.url, api);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
