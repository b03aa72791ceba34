import { CliError } from './cliError';
import { ExitCode } from './exitCodes';

/** How the command authenticates to Twilio. */
export type Credentials =
  | { readonly kind: 'authToken'; readonly accountSid: string; readonly authToken: string }
  | { readonly kind: 'apiKey'; readonly accountSid: string; readonly apiKey: string; readonly apiSecret: string };

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads credentials from the environment: an API key (`TWILIO_API_KEY` + `TWILIO_API_SECRET`, which wins when set)
 * or the auth token (`TWILIO_AUTH_TOKEN`), both with `TWILIO_ACCOUNT_SID`. Never from the command line, where they
 * would end up in shell history. Throws a {@link CliError} with {@link ExitCode.MissingCredentials} naming what is
 * missing or malformed.
 */
export function readCredentials(env: Env): Credentials {
  const accountSid = nonEmpty(env.TWILIO_ACCOUNT_SID);
  const apiKey = nonEmpty(env.TWILIO_API_KEY);
  const apiSecret = nonEmpty(env.TWILIO_API_SECRET);
  if (apiKey !== undefined || apiSecret !== undefined) {
    if (apiKey === undefined || apiSecret === undefined) {
      throw missing('TWILIO_API_KEY and TWILIO_API_SECRET go together: set both, or neither to use the auth token.');
    }
    return { kind: 'apiKey', accountSid: requireAccountSid(accountSid, 'with an API key'), apiKey, apiSecret };
  }
  const authToken = nonEmpty(env.TWILIO_AUTH_TOKEN);
  if (accountSid === undefined && authToken === undefined) {
    throw missing(
      'No Twilio credentials: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_ACCOUNT_SID with ' +
        'TWILIO_API_KEY and TWILIO_API_SECRET.',
    );
  }
  if (authToken === undefined) {
    throw missing('TWILIO_AUTH_TOKEN is not set (or use TWILIO_API_KEY and TWILIO_API_SECRET).');
  }
  return { kind: 'authToken', accountSid: requireAccountSid(accountSid, 'with TWILIO_AUTH_TOKEN'), authToken };
}

function requireAccountSid(accountSid: string | undefined, context: string): string {
  if (accountSid === undefined) throw missing(`TWILIO_ACCOUNT_SID is required ${context}.`);
  if (accountSid.startsWith('AC')) return accountSid;
  // An API key SID (SK...) in the account variable is the usual mix-up.
  const hint = accountSid.startsWith('SK') ? ' That is an API key SID: put it in TWILIO_API_KEY.' : '';
  throw missing(`TWILIO_ACCOUNT_SID must be an account SID starting with AC.${hint}`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function missing(message: string): CliError {
  return new CliError(ExitCode.MissingCredentials, message);
}
