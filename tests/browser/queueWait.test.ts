import type { AgentPage } from './support/sandboxSession';
import type { NewConversation } from './support/sandboxApi';
import { useSandboxSuite } from './support/sandboxSuite';

/** Long enough that a countdown started at the task's creation, 60 s before the offer, is plainly wrong. */
const TIMER = { timer_sec: 40, warning_sec: 30, warning_message: 'Still there?' };
const QUEUE_WAIT_SEC = 60;

describe('browser: a chat that waited in the queue, on a new profile with a correct clock (sandbox)', () => {
  const suite = useSandboxSuite();
  const { test } = suite;
  const api = () => suite.session().api;

  /** A web chat whose task waited `QUEUE_WAIT_SEC` in the queue before it was offered (and accepted at once). */
  const createQueuedChat = async (): Promise<NewConversation & { acceptedAt: number }> => {
    const response = await fetch(`${api().baseUrl}/sandbox/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channelType: 'web', queueWaitSec: QUEUE_WAIT_SEC }),
    });
    if (response.status !== 201) throw new Error(`POST /sandbox/conversations -> ${response.status}`);
    return { ...((await response.json()) as NewConversation), acceptedAt: Date.now() };
  };

  /**
   * Seconds after the acceptance the chat is still open and unwarned, and its badge shows the full timer less the
   * time since the acceptance (to within a second or two of rounding and polling).
   */
  const expectFullTimer = async (agent: AgentPage, chat: Awaited<ReturnType<typeof createQueuedChat>>) => {
    expect((await api().task(chat.taskSid)).status).toBe('accepted');
    expect(await api().pluginMessages(chat.conversationSid)).toEqual([]);
    const shown = await agent.badgeSeconds(chat.taskSid);
    const elapsedSec = (Date.now() - chat.acceptedAt) / 1_000;
    expect(shown).toBeGreaterThanOrEqual(Math.floor(TIMER.timer_sec - elapsedSec) - 2);
    expect(shown).toBeLessThanOrEqual(TIMER.timer_sec);
  };

  test('a chat accepted live gets its full timer, not the timer less its queue wait', async () => {
    await api().setConfig(TIMER);
    const agent = await suite.openAgent();
    const chat = await createQueuedChat();
    await agent.badgeSeconds(chat.taskSid);
    await agent.page.waitForTimeout(3_000);
    await expectFullTimer(agent, chat);
  });

  test('a chat accepted just before the page loaded gets its full timer, not the timer less its queue wait', async () => {
    await api().setConfig(TIMER);
    const chat = await createQueuedChat();
    const agent = await suite.openAgent();
    await agent.badgeSeconds(chat.taskSid);
    await agent.page.waitForTimeout(2_000);
    await expectFullTimer(agent, chat);
  });
});
