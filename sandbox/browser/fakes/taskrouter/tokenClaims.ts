/** The claims of the access token Flex was started with that the fakes need (the signature is never checked). */
export interface TokenClaims {
  readonly accountSid: string;
  readonly identity: string;
}

function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  return atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads `sub` (the account sid) and `grants.identity` from a JWT; empty strings when the token is not one. */
export function readTokenClaims(token: string): TokenClaims {
  try {
    const payload: unknown = JSON.parse(decodeBase64Url(token.split('.')[1] ?? ''));
    if (!isRecord(payload)) return { accountSid: '', identity: '' };
    const grants = isRecord(payload.grants) ? payload.grants : {};
    return {
      accountSid: typeof payload.sub === 'string' ? payload.sub : '',
      identity: typeof grants.identity === 'string' ? grants.identity : '',
    };
  } catch {
    return { accountSid: '', identity: '' };
  }
}
