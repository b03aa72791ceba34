import twilio from 'twilio';
import type { Connection } from './command';
import type { Credentials } from './credentials';

/**
 * A client of the official `twilio` package for these credentials. Every request goes through the package's own
 * RequestClient (auth header, timeout, RestException), whichever base URL is used.
 */
export function createTwilioClient(credentials: Credentials, connection: Connection): twilio.Twilio {
  // keepAlive off: a one-shot command should not keep sockets open after its last request.
  const options: twilio.ClientOpts = { timeout: connection.timeoutMs, keepAlive: false };
  const client =
    credentials.kind === 'apiKey'
      ? twilio(credentials.apiKey, credentials.apiSecret, { ...options, accountSid: credentials.accountSid })
      : twilio(credentials.accountSid, credentials.authToken, options);
  // The Flex API domain builds every URL from its public `baseUrl` at request time, so replacing it redirects the
  // Configuration calls (to a proxy or a test server) and leaves the rest of the request path untouched.
  if (connection.apiBaseUrl !== undefined) client.flexApi.baseUrl = connection.apiBaseUrl;
  return client;
}
