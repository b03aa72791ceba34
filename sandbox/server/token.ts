/// <reference types="node" />
import { createHmac } from 'crypto';

import { SANDBOX_ACCOUNT } from './sandboxAccount';

/** How long a sandbox token lives: a working day and then some, so Flex never needs to refresh it. */
export const TOKEN_TTL_SEC = 24 * 60 * 60;

// The signing key is public on purpose: the browser never checks the signature, and nothing else reads it.
const DUMMY_SIGNING_KEY = 'sandbox-not-a-secret';

/** A token for the agent, with what the login URL carries beside it. */
export interface IssuedToken {
  readonly token: string;
  readonly identity: string;
  /** Expiry, epoch seconds (the JWT `exp`). */
  readonly expiresAt: number;
}

/** The claims the sandbox reads back from a token. */
export interface TokenClaims {
  readonly sub: string;
  readonly identity: string;
  readonly exp: number;
}

/**
 * An access token shaped like Twilio's (HS256 JWT, `sub` = account sid, identity/flex/task_router/chat grants),
 * signed with a dummy key: Flex decodes it in the browser but never verifies it.
 */
export function issueAgentToken(nowMs: number): IssuedToken {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + TOKEN_TTL_SEC;
  const identity = SANDBOX_ACCOUNT.agentIdentity;
  const header = { typ: 'JWT', alg: 'HS256', cty: 'twilio-fpa;v=1' };
  const payload = {
    jti: `${SANDBOX_ACCOUNT.apiKeySid}-${iat}`,
    iss: SANDBOX_ACCOUNT.apiKeySid,
    sub: SANDBOX_ACCOUNT.accountSid,
    iat,
    nbf: iat,
    exp,
    grants: agentGrants(identity),
  };
  const unsigned = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}`;
  const signature = createHmac('sha256', DUMMY_SIGNING_KEY).update(unsigned).digest('base64url');
  return { token: `${unsigned}.${signature}`, identity, expiresAt: exp };
}

/** The claims of a sandbox-shaped token, or undefined when `token` is not one. */
export function readTokenClaims(token: string): TokenClaims | undefined {
  const payloadPart = token.split('.')[1];
  if (payloadPart === undefined) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
    return toClaims(payload);
  } catch {
    return undefined;
  }
}

function agentGrants(identity: string): Record<string, unknown> {
  return {
    identity,
    flex: {
      flex_instance_sid: SANDBOX_ACCOUNT.flexInstanceSid,
      user_sid: SANDBOX_ACCOUNT.flexUserSid,
      roles: ['agent'],
    },
    task_router: {
      workspace_sid: SANDBOX_ACCOUNT.workspaceSid,
      worker_sid: SANDBOX_ACCOUNT.workerSid,
      role: 'worker',
    },
    chat: { service_sid: SANDBOX_ACCOUNT.conversationsServiceSid },
  };
}

function toClaims(payload: unknown): TokenClaims | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { sub, exp, grants } = payload as { sub?: unknown; exp?: unknown; grants?: { identity?: unknown } };
  const identity = grants?.identity;
  if (typeof sub !== 'string' || typeof exp !== 'number' || typeof identity !== 'string') return undefined;
  return { sub, exp, identity };
}

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
