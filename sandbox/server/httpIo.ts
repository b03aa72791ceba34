/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'http';

import { SandboxError } from './errors';

/** Largest request body accepted: far above anything a test or Flex sends, low enough to stop a runaway client. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The whole request body as text; 400 when it is larger than MAX_BODY_BYTES. */
export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new SandboxError(400, `body must be at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body parsed as JSON; 400 naming the problem when it is empty or not JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  if (text.trim() === '') throw new SandboxError(400, 'body must be JSON, got an empty body');
  return parseJson(text);
}

/** The body parsed as JSON, or `whenEmpty` for an empty body (a route whose fields are all optional). */
export async function readOptionalJson(req: IncomingMessage, whenEmpty: unknown): Promise<unknown> {
  const text = await readText(req);
  return text.trim() === '' ? whenEmpty : parseJson(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SandboxError(400, `body must be JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Answers `body` as JSON. Nothing is cached: every answer reflects the world as it is now. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

/** Answers `{ "error": message }`. */
export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

/** Answers an HTML page. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, status, 'text/html; charset=utf-8', html);
}

/** Answers `body` with `contentType`. */
export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(body);
}
