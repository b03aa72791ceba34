/**
 * @jest-environment ./sandbox/server/testing/nodeWithFetch.environment.ts
 */
import { SANDBOX_ACCOUNT } from './sandboxAccount';
import { issueAgentToken, readTokenClaims, TOKEN_TTL_SEC } from './token';

const decodePart = (token: string, part: number): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[part] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('sandbox/server token', () => {
  it('issues an HS256-shaped JWT for the agent with the grants Flex expects', () => {
    const issued = issueAgentToken(Date.parse('2030-01-01T00:00:00Z'));
    expect(issued.token.split('.')).toHaveLength(3);
    expect(decodePart(issued.token, 0)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const payload = decodePart(issued.token, 1);
    expect(payload).toMatchObject({
      sub: SANDBOX_ACCOUNT.accountSid,
      exp: Date.parse('2030-01-01T00:00:00Z') / 1000 + TOKEN_TTL_SEC,
      grants: {
        identity: 'agent@sandbox.local',
        flex: expect.any(Object) as unknown,
        task_router: { workspace_sid: SANDBOX_ACCOUNT.workspaceSid, worker_sid: SANDBOX_ACCOUNT.workerSid },
        chat: { service_sid: SANDBOX_ACCOUNT.conversationsServiceSid },
      },
    });
    expect(issued.expiresAt).toBe(payload.exp);
  });

  it('reads back its claims, and nothing from garbage', () => {
    const issued = issueAgentToken(Date.now());
    expect(readTokenClaims(issued.token)).toEqual({
      sub: SANDBOX_ACCOUNT.accountSid,
      identity: issued.identity,
      exp: issued.expiresAt,
    });
    expect(readTokenClaims('not-a-token')).toBeUndefined();
    expect(readTokenClaims('a.eyJmb28iOjF9.c')).toBeUndefined();
  });
});
