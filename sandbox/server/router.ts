/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'http';

import { sendError } from './httpIo';
import { matchRoute } from './routeMatch';

/** What a route handler gets: the exchange, the parsed URL and the named path segments. */
export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly params: Record<string, string>;
}

/** One method + path pattern (e.g. `/sandbox/tasks/:taskSid`) and what answers it. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly pattern: string;
  readonly handle: (context: RouteContext) => void | Promise<void>;
}

/**
 * Runs the route matching the request. Answers 404 when none does, naming the methods the path does support, so a
 * wrong verb is as easy to spot as a wrong path.
 */
export async function dispatch(
  routes: readonly Route[],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  const matching = routes
    .map((route) => ({ route, params: matchRoute(route.pattern, url.pathname) }))
    .filter((entry): entry is { route: Route; params: Record<string, string> } => entry.params !== undefined);
  const hit = matching.find((entry) => entry.route.method === method);
  if (hit !== undefined) {
    await hit.route.handle({ req, res, url, params: hit.params });
    return;
  }
  const others = matching.map((entry) => entry.route.method);
  const hint = others.length > 0 ? ` (this path supports ${others.join(', ')})` : '';
  sendError(res, 404, `no route ${method} ${url.pathname}${hint}`);
}
