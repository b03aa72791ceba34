/// <reference types="node" />
/**
 * `npm start` (after scripts/start.js has built the plugin): builds the agent desktop (the real Flex UI with the
 * sandbox's SDK replacements; cached), starts the sandbox server and opens one demo chat so the countdown is visible
 * at once. SANDBOX_DEMO=0 starts empty.
 */
import { buildAgentDesktop } from './build/buildAgentDesktop';
import { runCli } from './server/cli';

async function openDemoChat(baseUrl: string): Promise<void> {
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const created = (await (
    await post('/sandbox/conversations', { channelType: 'web', customerName: 'Ada Lovelace' })
  ).json()) as {
    conversationSid: string;
  };
  await post(`/sandbox/conversations/${created.conversationSid}/messages`, {
    from: 'customer',
    body: 'Hi, I need help with my order.',
  });
  console.info(`[sandbox] demo chat open: play the customer at ${baseUrl}/customer/${created.conversationSid}`);
}

async function main(): Promise<void> {
  const desktop = await buildAgentDesktop({ mode: 'development' });
  console.info(
    `[sandbox] agent desktop ${desktop.cached ? 'up to date' : `built in ${(desktop.ms / 1000).toFixed(1)} s`}`,
  );
  const server = await runCli({ SANDBOX_AGENT_DIR: desktop.outDir, ...process.env });
  if (process.env.SANDBOX_DEMO !== '0') await openDemoChat(server.url);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
