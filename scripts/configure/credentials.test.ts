/** @jest-environment node */
import { CliError } from './cliError';
import { readCredentials } from './credentials';
import { ExitCode } from './exitCodes';

const SID = `AC${'1'.repeat(32)}`;
const KEY = `SK${'2'.repeat(32)}`;

function failureOf(env: Record<string, string>): string {
  try {
    readCredentials(env);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.MissingCredentials);
    return (error as CliError).message;
  }
  throw new Error('expected missing credentials');
}

describe('readCredentials', () => {
  it('reads the account SID and auth token', () => {
    expect(readCredentials({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'tok' })).toEqual({
      kind: 'authToken',
      accountSid: SID,
      authToken: 'tok',
    });
  });

  it('prefers an API key, which still needs the account SID', () => {
    const env = { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'tok', TWILIO_API_KEY: KEY, TWILIO_API_SECRET: 'sec' };
    expect(readCredentials(env)).toEqual({ kind: 'apiKey', accountSid: SID, apiKey: KEY, apiSecret: 'sec' });
    expect(failureOf({ TWILIO_API_KEY: KEY, TWILIO_API_SECRET: 'sec' })).toBe(
      'TWILIO_ACCOUNT_SID is required with an API key.',
    );
  });

  it.each([
    [{}, 'No Twilio credentials: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN'],
    [{ TWILIO_ACCOUNT_SID: '  ', TWILIO_AUTH_TOKEN: '' }, 'No Twilio credentials'],
    [{ TWILIO_ACCOUNT_SID: SID }, 'TWILIO_AUTH_TOKEN is not set'],
    [{ TWILIO_AUTH_TOKEN: 'tok' }, 'TWILIO_ACCOUNT_SID is required with TWILIO_AUTH_TOKEN.'],
    [{ TWILIO_ACCOUNT_SID: SID, TWILIO_API_KEY: KEY }, 'TWILIO_API_KEY and TWILIO_API_SECRET go together'],
    [{ TWILIO_ACCOUNT_SID: KEY, TWILIO_AUTH_TOKEN: 'tok' }, 'That is an API key SID: put it in TWILIO_API_KEY.'],
    [{ TWILIO_ACCOUNT_SID: 'US123', TWILIO_AUTH_TOKEN: 'tok' }, 'must be an account SID starting with AC.'],
  ])('rejects %j', (env, message) => {
    expect(failureOf(env)).toContain(message);
  });
});
