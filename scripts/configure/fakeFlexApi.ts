/**
 * Test double of the Flex Configuration API (`/v1/Configuration`) on 127.0.0.1, for the command's tests: answers
 * like Twilio (snake_case JSON, Twilio error bodies, Basic auth), records every request, and can be told to fail.
 */
import { createServer } from 'http';
import type { IncomingMessage, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { isJsonObject } from './jsonValue';
import type { JsonObject } from './jsonValue';

/** How the fake answers. */
export type FakeBehaviour =
  | { readonly kind: 'normal' }
  /** Answer `status` with a Twilio error body, to every request or to one method only. */
  | { readonly kind: 'fail'; readonly status: number; readonly method?: 'GET' | 'POST' }
  /** Never answer. */
  | { readonly kind: 'hang' }
  /** Someone else saves right after the first GET: `change` produces their ui_attributes. */
  | { readonly kind: 'changeAfterFirstRead'; readonly change: (uiAttributes: JsonObject) => JsonObject };

/** One request as the fake received it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  /** Parsed JSON body; undefined when there was none. */
  readonly body: unknown;
}

/** A running fake. */
export interface FakeFlexApi {
  /** Pass as FLEX_API_BASE_URL / --api-base-url. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** The stored ui_attributes; POST replaces them, as the real API does. */
  uiAttributes: JsonObject;
  behaviour: FakeBehaviour;
  /** Stops the server, cutting any request left hanging. */
  close(): Promise<void>;
}

/** Setup of a fake. */
export interface FakeFlexApiOptions {
  readonly accountSid: string;
  readonly uiAttributes: JsonObject;
  /** Accepted Basic auth pairs: [account SID, auth token] and/or [API key, secret]. */
  readonly logins: ReadonlyArray<readonly [string, string]>;
}

const RESOURCE_PATH = '/v1/Configuration';

/** Starts a fake on a free port of 127.0.0.1. */
export async function startFakeFlexApi(options: FakeFlexApiOptions): Promise<FakeFlexApi> {
  const server = createServer((request, response) => {
    void handle(fake, options, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeFlexApi = {
    baseUrl: `http://127.0.0.1:${port}`,
    requests: [],
    uiAttributes: options.uiAttributes,
    behaviour: { kind: 'normal' },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

async function handle(
  fake: FakeFlexApi,
  options: FakeFlexApiOptions,
  request: IncomingMessage,
  response: ServerResponse,
) {
  let body: unknown;
  try {
    body = await readJsonBody(request);
  } catch {
    return sendError(response, 400, 20001, 'Body is not JSON');
  }
  const path = new URL(request.url ?? '/', fake.baseUrl).pathname;
  const method = request.method ?? 'GET';
  fake.requests.push({
    method,
    path,
    authorization: request.headers.authorization,
    contentType: request.headers['content-type'],
    body,
  });
  const behaviour = fake.behaviour;
  if (behaviour.kind === 'hang') return;
  if (!isAuthorized(request.headers.authorization, options.logins))
    return sendError(response, 401, 20003, 'Authenticate');
  if (behaviour.kind === 'fail' && (behaviour.method === undefined || behaviour.method === method)) {
    return sendError(response, behaviour.status, behaviour.status * 100, 'Failure requested by the test');
  }
  if (path !== RESOURCE_PATH) return sendError(response, 404, 20404, `The requested resource ${path} was not found`);
  if (method === 'GET') return answerGet(fake, options.accountSid, response);
  if (method === 'POST') return answerPost(fake, options.accountSid, body, request.headers['content-type'], response);
  return sendError(response, 405, 20004, 'Method not allowed');
}

function answerGet(fake: FakeFlexApi, accountSid: string, response: ServerResponse): void {
  sendJson(response, 200, configurationBody(fake, accountSid));
  const behaviour = fake.behaviour;
  if (behaviour.kind === 'changeAfterFirstRead' && fake.requests.filter((r) => r.method === 'GET').length === 1) {
    fake.uiAttributes = behaviour.change(fake.uiAttributes);
  }
}

function answerPost(
  fake: FakeFlexApi,
  accountSid: string,
  body: unknown,
  contentType: string | undefined,
  response: ServerResponse,
): void {
  if (contentType !== 'application/json') return sendError(response, 415, 20415, 'Expected a JSON body');
  if (!isJsonObject(body) || body.account_sid !== accountSid)
    return sendError(response, 400, 20001, 'Invalid account_sid');
  if (!isJsonObject(body.ui_attributes)) return sendError(response, 400, 20001, 'Invalid ui_attributes');
  fake.uiAttributes = body.ui_attributes;
  sendJson(response, 200, configurationBody(fake, accountSid));
}

function configurationBody(fake: FakeFlexApi, accountSid: string): JsonObject {
  return {
    account_sid: accountSid,
    date_created: '2024-01-01T00:00:00Z',
    date_updated: '2024-01-02T00:00:00Z',
    status: 'ok',
    taskrouter_workspace_sid: 'WS00000000000000000000000000000000',
    attributes: { main_attribute: true },
    ui_attributes: fake.uiAttributes,
    url: `${fake.baseUrl}${RESOURCE_PATH}`,
  };
}

function isAuthorized(header: string | undefined, logins: FakeFlexApiOptions['logins']): boolean {
  if (header === undefined || !header.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  return logins.some(([user, password]) => decoded === `${user}:${password}`);
}

function sendError(response: ServerResponse, status: number, code: number, message: string): void {
  sendJson(response, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function sendJson(response: ServerResponse, status: number, body: JsonObject): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}
