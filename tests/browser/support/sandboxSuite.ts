import type { BrowserContext } from 'playwright-core';

import { withScreenshots } from './failureScreenshots';
import type { AgentPage } from './sandboxSession';
import { SandboxSession } from './sandboxSession';

/** What a browser test file gets from {@link useSandboxSuite}. */
export interface SandboxSuite {
  /** The file's sandbox server and browser (set once `beforeAll` has run). */
  session(): SandboxSession;
  /** A fresh browser context (a new profile), closed after the test. */
  newContext(): Promise<BrowserContext>;
  /**
   * The agent desktop in `context`, or in a new profile, with `query` on its URL (e.g. `{ theme: 'dark' }`);
   * screenshotted if the test fails.
   */
  openAgent(context?: BrowserContext, query?: Readonly<Record<string, string>>): Promise<AgentPage>;
  /** `it`, with a screenshot of every agent page the test opened when it fails. */
  test(name: string, body: () => Promise<void>): void;
}

/**
 * One sandbox and one browser for the test file; every test starts from a reset sandbox and its browser contexts
 * are closed after it. Call inside `describe`.
 */
export function useSandboxSuite(): SandboxSuite {
  let session: SandboxSession | undefined;
  let contexts: BrowserContext[] = [];
  let pages: AgentPage[] = [];

  const current = (): SandboxSession => {
    if (session === undefined) throw new Error('the sandbox is not started (use the suite inside a test)');
    return session;
  };

  beforeAll(async () => {
    session = await SandboxSession.start();
  });

  afterAll(async () => {
    await session?.close();
  });

  beforeEach(async () => {
    await current().api.reset();
  });

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    pages = [];
  });

  const newContext = async (): Promise<BrowserContext> => {
    const context = await current().newContext();
    contexts.push(context);
    return context;
  };

  return {
    session: current,
    newContext,
    async openAgent(context, query) {
      const page = await current().openAgent(context ?? (await newContext()), query);
      pages.push(page);
      return page;
    },
    test: (name, body) => it(name, () => withScreenshots(name, () => pages, body)),
  };
}
