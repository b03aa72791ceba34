import type { AgentPage } from './support/sandboxSession';
import { useSandboxSuite } from './support/sandboxSuite';
import type { AxeFinding } from './support/accessibility';
import { composite, contrastRatio, countByRule, isSerious, runAxe } from './support/accessibility';

/**
 * One chat per badge look, each in its own queue so each gets its own timer: counting, warned, the last 10 s (kept
 * urgent past its deadline by a held wrap-up), paused (by the agent, from the keyboard), waiting for the agent
 * (start_on agent_reply) and a pending transfer.
 */
const CONFIG = {
  timer_sec: 900,
  warning_sec: 60,
  warning_message: 'Still there?',
  queues: {
    Warned: { timer_sec: 900, warning_sec: 897 },
    Urgent: { timer_sec: 40, warning_sec: 35 },
    Waiting: { start_on: 'agent_reply' },
  },
};

type Chat = { readonly taskSid: string; readonly conversationSid: string };

describe('browser: accessibility of the badge and the controls (axe-core, sandbox)', () => {
  const suite = useSandboxSuite();
  const { test } = suite;
  const api = () => suite.session().api;

  const report = (label: string, findings: readonly AxeFinding[]): void => {
    const plugin = findings.filter((finding) => finding.plugin);
    const flex = findings.filter((finding) => !finding.plugin);
    // Flex's own findings are reported, not failed.
    console.info(
      `[axe ${label}] plugin: ${JSON.stringify(countByRule(plugin))}\n` +
        `[axe ${label}] flex: ${JSON.stringify(countByRule(flex))}\n` +
        plugin
          .map((finding) => `  ${finding.rule} ${finding.impact ?? ''} ${finding.target}: ${finding.summary}`)
          .join('\n'),
    );
  };

  /** Tabs from the page body until the focus reaches `name`'s button of the header controls; false after 60 tabs. */
  const tabTo = async (agent: AgentPage, name: RegExp): Promise<boolean> => {
    for (let step = 0; step < 60; step += 1) {
      await agent.page.keyboard.press('Tab');
      const focused = await agent.page.evaluate(() => {
        const active = document.activeElement;
        if (active === null || active.closest('[data-compact]') === null) return '';
        return `${active.getAttribute('title') ?? ''} ${active.textContent ?? ''}`;
      });
      if (name.test(focused)) return true;
    }
    return false;
  };

  /** Contrast of each badge's text against its own background (over the row's), per look. */
  const badgeContrasts = (
    agent: AgentPage,
  ): Promise<Array<{ look: string; text: string; fill: string; row: string }>> =>
    agent.page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-look]'), (pill) => {
        const style = getComputedStyle(pill);
        let row: Element | null = pill.parentElement;
        while (row !== null && !row.matches('.Twilio-TaskListBaseItem')) row = row.nextElementSibling;
        return {
          look: pill.getAttribute('data-look') ?? '',
          text: style.color,
          fill: style.backgroundColor,
          row: row === null ? 'rgb(255, 255, 255)' : getComputedStyle(row).backgroundColor,
        };
      }),
    );

  test('every badge look, a pending transfer and the header controls: no serious finding in the plugin, light and dark', async () => {
    await api().setConfig(CONFIG);
    const context = await suite.newContext();
    const light = await suite.openAgent(context);
    // Wide enough for the header controls' full labels (the dark page below keeps 1280 px: the compact toggle).
    await light.page.setViewportSize({ width: 1920, height: 1000 });
    const create = (queueName: string): Promise<Chat> =>
      api().createConversation({ channelType: 'web', customerName: `${queueName} customer`, queueName });
    const chats = {
      Everyone: await create('Everyone'),
      Warned: await create('Warned'),
      Paused: await create('Paused'),
      Waiting: await create('Waiting'),
      Transfer: await create('Transfer'),
      Urgent: await create('Urgent'),
    };
    await api().fault({ taskSid: chats.Urgent.taskSid, action: 'wrapup', outcome: 'hang', delayMs: 120_000 });
    await api().startTransfer(chats.Transfer.taskSid);
    for (const chat of Object.values(chats)) await light.badgeText(chat.taskSid);

    // Pause from the keyboard: select the chat, then Tab to the pause control and press Enter.
    await light.page.locator(`[data-task-sid="${chats.Paused.taskSid}"]`).click();
    expect(await tabTo(light, /Pause/)).toBe(true);
    const ring = await light.page.evaluate(() => {
      const style = getComputedStyle(document.activeElement ?? document.body);
      return { outline: `${style.outlineStyle} ${style.outlineWidth}`, shadow: style.boxShadow };
    });
    console.info(`[focus ring] ${JSON.stringify(ring)}`);
    expect(ring.outline.startsWith('none') && ring.shadow === 'none').toBe(false);
    await light.page.keyboard.press('Enter');
    await light
      .badge(chats.Paused.taskSid)
      .and(light.page.locator('[data-phase="paused"]'))
      .waitFor({ timeout: 5_000 });

    const dark = await suite.openAgent(context, { theme: 'dark' });
    for (const chat of Object.values(chats)) await dark.badgeText(chat.taskSid);
    await dark.page.locator(`[data-task-sid="${chats.Paused.taskSid}"]`).click();

    // The urgent chat: within its last 10 s (then held at 0:00 by the hanging wrap-up, still urgent).
    const urgentSeconds = await light.badgeSeconds(chats.Urgent.taskSid);
    await light.page.waitForTimeout(Math.max(0, urgentSeconds - 8) * 1_000);
    const looks: Record<string, string | null> = {};
    for (const [queue, chat] of Object.entries(chats)) {
      looks[queue] = await light.badge(chat.taskSid).getAttribute('data-look');
    }
    expect(looks).toEqual({
      Everyone: 'calm',
      Warned: 'warning',
      Paused: 'paused',
      Waiting: 'quiet',
      Transfer: 'paused',
      Urgent: 'urgent',
    });

    const failures: string[] = [];
    for (const [label, agent] of [
      ['light', light],
      ['dark', dark],
    ] as const) {
      const findings = await runAxe(agent.page);
      report(label, findings);
      failures.push(
        ...findings
          .filter((finding) => finding.plugin && isSerious(finding))
          .map((finding) => `${label}: ${finding.rule} ${finding.target}`),
      );
      // Label in name, strictly: the visible text itself inside the name (axe lets "+5 min" pass inside "5 minutes").
      const controls = await agent.page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLButtonElement>('[data-compact] button'), (control) => {
          const text = (control.textContent ?? '').trim();
          return { text, name: control.getAttribute('aria-label') ?? (text === '' ? control.title : text) };
        }),
      );
      expect(controls.length).toBeGreaterThan(0);
      for (const { text, name } of controls) {
        if (!name.toLowerCase().includes(text.toLowerCase()))
          failures.push(`${label}: "${text}" not in its name "${name}"`);
      }
      // Each row is described by its countdown, so a screen reader hears it on the row.
      for (const [queue, chat] of Object.entries(chats)) {
        const described = await agent.page.evaluate((sid) => {
          const ids = document.querySelector(`[data-task-sid="${sid}"]`)?.getAttribute('aria-describedby') ?? '';
          return ids
            .split(' ')
            .map((id) => (id === '' ? '' : (document.getElementById(id)?.textContent ?? '')))
            .join(' ');
        }, chat.taskSid);
        console.info(`[row description ${label}] ${queue}: ${described}`);
        if (!described.includes('Customer inactivity')) failures.push(`${label}: row of ${queue} not described`);
      }
      for (const badge of await badgeContrasts(agent)) {
        const background = composite(badge.fill, badge.row);
        const ratio = contrastRatio(composite(badge.text, `rgb(${background.join(',')})`), background);
        console.info(`[contrast ${label}] ${badge.look}: ${ratio.toFixed(2)}:1 (${badge.text} on ${badge.fill})`);
        if (ratio < 4.5) failures.push(`${label}: ${badge.look} text contrast ${ratio.toFixed(2)}:1`);
      }
    }
    expect(failures).toEqual([]);
  });
});
