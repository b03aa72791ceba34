import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import { taskRowElementsXPath } from '../../../sandbox/browser/agent/taskRowAttributes';
import { launchChromium } from '../../../sandbox/build/chromium';
import { startSandboxServer } from '../../../sandbox/server/main';
import type { SandboxServer } from '../../../sandbox/server/main';
import { pluginBundlePath, REPO_ROOT } from './pluginBundle';
import { SandboxApi } from './sandboxApi';

/** Where failing tests leave their screenshots. */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-results', 'browser');

export interface SessionOptions {
  readonly customerInactivity?: unknown;
}

/** One sandbox server and one browser for a test file; each test starts from `reset()`. */
export class SandboxSession {
  private constructor(
    readonly server: SandboxServer,
    readonly browser: Browser,
    readonly api: SandboxApi,
  ) {}

  static async start(options: SessionOptions = {}): Promise<SandboxSession> {
    const agentDir = process.env.SANDBOX_AGENT_DIR ?? path.join(REPO_ROOT, '.cache', 'sandbox', 'agent');
    const server = await startSandboxServer({
      port: 0,
      pluginBundlePath: pluginBundlePath(),
      agentDir,
      initialCustomerInactivity: options.customerInactivity,
      log: { info: () => undefined, warn: () => undefined },
    });
    // Playwright gives every launch a fresh temporary profile of its own.
    const browser = await launchChromium().catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    return new SandboxSession(server, browser, new SandboxApi(server.url));
  }

  /** A fresh browser context: its own localStorage, like another browser profile. */
  async newContext(): Promise<BrowserContext> {
    return this.browser.newContext({ viewport: { width: 1280, height: 800 } });
  }

  /**
   * Opens the agent desktop (the real Flex UI), with `query` on its URL (e.g. `{ theme: 'dark' }`), and waits until
   * Flex has rendered its shell.
   */
  async openAgent(context: BrowserContext, query: Readonly<Record<string, string>> = {}): Promise<AgentPage> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const search = new URLSearchParams(query).toString();
    await page.goto(`${this.server.url}/${search === '' ? '' : `?${search}`}`);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="task-list"], .Twilio-TaskList, .Twilio-RootContainer') !== null,
      undefined,
      { timeout: 60_000 },
    );
    return new AgentPage(page, errors);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }
}

/** The agent desktop as a test sees it. */
export class AgentPage {
  constructor(
    readonly page: Page,
    readonly pageErrors: string[],
  ) {}

  /**
   * The plugin's badge of task `taskSid`. Flex renders a row's added content as siblings of the row element, and all
   * rows share one parent, so the badge is looked for among that row's own siblings only (taskRowElementsXPath).
   */
  badge(taskSid: string) {
    return this.page.locator(`xpath=${taskRowElementsXPath(taskSid)}/descendant-or-self::*[@role="timer"]`);
  }

  /**
   * Seconds the badge of `taskSid` shows (m:ss), once it shows a countdown: right after a load or a reconnect it
   * shows "…" until the chat history has been read.
   */
  async badgeSeconds(taskSid: string, timeoutMs = 15_000): Promise<number> {
    const until = Date.now() + timeoutMs;
    let text = await this.badgeText(taskSid);
    let match = /(\d+):(\d{2})/.exec(text);
    while (match === null && Date.now() < until) {
      await this.page.waitForTimeout(100);
      text = await this.badgeText(taskSid);
      match = /(\d+):(\d{2})/.exec(text);
    }
    if (match === null) throw new Error(`badge of ${taskSid} shows "${text}", not m:ss`);
    return Number(match[1]) * 60 + Number(match[2]);
  }

  /** Waits until the row of `taskSid` shows a badge, and returns its text. */
  async badgeText(taskSid: string): Promise<string> {
    const badge = this.badge(taskSid);
    await badge.waitFor({ timeout: 30_000 });
    return (await badge.textContent()) ?? '';
  }

  async screenshot(name: string): Promise<void> {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await this.page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
  }
}
