import type { AgentPage } from './support/sandboxSession';
import { useSandboxSuite } from './support/sandboxSuite';

/** An init script that runs this page's clock `shiftMs` off Twilio's (the sandbox server keeps the true time). */
function shiftedClock(shiftMs: number): string {
  return `{
    const shift = ${shiftMs};
    const RealDate = Date;
    class ShiftedDate extends RealDate {
      constructor(...args) { if (args.length === 0) super(RealDate.now() + shift); else super(...args); }
      static now() { return RealDate.now() + shift; }
    }
    globalThis.Date = ShiftedDate;
  }`;
}

describe('browser: what an agent meets on an ordinary day (sandbox)', () => {
  const suite = useSandboxSuite();
  const { test } = suite;
  const api = () => suite.session().api;

  /** The agent desktop in a new browser profile (nothing remembered), its clock shifted by `shiftMs`. */
  const openAgent = async (shiftMs = 0): Promise<AgentPage> => {
    const context = await suite.newContext();
    if (shiftMs !== 0) await context.addInitScript(shiftedClock(shiftMs));
    return suite.openAgent(context);
  };

  test("keeps the agent's half-typed reply when the warning is sent", async () => {
    await api().setConfig({ timer_sec: 8, warning_sec: 5, warning_message: 'Still there?' });
    const agent = await openAgent();
    const { conversationSid, taskSid } = await api().createConversation({ channelType: 'web' });
    await api().send(conversationSid, 'customer', 'Hi, I need help with my order.');
    await agent.page.locator(`[data-task-sid="${taskSid}"]`).click();
    const input = agent.page.locator('textarea[data-testid="message-input"]');
    await input.click();
    const draft = 'Let me look up your order, one mom';
    await input.type(draft);
    const sent = await api().waitFor(
      () => api().pluginMessages(conversationSid),
      (messages) => messages.length > 0,
      15_000,
    );
    expect(sent.map((message) => message.body)).toEqual(['Still there?']);
    await agent.page.waitForTimeout(500);
    expect(await input.inputValue()).toBe(draft);
  });

  test('with the PC clock 5 min fast, 5 min slow or 2 h fast on a new profile, a chat gets its full timer', async () => {
    await api().setConfig({ timer_sec: 20, warning_sec: 5 });
    for (const shiftMs of [300_000, -300_000, 7_200_000]) {
      const { conversationSid, taskSid } = await api().createConversation({ channelType: 'web' });
      await api().send(conversationSid, 'customer', 'Hello?');
      const agent = await openAgent(shiftMs);
      const shown = await agent.badgeSeconds(taskSid);
      await agent.page.waitForTimeout(3_000);
      expect({ shiftMs, status: (await api().task(taskSid)).status }).toEqual({ shiftMs, status: 'accepted' });
      expect({ shiftMs, shown: shown >= 10 }).toEqual({ shiftMs, shown: true });
      await agent.page.context().close();
    }
  });

  test('times a chat that arrived while the TaskRouter worker was reconnecting (Flex rebuilt its task list)', async () => {
    await api().setConfig({ timer_sec: 8, warning_sec: 3 });
    const agent = await openAgent();
    const first = await api().createConversation({ channelType: 'web' });
    await agent.badgeSeconds(first.taskSid);
    await api().reconnectWorker({ offlineMs: 3_000 });
    const arrived = await api().createConversation({ channelType: 'sms' });
    const createdAt = Date.now();
    expect(await agent.badgeSeconds(arrived.taskSid, 20_000)).toBeGreaterThan(0);
    const task = await api().waitFor(
      () => api().task(arrived.taskSid),
      (current) => current.status === 'wrapping',
      20_000,
    );
    expect(task.status).toBe('wrapping');
    expect(Date.now() - createdAt).toBeGreaterThan(7_000);
  });

  test('after the admin lengthens the timer mid-chat and the agent reloads, a customer message brings no warning', async () => {
    await api().setConfig({ timer_sec: 30, warning_sec: 10 });
    const agent = await openAgent();
    const { conversationSid, taskSid } = await api().createConversation({ channelType: 'web' });
    await agent.badgeSeconds(taskSid);
    await api().setConfig({ timer_sec: 3_600, warning_sec: 600 });
    await agent.page.reload();
    await agent.badgeSeconds(taskSid);
    await api().send(conversationSid, 'customer', 'Still deciding, one moment');
    await agent.page.waitForTimeout(4_000);
    expect(await api().pluginMessages(conversationSid)).toEqual([]);
    // The new cycle runs wholly under the new settings: an hour.
    expect(await agent.badgeText(taskSid)).toMatch(/^(59:\d{2}|1:00:00)$/);
  });

  test('writes the outcome for Flex Insights only when asked, and never over one another plugin set', async () => {
    await api().setConfig({ timer_sec: 8, warning_sec: 3, report_outcome: 'Customer inactive' });
    const agent = await openAgent();
    const plain = await api().createConversation({ channelType: 'web' });
    const resolved = await api().createConversation({ channelType: 'sms' });
    await agent.badgeSeconds(resolved.taskSid);
    // Another plugin records its own outcome on the second task, as a plugin would, through the task in Flex.
    await agent.page.evaluate(async (taskSid) => {
      type Task = { taskSid: string; attributes: Record<string, unknown>; setAttributes(a: object): Promise<unknown> };
      const flex = (window as unknown as { Twilio: { Flex: { Manager: { getInstance(): unknown } } } }).Twilio.Flex;
      const manager = flex.Manager.getInstance() as {
        store: { getState(): { flex: { worker: { tasks: Map<string, Task> } } } };
      };
      const task = [...manager.store.getState().flex.worker.tasks.values()].find((each) => each.taskSid === taskSid);
      await task?.setAttributes({ ...task.attributes, conversations: { outcome: 'Resolved' } });
    }, resolved.taskSid);
    for (const { taskSid } of [plain, resolved]) await api().waitForStatus(taskSid, 'wrapping', 20_000);
    expect(await api().outcomeAttributes(plain.taskSid)).toMatchObject({
      conversations: { outcome: 'Customer inactive' },
      inactivity: { reason: 'customer_inactive' },
    });
    expect(await api().outcomeAttributes(resolved.taskSid)).toMatchObject({
      conversations: { outcome: 'Resolved' },
      inactivity: { reason: 'customer_inactive' },
    });
  });
});
