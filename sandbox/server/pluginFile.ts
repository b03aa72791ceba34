/// <reference types="node" />
import type { ServerResponse } from 'http';
import { basename, dirname, join } from 'path';

import { send } from './httpIo';
import type { SandboxLog } from './log';
import { sendFile } from './staticFiles';

/** URL prefix the plugin list points Flex's plugin loader at. */
export const PLUGINS_PREFIX = '/plugins/';

/** The plugin as Flex's plugin list names it: `src` is served by this server from the bundle path. */
export function pluginListing(bundlePath: string): { name: string; version: string; src: string } {
  const fileName = basename(bundlePath);
  // The version is informational only: Flex shows it in its debug info.
  return { name: fileName.replace(/\.js$/, ''), version: '0.0.0-local', src: `${PLUGINS_PREFIX}${fileName}` };
}

/**
 * Serves the plugin bundle (and its source map) named `fileName`, read fresh from disk on every request so a
 * rebuilt bundle is picked up on reload.
 */
export async function servePluginFile(
  bundlePath: string,
  fileName: string,
  res: ServerResponse,
  log: SandboxLog,
): Promise<void> {
  const bundleName = basename(bundlePath);
  if (fileName === bundleName || fileName === `${bundleName}.map`) {
    if (await sendFile(res, join(dirname(bundlePath), fileName))) return;
    log.warn(`[sandbox] plugin bundle missing: ${bundlePath} (build it with npm run build)`);
  }
  send(res, 404, 'text/plain; charset=utf-8', `no plugin file ${fileName}; the sandbox serves ${bundleName}\n`);
}
