import { escapeHtml, htmlPage } from './html';

/** The page served at / while the agent desktop bundle has not been built. */
export function placeholderPage(agentDir: string): string {
  const indexPath = escapeHtml(`${agentDir}/index.html`);
  return htmlPage({
    title: 'Sandbox: agent desktop not built',
    style: `
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
  code { background: #f0f2f4; padding: 0.1rem 0.3rem; border-radius: 4px; }
`,
    body: `<main>
  <h1>The agent desktop bundle is missing</h1>
  <p>The sandbox server is running, but it found no <code>${indexPath}</code> to serve as the Flex agent desktop.</p>
  <p>Build it by starting the sandbox with <code>npm start</code> (it bundles the real Flex UI with the local SDK
     stand-ins), or point the server at a folder that has it with <code>SANDBOX_AGENT_DIR=&lt;folder&gt;</code>.</p>
  <p>Meanwhile the rest works: <a href="/sandbox/ui/config">the configuration page</a>, the automation API under
     <code>/sandbox/</code>, and customer pages at <code>/customer/&lt;conversationSid&gt;</code>.</p>
</main>
`,
  });
}
