import { AgentPage } from './support/sandboxSession';
import { useSandboxSuite } from './support/sandboxSuite';

/** Short timers: the warning 4 s before an 8 s deadline. */
const SHORT = { timer_sec: 8, warning_sec: 4, warning_message: 'Still there? This chat closes in {{remaining}}.' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('browser: the plugin inside the real Flex UI (sandbox)', () => {
  const suite = useSandboxSuite();
  const { test, newContext, openAgent } = suite;
  const api = () => suite.session().api;

  test('warns the customer at the threshold, live on the customer page, then wraps up through WrapupTask', async () => {
    await api().setConfig(SHORT);
    const agent = await openAgent();
    const { conversationSid, taskSid } = await api().createConversation({
      channelType: 'web',
      customerName: 'Ada',
    });
    const startedAt = Date.now();
    await agent.badgeText(taskSid);
    const customer = await (await newContext()).newPage();
    await customer.goto(`${suite.session().server.url}/customer/${conversationSid}`);
    await customer.getByText('Still there?', { exact: false }).waitFor({ timeout: 15_000 });
    const warnedAfterMs = Date.now() - startedAt;
    expect(warnedAfterMs).toBeGreaterThan(3_000);
    const task = await api().waitForStatus(taskSid, 'wrapping', 15_000);
    expect(task.status).toBe('wrapping');
    expect(Date.now() - startedAt).toBeGreaterThan(7_000);
    const sent = await api().pluginMessages(conversationSid);
    expect(sent.map((message) => message.body)).toEqual([
      expect.stringMatching(/^Still there\? This chat closes in [1-4] seconds?\.$/),
    ]);
    // Why the chat ended is left in the task for reporting, beside the attributes the task was created with.
    expect(await api().outcomeAttributes(taskSid)).toMatchObject({
      conversationSid,
      inactivity: { reason: 'customer_inactive', warnings_sent: 1, timer_sec: 8 },
    });
    expect(agent.pageErrors).toEqual([]);
  });

  test('keeps the countdown across a reload instead of restarting it', async () => {
    await api().setConfig({ timer_sec: 30, warning_sec: 5 });
    const context = await newContext();
    const agent = await openAgent(context);
    const { taskSid } = await api().createConversation({ channelType: 'web' });
    await agent.badgeText(taskSid);
    await sleep(6_000);
    await agent.page.reload();
    const seconds = await agent.badgeSeconds(taskSid);
    expect(seconds).toBeLessThanOrEqual(25);
    expect(seconds).toBeGreaterThan(10);
  });

  test('restarts the countdown from a customer message that arrived during a reload', async () => {
    await api().setConfig({ timer_sec: 20, warning_sec: 5 });
    const context = await newContext();
    const first = await openAgent(context);
    const { conversationSid, taskSid } = await api().createConversation({ channelType: 'web' });
    const acceptedAt = Date.now();
    await first.badgeText(taskSid);
    await sleep(8_000);
    await first.page.close();
    await api().send(conversationSid, 'customer', 'sorry, I am back');
    const sentAt = Date.now();
    await sleep(2_000);
    const second = await openAgent(context);
    const seconds = await second.badgeSeconds(taskSid);
    // Restarted from the message, not continued from acceptance (which leaves at least 8 s less), however long Flex
    // took to load: the margins are measured, not assumed.
    const sinceMessage = (Date.now() - sentAt) / 1_000;
    const sinceAcceptance = (Date.now() - acceptedAt) / 1_000;
    expect(seconds).toBeGreaterThanOrEqual(Math.floor(20 - sinceMessage) - 1);
    expect(seconds).toBeGreaterThan(20 - sinceAcceptance + 4);
  });

  test('wraps up on load a chat whose time ran out while no agent page was open, without a late warning', async () => {
    await api().setConfig({ timer_sec: 5, warning_sec: 2 });
    const { conversationSid, taskSid } = await api().createConversation({ channelType: 'sms' });
    await sleep(7_000);
    await openAgent();
    await api().waitForStatus(taskSid, 'wrapping', 20_000);
    expect((await api().task(taskSid)).status).toBe('wrapping');
    expect(await api().pluginMessages(conversationSid)).toEqual([]);
  });

  test('sends one warning with two agent tabs open', async () => {
    await api().setConfig(SHORT);
    const context = await newContext();
    const [one, two] = [await openAgent(context), await openAgent(context)];
    const { conversationSid, taskSid } = await api().createConversation({ channelType: 'web' });
    await one.badgeText(taskSid);
    await two.badgeText(taskSid);
    await api().waitForStatus(taskSid, 'wrapping', 20_000);
    await sleep(1_000);
    const warnings = (await api().pluginMessages(conversationSid)).filter((m) => m.body.startsWith('Still there?'));
    expect(warnings).toHaveLength(1);
  });

  test('is not reset by the agent, a supervisor or a bot, only by the customer', async () => {
    await api().setConfig({ timer_sec: 10, warning_sec: 3 });
    await openAgent();
    const others = await api().createConversation({ channelType: 'web' });
    const customer = await api().createConversation({ channelType: 'web' });
    const startedAt = Date.now();
    await sleep(5_000);
    for (const from of ['agent', 'supervisor', 'bot'] as const)
      await api().send(others.conversationSid, from, `${from} here`);
    await api().send(customer.conversationSid, 'customer', 'still here');
    await api().waitForStatus(others.taskSid, 'wrapping', 15_000);
    expect(Date.now() - startedAt).toBeLessThan(14_000);
    expect((await api().task(customer.taskSid)).status).toBe('accepted');
  });

  test('applies per-channel overrides: SMS closes sooner than web chat', async () => {
    await api().setConfig({
      timer_sec: 60,
      warning_sec: 10,
      channels: { sms: { timer_sec: 6, warning_sec: 3 } },
    });
    await openAgent();
    const web = await api().createConversation({ channelType: 'web' });
    const sms = await api().createConversation({ channelType: 'sms' });
    await api().waitForStatus(sms.taskSid, 'wrapping', 20_000);
    expect((await api().task(web.taskSid)).status).toBe('accepted');
  });

  test('never wraps up while the connection is down; a customer message sent meanwhile counts after it returns', async () => {
    await api().setConfig({ timer_sec: 8, warning_sec: 2 });
    const agent = await openAgent();
    const { conversationSid, taskSid } = await api().createConversation({ channelType: 'web' });
    await agent.badgeText(taskSid);
    await api().setConnection('disconnected');
    await sleep(6_000);
    await api().send(conversationSid, 'customer', 'are you there?');
    await sleep(4_000);
    expect((await api().task(taskSid)).status).toBe('accepted');
    await api().setConnection('connected');
    await sleep(2_000);
    // The message 6 s into the outage restarted the countdown: about 8 - 6 = 2 s remain, so not yet wrapped up.
    expect((await api().task(taskSid)).status).toBe('accepted');
    await api().waitForStatus(taskSid, 'wrapping', 15_000);
  });

  test('reports a bad configuration in the console without breaking Flex, and runs on defaults', async () => {
    await api().setConfig({ timer_sec: '35', warning_sec: 40 });
    const context = await newContext();
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(`${suite.session().server.url}/`);
    const { taskSid } = await api().createConversation({ channelType: 'web' });
    const agent = new AgentPage(page, []);
    const seconds = await agent.badgeSeconds(taskSid, 60_000);
    expect(seconds).toBeGreaterThanOrEqual(4 * 60);
    expect(seconds).toBeLessThanOrEqual(5 * 60);
    expect(warnings.join('\n')).toContain('customerInactivity.timer_sec ("35") must be a number of seconds');
  });
});
