/// <reference types="node" />
import { existsSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

import type { SandboxServer } from './server';
import { startSandboxServer } from './server';

/** The plugin bundle `npm run build` writes, relative to the repository root. */
export const DEFAULT_PLUGIN_BUNDLE = 'build/plugin-conversations-inactivity.js';
/** Where the agent desktop is expected when SANDBOX_AGENT_DIR is not set, relative to the repository root. */
export const DEFAULT_AGENT_DIR = '.cache/sandbox/agent';
/** Port when PORT is not set. */
export const DEFAULT_PORT = 4000;

// Short enough to watch a warning and a wrap-up happen while trying the sandbox by hand; PUT /sandbox/config changes it.
const DEMO_CUSTOMER_INACTIVITY = { timer_sec: 90, warning_sec: 30 };

/**
 * Runs the sandbox server from the command line: PORT (default 4000), SANDBOX_PLUGIN (another plugin bundle) and
 * SANDBOX_AGENT_DIR (the agent desktop folder); paths in them are relative to the working directory.
 */
export async function runCli(env: NodeJS.ProcessEnv = process.env): Promise<SandboxServer> {
  const root = findRepoRoot(process.cwd());
  const pluginBundlePath = env.SANDBOX_PLUGIN ? resolve(env.SANDBOX_PLUGIN) : join(root, DEFAULT_PLUGIN_BUNDLE);
  const agentDir = env.SANDBOX_AGENT_DIR ? resolve(env.SANDBOX_AGENT_DIR) : join(root, DEFAULT_AGENT_DIR);
  const server = await startSandboxServer({
    port: readPort(env.PORT),
    pluginBundlePath,
    agentDir,
    initialCustomerInactivity: DEMO_CUSTOMER_INACTIVITY,
  });
  console.info(describe(server.url, root, pluginBundlePath, agentDir));
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

function readPort(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_PORT;
  const port = Number(text);
  if (Number.isInteger(port) && port >= 0 && port <= 65_535) return port;
  throw new Error(`PORT must be an integer from 0 to 65535, got "${text}"`);
}

/** The nearest folder at or above `start` with a package.json (the repository root when run via npm). */
function findRepoRoot(start: string): string {
  let dir = resolve(start);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
  return dir;
}

function describe(url: string, root: string, pluginBundlePath: string, agentDir: string): string {
  const show = (path: string): string => relative(root, path) || '.';
  const missing = (path: string, fix: string): string => (existsSync(path) ? '' : `  (MISSING: ${fix})`);
  return [
    `[sandbox] offline Twilio stand-in listening on ${url}`,
    `  agent desktop   ${url}/   from ${show(agentDir)}${missing(join(agentDir, 'index.html'), 'build it with npm start')}`,
    `  plugin          ${show(pluginBundlePath)}${missing(pluginBundlePath, 'build it with npm run build')}`,
    `  configuration   ${url}/sandbox/ui/config`,
    `  customer chat   ${url}/customer/<conversationSid>   (start one: POST ${url}/sandbox/conversations {"channelType":"web"})`,
    `  automation API  ${url}/sandbox/...   health, conversations, tasks, config, connection, reset, requests`,
    `  Twilio hosts    ${url}/twilio/<host>/<path>: answered locally, anything unknown refused (GET /sandbox/requests)`,
    '  Nothing leaves this machine. Ctrl+C stops the server.',
  ].join('\n');
}
