/// <reference types="node" />
import type { ServerResponse } from 'http';
import { join } from 'path';

import { send, sendHtml } from './httpIo';
import { placeholderPage } from './placeholderPage';
import { resolveInside, sendFile } from './staticFiles';
import { issueAgentToken } from './token';

/** Where the agent desktop (Flex shell + SDK stand-ins, built elsewhere) lives. */
export interface AgentDesktopOptions {
  readonly agentDir: string;
  readonly now: () => number;
}

/**
 * Serves the agent desktop: `/` is agentDir/index.html, first redirected to carry a login token in the query string
 * (`Token`, `Identity`, `Expiration`, `Roles`) as Flex reads it; other paths are agentDir's files.
 */
export async function serveAgentDesktop(options: AgentDesktopOptions, res: ServerResponse, url: URL): Promise<void> {
  if (isDesktopRoute(url.pathname)) {
    if (!url.searchParams.has('Token')) redirectWithToken(options, res, url);
    else if (!(await sendFile(res, join(options.agentDir, 'index.html'))))
      sendHtml(res, 503, placeholderPage(options.agentDir));
    return;
  }
  const file = resolveInside(options.agentDir, url.pathname);
  if (file !== undefined && (await sendFile(res, file))) return;
  send(res, 404, 'text/plain; charset=utf-8', `not found: ${url.pathname}\n`);
}

/**
 * `/` and Flex's own client-side routes (`/agent-desktop`, `/teams`, `/agent-desktop/WR...`): Flex navigates there
 * with the history API, so a reload asks the server for them and must get the desktop again, not a 404.
 */
function isDesktopRoute(pathname: string): boolean {
  return pathname === '/' || !/\.[a-z0-9]+$/i.test(pathname);
}

function redirectWithToken(options: AgentDesktopOptions, res: ServerResponse, url: URL): void {
  const issued = issueAgentToken(options.now());
  const query = new URLSearchParams(url.searchParams);
  query.set('Token', issued.token);
  query.set('Identity', issued.identity);
  query.set('Expiration', new Date(issued.expiresAt * 1000).toISOString());
  query.set('Roles', 'agent');
  res.writeHead(302, { Location: `${url.pathname}?${query.toString()}`, 'Cache-Control': 'no-store' });
  res.end();
}
