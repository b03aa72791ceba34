import type { AgentPage } from './support/sandboxSession';
import { useSandboxSuite } from './support/sandboxSuite';

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
  const suite = useSandboxSuite();
  const { test, openAgent } = suite;
  const api = () => suite.session().api;

  const openTwoTabs = async (): Promise<[AgentPage, AgentPage]> => {
    const context = await suite.newContext();
    const acting = await openAgent(context);
    // The first tab holds the Web Lock: give it time to be granted before the second tab queues behind it.
    await sleep(1_000);
    return [acting, await openAgent(context)];
  };

  test('a pause made in the tab that does not act holds the countdown in every tab', async () => {
    await api().setConfig({ timer_sec: 6, warning_sec: 3, warning_message: 'Still there?' });
    const [acting, other] = await openTwoTabs();
    const { conversationSid, taskSid } = await api().createConversation({ channelType: 'web' });
    await acting.badgeSeconds(taskSid);
    await other.badgeSeconds(taskSid);
    await invokeTimerAction(other, 'PauseInactivityTimer', conversationSid);
    await sleep(1_500);
    const shown = [await acting.badgeText(taskSid), await other.badgeText(taskSid)];
    await sleep(8_000);
    expect((await api().task(taskSid)).status).toBe('accepted');
    expect(await api().pluginMessages(conversationSid)).toEqual([]);
    expect([await acting.badgeText(taskSid), await other.badgeText(taskSid)]).toEqual(shown);
    expect(shown[0]).toBe(shown[1]);
  });

  describe.each([
    ['made a moment before the acting tab closed', 'acting'],
    ['asked for in it while another tab acted', 'other'],
  ] as const)('the tab that takes over keeps an extension %s', (_when, where) => {
    test('and counts on from it', async () => {
      await api().setConfig({ timer_sec: 5, warning_sec: 2, extend_sec: 60 });
      const [acting, other] = await openTwoTabs();
      const { conversationSid, taskSid } = await api().createConversation({ channelType: 'web' });
      await other.badgeSeconds(taskSid);
      await invokeTimerAction(where === 'acting' ? acting : other, 'ExtendInactivityTimer', conversationSid);
      await api().waitFor(
        () => other.badgeSeconds(taskSid),
        (seconds) => seconds > 30,
        5_000,
      );
      await acting.page.close();
      await sleep(6_000);
      expect((await api().task(taskSid)).status).toBe('accepted');
      expect(await other.badgeSeconds(taskSid)).toBeGreaterThan(45);
    });
  });

  test('a customer message during a wrap-up that fails restarts the countdown instead of being dropped', async () => {
    await api().setConfig({ timer_sec: 10, warning_sec: 3 });
    const agent = await openAgent();
    const { conversationSid, taskSid } = await api().createConversation({ channelType: 'web' });
    const startedAt = Date.now();
    // Flex gives up on the Interactions request after 5 s: hold it 4 s.
    await api().fault({ taskSid, action: 'wrapup', outcome: 'hang', delayMs: 4_000 });
    await agent.badgeSeconds(taskSid);
    // The wrap-up is asked at 10 s and fails at 14 s; the customer writes at 12 s.
    await sleep(12_000 - (Date.now() - startedAt));
    await api().send(conversationSid, 'customer', 'sorry, still here');
    await sleep(19_500 - (Date.now() - startedAt));
    // Restarted from 12 s: the deadline is 22 s. Dropping the message would have wrapped up by about 17 s.
    expect((await api().task(taskSid)).status).toBe('accepted');
    const task = await api().waitFor(
      () => api().task(taskSid),
      (current) => current.status === 'wrapping',
      15_000,
    );
    expect(task.status).toBe('wrapping');
    expect(Date.now() - startedAt).toBeGreaterThan(21_000);
  });
});
