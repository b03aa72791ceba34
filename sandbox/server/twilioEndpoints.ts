import { answerInteractions, readProxiedRequest } from './interactionsProxy';
import { SANDBOX_ACCOUNT } from './sandboxAccount';
import { statusSummary } from './statusSummary';
import { readTokenClaims } from './token';
import type { TwilioReply } from './twilioReplies';
import { emptyCss, jsonReply, knownMissing, refused, twilioError } from './twilioReplies';
import type { World } from './world';

/** A request Flex made to a Twilio host, as it reached the sandbox. */
export interface TwilioRequest {
  readonly method: string;
  readonly host: string;
  /** Path without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The request body, read only for POST/PUT. */
  readonly body: string;
}

/** What the Twilio endpoints answer from. */
export interface TwilioDeps {
  readonly world: World;
  /** The plugin Flex's plugin loader should load. */
  readonly plugin: { readonly name: string; readonly version: string; readonly src: string };
  readonly now: () => number;
}

/** One endpoint: method, host, and a path given exactly or as a pattern for a family of files. */
export interface TwilioEndpoint {
  readonly method: 'GET' | 'POST';
  readonly host: string;
  readonly path: string | RegExp;
  readonly answer: (request: TwilioRequest, deps: TwilioDeps) => TwilioReply;
}

/** Every Twilio endpoint the sandbox answers (see sandbox docs/flex-offline.md for what Flex asks and why). */
export const TWILIO_ENDPOINTS: readonly TwilioEndpoint[] = [
  // flex.twilio.com: login-time feature flags, session and the plugin list.
  {
    method: 'GET',
    host: 'flex.twilio.com',
    path: /^\/api\/v1\/Features\/[\w-]+$/,
    answer: () => jsonReply({ enabled: false }),
  },
  {
    method: 'GET',
    host: 'flex.twilio.com',
    path: '/api/v1/Session',
    // Flex's messaging transfers: with this flag Flex reads the transfer settings, then each conversation's transfers.
    answer: () => jsonReply({ insights_active: false, features: [{ id: 'new-transfer-experience', enabled: true }] }),
  },
  {
    method: 'GET',
    host: 'flex.twilio.com',
    path: '/plugins',
    answer: (_r, deps) => jsonReply([{ ...deps.plugin, phase: 3 }]),
  },
  // flex-api.twilio.com: the configuration, token validation and the email provisioning check.
  {
    method: 'GET',
    host: 'flex-api.twilio.com',
    path: '/v1/Configuration',
    answer: (_r, deps) => jsonReply(deps.world.settings.configuration()),
  },
  {
    method: 'POST',
    host: 'flex-api.twilio.com',
    path: /^\/v1\/Accounts\/AC[0-9a-f]{32}\/Tokens\/Info$/,
    answer: tokenInfo,
  },
  {
    method: 'GET',
    host: 'flex-api.twilio.com',
    path: /^\/v3\/Instances\/GO[0-9a-f]{32}\/TransferSettings$/,
    answer: () => jsonReply({ transfer_settings: [{ enabled: true, transfer_notes_enabled: false }] }),
  },
  {
    method: 'GET',
    host: 'flex-api.twilio.com',
    path: '/v1/account/provision/status',
    answer: () => jsonReply({ status: 'not_provisioned' }),
  },
  // status.twilio.com: all operational, so no degradation banner.
  {
    method: 'GET',
    host: 'status.twilio.com',
    path: '/api/v2/summary.json',
    answer: (_r, deps) => jsonReply(statusSummary(deps.now())),
  },
  // Static assets: empty data (Flex has the same fallbacks for failures), no fonts, images or sounds.
  { method: 'GET', host: 'assets.flex.twilio.com', path: '/assets/countries.json', answer: () => jsonReply([]) },
  { method: 'GET', host: 'assets.flex.twilio.com', path: '/assets/flagPositions.json', answer: () => jsonReply({}) },
  { method: 'GET', host: 'assets.flex.twilio.com', path: /^\/assets\/fonts\/.+\.css$/, answer: emptyCss },
  { method: 'GET', host: 'assets.flex.twilio.com', path: /^\/assets\/img\//, answer: knownMissing },
  { method: 'GET', host: 'assets.twilio.com', path: /^\/public_assets\/paste-fonts\/.+\.css$/, answer: emptyCss },
  { method: 'GET', host: 'media.twiliocdn.com', path: /^\/sdk\/js\/client\/sounds\/.+\.mp3$/, answer: knownMissing },
  // event-bridge.twilio.com: TaskRouter's HTTP proxy, which carries Flex's Interactions requests.
  { method: 'POST', host: 'event-bridge.twilio.com', path: '/v1/wschannels', answer: proxiedInteractions },
];

/** The endpoint for `request`, if the sandbox knows it. */
export function findEndpoint(request: TwilioRequest): TwilioEndpoint | undefined {
  return TWILIO_ENDPOINTS.find(
    (endpoint) =>
      endpoint.method === request.method &&
      endpoint.host === request.host &&
      (typeof endpoint.path === 'string' ? endpoint.path === request.path : endpoint.path.test(request.path)),
  );
}

/** POST Tokens/Info (form body `Token=...`): what Flex checks before it starts. */
function tokenInfo(request: TwilioRequest): TwilioReply {
  const token = new URLSearchParams(request.body).get('Token');
  if (token === null || token === '') return twilioError(400, 'Missing required parameter Token in the post body');
  const claims = readTokenClaims(token);
  if (claims === undefined || claims.sub !== SANDBOX_ACCOUNT.accountSid) return jsonReply({ valid: false });
  return jsonReply({
    valid: true,
    identity: claims.identity,
    roles: ['agent'],
    worker_sid: SANDBOX_ACCOUNT.workerSid,
    expiration: new Date(claims.exp * 1000).toISOString(),
    account_sid: SANDBOX_ACCOUNT.accountSid,
    flex_instance_sid: SANDBOX_ACCOUNT.flexInstanceSid,
    flex_user_sid: SANDBOX_ACCOUNT.flexUserSid,
    realm_user_id: claims.identity,
    name_id: claims.identity,
  });
}

function proxiedInteractions(request: TwilioRequest, deps: TwilioDeps): TwilioReply {
  const proxied = readProxiedRequest(parseJson(request.body));
  if (proxied === undefined) return refused('POST /v1/wschannels without a { url, method, params } body');
  return { ...answerInteractions(deps.world, proxied), detail: `${proxied.method} ${proxied.url}` };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
