/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'http';

import { SandboxError } from './errors';
import { readText, send, sendError } from './httpIo';
import type { SandboxLog } from './log';
import type { RequestLog } from './requestLog';
import type { TwilioDeps, TwilioRequest } from './twilioEndpoints';
import { findEndpoint } from './twilioEndpoints';
import type { TwilioReply } from './twilioReplies';
import { refused, twilioError } from './twilioReplies';

/** Prefix under which the browser redirects every Twilio-host request: /twilio/<host>/<path and query>. */
export const TWILIO_PREFIX = '/twilio/';

/** What answering Twilio-host requests needs besides the endpoints' own dependencies. */
export interface TwilioHttpDeps extends TwilioDeps {
  readonly requestLog: RequestLog;
  readonly log: SandboxLog;
}

/**
 * Answers a redirected Twilio-host request from the sandbox's endpoint table. Everything is logged for
 * GET /sandbox/requests; anything unknown is refused with 404 and a console line. Nothing leaves the machine.
 */
export async function handleTwilioRequest(
  deps: TwilioHttpDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const match = /^\/twilio\/([^/]+)(\/.*)?$/.exec(url.pathname);
  if (match === null) {
    sendError(
      res,
      404,
      'Twilio requests go to /twilio/<host>/<path>, e.g. /twilio/flex-api.twilio.com/v1/Configuration',
    );
    return;
  }
  const method = req.method ?? 'GET';
  const body = method === 'POST' || method === 'PUT' ? await readText(req) : '';
  const request: TwilioRequest = {
    method,
    host: (match[1] ?? '').toLowerCase(),
    path: match[2] ?? '/',
    query: url.searchParams,
    body,
  };
  const reply = answer(deps, request);
  record(deps, request, url.search, reply);
  if (reply.holdMs !== undefined && reply.holdMs > 0) {
    await hold(reply.holdMs, res, deps.world.faults.releaseSignal);
    // The client gave up meanwhile (Flex aborts its Interactions requests after 5 s) or the server closed.
    if (res.destroyed || res.writableEnded) return;
  }
  send(res, reply.status, reply.contentType, reply.body);
}

/** Waits `ms`, or less when the client goes away or `release` is aborted (a reset). */
function hold(ms: number, res: ServerResponse, release: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      res.off('close', done);
      release.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on('close', done);
    release.addEventListener('abort', done);
  });
}

function answer(deps: TwilioDeps, request: TwilioRequest): TwilioReply {
  const endpoint = findEndpoint(request);
  if (endpoint === undefined) return refused(`${request.method} ${request.host}${request.path}`);
  try {
    return endpoint.answer(request, deps);
  } catch (error) {
    if (error instanceof SandboxError) return twilioError(error.status, error.message);
    throw error;
  }
}

function record(deps: TwilioHttpDeps, request: TwilioRequest, search: string, reply: TwilioReply): void {
  const path = request.path + search;
  deps.requestLog.add({
    at: new Date(deps.now()).toISOString(),
    method: request.method,
    host: request.host,
    path,
    outcome: reply.known ? 'answered' : 'refused',
    status: reply.status,
    ...(reply.detail === undefined ? {} : { detail: reply.detail }),
    ...(reply.fault === undefined ? {} : { fault: reply.fault }),
  });
  if (!reply.known) {
    const detail = reply.detail === undefined ? '' : ` (${reply.detail})`;
    deps.log.warn(`[sandbox] refused ${request.method} ${request.host}${path}${detail}`);
  }
}
