/**
 * The pieces of the offline Flex sandbox the Chromium benchmarks run on: the plugin bundle of `npm run build`, the
 * agent desktop (the real Flex UI 2.17.1, production build) and sandbox servers, one per agent tab.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';

import { buildAgentDesktop } from '../../sandbox/build/buildAgentDesktop';
import type { SandboxServer } from '../../sandbox/server/main';
import { startSandboxServer } from '../../sandbox/server/main';
import { ROOT } from '../support/child';
import { pluginBundles } from '../support/flexPluginBuild';

/** Where the bench keeps its production build of the agent desktop (the browser tests use a development one). */
const AGENT_DIR = path.join(ROOT, '.cache', 'bench', 'agent-production');

function newestMtimeUnder(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeUnder(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function findBundle(): string | null {
  return pluginBundles(path.join(ROOT, 'build'))[0] ?? null;
}

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`plugin build failed (exit ${code})`))));
  });
}

/**
 * The built plugin, as `npm run build` writes it. Built here when missing or older than anything in src/: a stale
 * bundle would measure code that is no longer there.
 */
export async function pluginBundle(log: (line: string) => void): Promise<string> {
  const existing = findBundle();
  if (existing !== null && fs.statSync(existing).mtimeMs >= newestMtimeUnder(path.join(ROOT, 'src'))) return existing;
  log(existing === null ? 'no plugin bundle: node scripts/build.js' : 'plugin bundle older than src/: rebuilding');
  await runBuild();
  const built = findBundle();
  if (built === null) throw new Error('node scripts/build.js wrote no build/plugin-*.js');
  return built;
}

/** The agent desktop's folder (cached between runs by buildAgentDesktop's input stamp). */
export async function agentDesktop(): Promise<string> {
  return (await buildAgentDesktop({ mode: 'production', outDir: AGENT_DIR })).outDir;
}

/** A sandbox server of its own (its own world: tasks, conversations, configuration) on a free port, quiet. */
export function sandboxServer(
  pluginBundlePath: string,
  agentDir: string,
  customerInactivity: unknown,
): Promise<SandboxServer> {
  return startSandboxServer({
    port: 0,
    pluginBundlePath,
    agentDir,
    initialCustomerInactivity: customerInactivity,
    log: { info: () => undefined, warn: () => undefined },
  });
}
