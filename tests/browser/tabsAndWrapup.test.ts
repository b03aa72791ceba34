import type { BrowserContext } from 'playwright-core';

import { withScreenshots } from './support/failureScreenshots';
import type { AgentPage } from './support/sandboxSession';
import { SandboxSession } from './support/sandboxSession';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Invokes one of the plugin's Flex actions in a page, as another plugin or a control would. */
async function invokeTimerAction(agent: AgentPage, action: string, conversationSid: string): Promise<void> {
  await agent.page.evaluate(
    async ([name, sid]) => {
      const flex = (
        window as unknown as { Twilio: { Flex: { Actions: { invokeAction(n: string, p: object): Promise<unknown> } } } }
      ).Twilio.Flex;
      await flex.Actions.invokeAction(name as string, { conversationSid: sid });
    },
    [action, conversationSid],
  );
}

describe('browser: one acting tab, and a wrap-up in flight (sandbox)', () => {
  let session: SandboxSession;
  let contexts: BrowserContext[] = [];
  let pages: AgentPage[] = [];

  beforeAll(async () => {
    session = await SandboxSession.start();
  });

  afterAll(async () => {
    await session?.close();
  });

  beforeEach(async () => {
    await session.api.reset();
  });

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    pages = [];
  });

  const openTwoTabs = async (): Promise<[AgentPage, AgentPage]> => {
    const context = await session.newContext();
    contexts.push(context);
    const acting = await session.openAgent(context);
    pages.push(acting);
    // The first tab holds the Web Lock: give it time to be granted before the second tab queues behind it.
    await sleep(1_000);
    const other = await session.openAgent(context);
    pages.push(other);
    return [acting, other];
  };

  const test = (name: string, body: () => Promise<void>) => it(name, () => withScreenshots(name, () => pages, body));

  test('a pause made in the tab that does not act holds the countdown in every tab', async () => {
    await session.api.setConfig({ timer_sec: 6, warning_sec: 3, warning_message: 'Still there?' });
    const [acting, other] = await openTwoTabs();
    const { conversationSid, taskSid } = await session.api.createConversation({ channelType: 'web' });
    await acting.badgeSeconds(taskSid);
    await other.badgeSeconds(taskSid);
    await invokeTimerAction(other, 'PauseInactivityTimer', conversationSid);
    await sleep(1_500);
    const shown = [await acting.badgeText(taskSid), await other.badgeText(taskSid)];
    await sleep(8_000);
    expect((await session.api.task(taskSid)).status).toBe('accepted');
    expect(await session.api.pluginMessages(conversationSid)).toEqual([]);
    expect([await acting.badgeText(taskSid), await other.badgeText(taskSid)]).toEqual(shown);
    expect(shown[0]).toBe(shown[1]);
  });

  test('the tab that takes over keeps an extension made a moment before the acting tab closed', async () => {
    await session.api.setConfig({ timer_sec: 5, warning_sec: 2, extend_sec: 60 });
    const [acting, other] = await openTwoTabs();
    const { conversationSid, taskSid } = await session.api.createConversation({ channelType: 'web' });
    await other.badgeSeconds(taskSid);
    await invokeTimerAction(acting, 'ExtendInactivityTimer', conversationSid);
    await session.api.waitFor(
      () => other.badgeSeconds(taskSid),
      (seconds) => seconds > 30,
      5_000,
    );
    await acting.page.close();
    await sleep(6_000);
    expect((await session.api.task(taskSid)).status).toBe('accepted');
    expect(await other.badgeSeconds(taskSid)).toBeGreaterThan(45);
  });

  test('the tab that takes over keeps an extension asked for in it while another tab acted', async () => {
    await session.api.setConfig({ timer_sec: 5, warning_sec: 2, extend_sec: 60 });
    const [acting, other] = await openTwoTabs();
    const { conversationSid, taskSid } = await session.api.createConversation({ channelType: 'web' });
    await other.badgeSeconds(taskSid);
    await invokeTimerAction(other, 'ExtendInactivityTimer', conversationSid);
    await session.api.waitFor(
      () => other.badgeSeconds(taskSid),
      (seconds) => seconds > 30,
      5_000,
    );
    await acting.page.close();
    await sleep(6_000);
    expect((await session.api.task(taskSid)).status).toBe('accepted');
    expect(await other.badgeSeconds(taskSid)).toBeGreaterThan(45);
  });

  test('a customer message during a wrap-up that fails restarts the countdown instead of being dropped', async () => {
    await session.api.setConfig({ timer_sec: 10, warning_sec: 3 });
    const context = await session.newContext();
    contexts.push(context);
    const agent = await session.openAgent(context);
    pages.push(agent);
    const { conversationSid, taskSid } = await session.api.createConversation({ channelType: 'web' });
    const startedAt = Date.now();
    // Flex gives up on the Interactions request after 5 s: hold it 4 s.
    await session.api.fault({ taskSid, action: 'wrapup', outcome: 'hang', delayMs: 4_000 });
    await agent.badgeSeconds(taskSid);
    // The wrap-up is asked at 10 s and fails at 14 s; the customer writes at 12 s.
    await sleep(12_000 - (Date.now() - startedAt));
    await session.api.send(conversationSid, 'customer', 'sorry, still here');
    await sleep(19_500 - (Date.now() - startedAt));
    // Restarted from 12 s: the deadline is 22 s. Dropping the message would have wrapped up by about 17 s.
    expect((await session.api.task(taskSid)).status).toBe('accepted');
    const task = await session.api.waitFor(
      () => session.api.task(taskSid),
      (current) => current.status === 'wrapping',
      15_000,
    );
    expect(task.status).toBe('wrapping');
    expect(Date.now() - startedAt).toBeGreaterThan(21_000);
  });
});
