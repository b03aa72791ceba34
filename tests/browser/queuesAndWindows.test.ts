import { useSandboxSuite } from './support/sandboxSuite';

const DAY_MS = 24 * 60 * 60 * 1_000;

describe('browser: per-queue settings and WhatsApp 24-hour window (sandbox)', () => {
  const suite = useSandboxSuite();
  const { test, openAgent } = suite;
  const api = () => suite.session().api;

  test('closes the chats of two queues with different timers, each at its own time', async () => {
    await api().setConfig({
      timer_sec: 60,
      warnings: [],
      queues: { Sales: { timer_sec: 6 }, Billing: { timer_sec: 12 } },
    });
    const agent = await openAgent();
    const sales = await api().createConversation({ channelType: 'web', queueName: 'Sales' });
    const billing = await api().createConversation({ channelType: 'web', queueName: 'Billing' });
    const createdAt = Date.now();
    expect(await agent.badgeSeconds(sales.taskSid)).toBeLessThanOrEqual(6);
    expect(await agent.badgeSeconds(billing.taskSid)).toBeGreaterThan(6);

    expect((await api().waitForStatus(sales.taskSid, 'wrapping', 15_000)).status).toBe('wrapping');
    expect(Date.now() - createdAt).toBeGreaterThan(5_000);
    expect((await api().task(billing.taskSid)).status).toBe('accepted');

    expect((await api().waitForStatus(billing.taskSid, 'wrapping', 15_000)).status).toBe('wrapping');
    expect(Date.now() - createdAt).toBeGreaterThan(11_000);
    // Each wrap-up records the timer it ran under.
    expect(await api().outcomeAttributes(sales.taskSid)).toMatchObject({ inactivity: { timer_sec: 6 } });
    expect(await api().outcomeAttributes(billing.taskSid)).toMatchObject({ inactivity: { timer_sec: 12 } });
    expect(agent.pageErrors).toEqual([]);
  });

  test("sends no warning or closing message once WhatsApp's window has closed, and still wraps up", async () => {
    // Warning 8 s after acceptance, closing message and wrap-up at 14 s.
    await api().setConfig({ timer_sec: 14, warning_sec: 6, warning_message: 'Still there?', closing_message: 'Bye' });
    const late = await api().createConversation({ channelType: 'whatsapp' });
    const fresh = await api().createConversation({ channelType: 'whatsapp' });
    const acceptedAt = Date.now();
    // The customer's last message is 5 s short of 24 hours old: the window closes before the warning is due, but
    // after the page has loaded, so the plugin has to see it coming.
    const dateCreated = new Date(acceptedAt - DAY_MS + 5_000).toISOString();
    await api().send(late.conversationSid, 'customer', 'Can you check my order?', { dateCreated });
    await api().send(fresh.conversationSid, 'customer', 'Can you check my order?');
    // Opened after the messages, so the agent reads them from the history, as after a reload.
    const agent = await openAgent();
    await agent.badgeText(late.taskSid);

    expect((await api().waitForStatus(late.taskSid, 'wrapping', 25_000)).status).toBe('wrapping');
    expect(Date.now() - acceptedAt).toBeGreaterThan(12_000);
    expect(await api().pluginMessages(late.conversationSid)).toEqual([]);
    expect(await api().outcomeAttributes(late.taskSid)).toMatchObject({
      inactivity: { reason: 'customer_inactive', warnings_sent: 0 },
    });
    // The same chat inside the window gets both messages.
    await api().waitForStatus(fresh.taskSid, 'wrapping', 10_000);
    const sent = await api().pluginMessages(fresh.conversationSid);
    expect(sent.map((message) => message.body)).toEqual(['Still there?', 'Bye']);
    expect(agent.pageErrors).toEqual([]);
  });
});
