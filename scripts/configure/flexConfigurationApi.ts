import type { Connection } from './command';
import type { Credentials } from './credentials';
import { CliError } from './cliError';
import { describeApiFailure } from './describeApiFailure';
import { ExitCode } from './exitCodes';
import { isJsonObject } from './jsonValue';
import type { JsonObject } from './jsonValue';
import { createTwilioClient } from './twilioClient';

/** The parts of the account's Flex Configuration this command reads and writes. */
export interface FlexConfiguration {
  readonly accountSid: string;
  readonly uiAttributes: JsonObject;
}

/** The Flex Configuration resource (`/v1/Configuration`) of one account. */
export interface FlexConfigurationApi {
  /** Full URL of the resource, for messages. */
  readonly url: string;
  /** GET. Throws a {@link CliError} mapped to an exit code on any failure. */
  read(): Promise<FlexConfiguration>;
  /** POST of `account_sid` and the complete `ui_attributes`. Throws a {@link CliError} on any failure. */
  write(configuration: FlexConfiguration): Promise<void>;
}

/** Connects to the account's Flex Configuration through the `twilio` package. */
export function connectFlexConfiguration(credentials: Credentials, connection: Connection): FlexConfigurationApi {
  const client = createTwilioClient(credentials, connection);
  const resource = client.flexApi.v1.configuration();
  const url = client.flexApi.v1.absoluteUrl('Configuration');
  const context = (action: string, isWrite: boolean) => ({ action, url, timeoutMs: connection.timeoutMs, isWrite });
  return {
    url,
    read: async () => {
      try {
        const instance = await resource.fetch();
        return decodeConfiguration(instance.accountSid, instance.uiAttributes);
      } catch (error) {
        throw describeApiFailure(error, context('reading the Flex configuration', false));
      }
    },
    write: async ({ accountSid, uiAttributes }) => {
      try {
        // The generated update() sends its params as the JSON body, so nested ui_attributes go out unchanged.
        await resource.update({ account_sid: accountSid, ui_attributes: uiAttributes });
      } catch (error) {
        throw describeApiFailure(error, context('writing the Flex configuration', true));
      }
    },
  };
}

/** twilio types `uiAttributes` as `any`; it is checked here before anything else sees it. */
function decodeConfiguration(accountSid: unknown, uiAttributes: unknown): FlexConfiguration {
  if (typeof accountSid !== 'string') throw unexpected('has no account_sid');
  // An account that never had any UI attributes has nothing to lose; anything else must be an object.
  if (uiAttributes === null || uiAttributes === undefined) return { accountSid, uiAttributes: {} };
  const decoded: unknown = typeof uiAttributes === 'string' ? parseEmbeddedJson(uiAttributes) : uiAttributes;
  if (!isJsonObject(decoded)) throw unexpected('has ui_attributes that are not an object');
  return { accountSid, uiAttributes: decoded };
}

function parseEmbeddedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw unexpected('has ui_attributes that are neither an object nor JSON text');
  }
}

function unexpected(what: string): CliError {
  // Writing back a configuration we could not read whole could destroy settings: stop instead.
  return new CliError(ExitCode.ApiError, `The Flex Configuration returned by the API ${what}; nothing was written.`);
}
