/**
 * One agent desktop (the real Flex UI from the sandbox) in a tab of its own window and its own browser context, so
 * each tab has its own localStorage and Web Locks: every tab is the plugin's leader of its own sandbox world.
 */
import type { Protocol } from 'playwright-core/types/protocol';

import type { CdpMethod, Chromium } from './cdp';
import type { PageRecord } from './pageScripts';

/** The browser tests' window size. Flex keeps every task row in the DOM at this size (the start-up bench counts 50). */
const WINDOW = { width: 1280, height: 800 };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class AgentTab {
  /** The blank tab put in front of this one by `hide()`, if any. */
  private cover: string | null = null;

  private constructor(
    private readonly browser: Chromium,
    private readonly browserContextId: string,
    private readonly targetId: string,
    private readonly sessionId: string,
  ) {}

  /**
   * Opens `url` in a new window of a new browser context, with `initScript` run before the page's own scripts.
   * Resolves once navigation has started; wait for what you need with `waitFor`.
   */
  static async open(browser: Chromium, url: string, initScript: string): Promise<AgentTab> {
    const { browserContextId } = await browser.send('Target.createBrowserContext', {});
    const { targetId } = await browser.send('Target.createTarget', {
      url: 'about:blank',
      browserContextId,
      newWindow: true,
      ...WINDOW,
    });
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
    const tab = new AgentTab(browser, browserContextId, targetId, sessionId);
    await browser.send('Page.enable', {}, sessionId);
    await browser.send('Page.addScriptToEvaluateOnNewDocument', { source: initScript }, sessionId);
    const navigation = await browser.send('Page.navigate', { url }, sessionId);
    if (navigation.errorText !== undefined) throw new Error(`could not open ${url}: ${navigation.errorText}`);
    return tab;
  }

  /** Sends a CDP command to this tab's page (e.g. `Performance.getMetrics`, `Profiler.start`). */
  send<M extends CdpMethod>(
    method: M,
    params: Protocol.CommandParameters[M],
  ): Promise<Protocol.CommandReturnValues[M]> {
    return this.browser.send(method, params, this.sessionId);
  }

  /** Evaluates `expression` in the page (awaiting a promise it returns) and returns its value as JSON would carry it. */
  async evaluate(expression: string): Promise<unknown> {
    const reply = await this.browser.send(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true },
      this.sessionId,
    );
    if (reply.exceptionDetails !== undefined) {
      throw new Error(`page threw: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
    }
    const value: unknown = reply.result.value;
    return value;
  }

  /** Polls `expression` every 100 ms until it is truthy; throws after `timeoutMs`. */
  async waitFor(expression: string, timeoutMs: number, what: string): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      // Before the page's first script ran (navigation pending) evaluation may fail: keep polling.
      if (await this.evaluate(expression).catch(() => false)) return;
      await sleep(100);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  }

  /** `document.visibilityState` right now. */
  async visibility(): Promise<string> {
    return String(await this.evaluate('document.visibilityState'));
  }

  /** What the instrumentation recorded (see pageScripts.ts). */
  async record(): Promise<PageRecord> {
    // instrumentPage put a PageRecord there; returnByValue carries it over as plain JSON.
    return (await this.evaluate('window.__bench')) as PageRecord;
  }

  /**
   * Hides this tab the way a user does: a new tab opens in front of it in the same window. Checks that the page
   * says `hidden` and returns when it did.
   */
  async hide(): Promise<void> {
    const { targetId } = await this.browser.send('Target.createTarget', {
      url: 'about:blank',
      browserContextId: this.browserContextId,
      newWindow: false,
    });
    this.cover = targetId;
    await this.waitFor('document.visibilityState === "hidden"', 5_000, 'the tab to become hidden');
  }

  /** Closes the window and the browser context (its storage goes with it). */
  async close(): Promise<void> {
    await this.browser.send('Target.closeTarget', { targetId: this.targetId }).catch(() => undefined);
    if (this.cover !== null)
      await this.browser.send('Target.closeTarget', { targetId: this.cover }).catch(() => undefined);
    await this.browser.send('Target.disposeBrowserContext', { browserContextId: this.browserContextId });
  }
}
