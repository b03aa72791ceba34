import type { AgentPage } from './support/sandboxSession';
import { useSandboxSuite } from './support/sandboxSuite';

describe('browser: a chat whose transfer is pending (sandbox)', () => {
  const suite = useSandboxSuite();
  const { test, openAgent } = suite;
  const api = () => suite.session().api;

  const ariaLabel = async (agent: AgentPage, taskSid: string): Promise<string> =>
    (await agent.badge(taskSid).getAttribute('aria-label')) ?? '';

  test('holds the countdown while the transfer is pending, says so, and leaves the chat to the agent who takes it', async () => {
    await api().setConfig({ timer_sec: 8, warning_sec: 4, warning_message: 'Still there?' });
    const agent = await openAgent();
    const { conversationSid, taskSid } = await api().createConversation({ channelType: 'web' });
    expect(await agent.badgeSeconds(taskSid)).toBeGreaterThan(5);
    await api().startTransfer(taskSid, 'Billing');
    await agent.badge(taskSid).filter({ hasText: '⇄' }).waitFor({ timeout: 5_000 });
    expect(await ariaLabel(agent, taskSid)).toMatch(/on hold while a transfer is pending/);
    // Well past the 8 s deadline: nothing is sent, the task is still the agent's.
    await agent.page.waitForTimeout(10_000);
    expect((await api().task(taskSid)).status).toBe('accepted');
    expect(await api().pluginMessages(conversationSid)).toEqual([]);
    await agent.screenshot('transfer-pending');
    await api().acceptTransfer(taskSid);
    const moved = await api().waitForStatus(taskSid, 'wrapping', 5_000);
    expect(moved.status).toBe('wrapping');
    await agent.page.waitForTimeout(2_000);
    expect(await api().pluginMessages(conversationSid)).toEqual([]);
    // Not an inactivity wrap-up: the plugin records nothing on the task.
    expect(moved.attributes).not.toHaveProperty('inactivity');
  });

  test('goes on from the time it held when the transfer fails, once Flex has read the failure', async () => {
    await api().setConfig({ timer_sec: 12, warning_sec: 4, warning_message: 'Still there?' });
    const agent = await openAgent();
    const { conversationSid, taskSid } = await api().createConversation({ channelType: 'web' });
    expect(await agent.badgeSeconds(taskSid)).toBeGreaterThan(8);
    await api().startTransfer(taskSid);
    await agent.badge(taskSid).filter({ hasText: '⇄' }).waitFor({ timeout: 5_000 });
    const held = await agent.badgeSeconds(taskSid);
    await agent.page.waitForTimeout(14_000);
    expect(await api().pluginMessages(conversationSid)).toEqual([]);
    await api().failTransfer(taskSid);
    // Flex reads a chat's transfers when it loads the chat: a reload shows the failure.
    await agent.page.reload();
    const resumedAt = Date.now();
    const shown = await agent.badgeSeconds(taskSid, 30_000);
    expect(Math.abs(shown - held)).toBeLessThanOrEqual(2);
    const warned = await api().waitFor(
      () => api().pluginMessages(conversationSid),
      (messages) => messages.length > 0,
      held * 1_000 + 5_000,
    );
    expect(warned.map((message) => message.body)).toEqual(['Still there?']);
    const task = await api().waitForStatus(taskSid, 'wrapping', 15_000);
    expect(task.status).toBe('wrapping');
    expect(Date.now() - resumedAt).toBeGreaterThan((held - 3) * 1_000);
  });
});
