/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'http';
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import type { AgentDesktopOptions } from './agentDesktop';
import { serveAgentDesktop } from './agentDesktop';
import { automationRoutes } from './automationApi';
import { configUiRoutes } from './configUi';
import { SandboxError } from './errors';
import { EventHub, KEEP_ALIVE_MS } from './events';
import { send, sendError } from './httpIo';
import { internalRoutes } from './internalApi';
import type { SandboxLog } from './log';
import { consoleLog } from './log';
import { pageRoutes } from './pageRoutes';
import { pluginListing } from './pluginFile';
import { RequestLog } from './requestLog';
import type { Route } from './router';
import { dispatch } from './router';
import { handleTwilioRequest, TWILIO_PREFIX } from './twilioHttp';
import type { TwilioHttpDeps } from './twilioHttp';
import { World } from './world';

/** How to start the sandbox server. */
export interface SandboxServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Interface to bind; 127.0.0.1 by default so nothing outside the machine can reach it. */
  readonly host?: string;
  /** The built plugin, served at /plugins/<its file name> and listed to Flex's plugin loader. */
  readonly pluginBundlePath: string;
  /** Folder holding the agent desktop's index.html and assets. */
  readonly agentDir: string;
  /** Start-up `ui_attributes.customerInactivity` (restored by reset); undefined leaves it out. */
  readonly initialCustomerInactivity?: unknown;
  readonly log?: SandboxLog;
  /** SSE keep-alive interval; 15 s unless a test needs it shorter. */
  readonly keepAliveMs?: number;
}

/** A running sandbox server. */
export interface SandboxServer {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  readonly url: string;
  /** The state behind it, for tests that want to look or act directly. */
  readonly world: World;
  /** Ends every stream and connection and stops listening. */
  close(): Promise<void>;
}

interface App {
  readonly sandboxRoutes: readonly Route[];
  readonly pageRoutes: readonly Route[];
  readonly twilio: TwilioHttpDeps;
  readonly desktop: AgentDesktopOptions;
  readonly log: SandboxLog;
}

/** Starts the offline stand-in for Twilio (and the pages around the agent desktop) on `options.port`. */
export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const log = options.log ?? consoleLog;
  const now = Date.now;
  const hub = new EventHub({ keepAliveMs: options.keepAliveMs ?? KEEP_ALIVE_MS, now });
  const world = new World({ push: hub.publish, initialCustomerInactivity: options.initialCustomerInactivity, now });
  const requestLog = new RequestLog();
  const app: App = {
    sandboxRoutes: [
      ...internalRoutes(world, hub),
      ...configUiRoutes(),
      ...automationRoutes({ world, hub, requestLog }),
    ],
    pageRoutes: pageRoutes(world, options.pluginBundlePath, log),
    twilio: { world, plugin: pluginListing(options.pluginBundlePath), now, requestLog, log },
    desktop: { agentDir: options.agentDir, now },
    log,
  };
  const server = createServer((req, res) => {
    handle(app, req, res).catch((error: unknown) => answerFailure(app.log, res, error));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    world.workerConnection.stop();
    hub.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://${host}:${port}`, world, close };
}

async function handle(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const path = url.pathname;
  if (path.startsWith(TWILIO_PREFIX)) await handleTwilioRequest(app.twilio, req, res, url);
  else if (path.startsWith('/sandbox/')) await dispatch(app.sandboxRoutes, req, res, url);
  else if (path.startsWith('/customer/') || path.startsWith('/plugins/')) await dispatch(app.pageRoutes, req, res, url);
  else if (req.method === 'GET' || req.method === 'HEAD') await serveAgentDesktop(app.desktop, res, url);
  else sendError(res, 404, `no route ${req.method ?? ''} ${path}`);
}

function answerFailure(log: SandboxLog, res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (error instanceof SandboxError) {
    sendError(res, error.status, error.message);
    return;
  }
  log.warn(`[sandbox] internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  send(res, 500, 'application/json; charset=utf-8', JSON.stringify({ error: 'internal sandbox error; see its log' }));
}
