import { buildAgentDesktop } from '../../../sandbox/build/buildAgentDesktop';
import { buildPluginOnce } from './pluginBundle';

/** Builds the plugin and the agent desktop once for the whole run; the desktop build is cached between runs. */
export default async function globalSetup(): Promise<void> {
  await buildPluginOnce();
  const desktop = await buildAgentDesktop({ mode: 'development' });
  process.env.SANDBOX_AGENT_DIR = desktop.outDir;
}
