import { CliError } from './cliError';
import { ExitCode } from './exitCodes';

/** Where a failed API call was going and why, for the message. */
export interface ApiCallContext {
  /** What the command was doing, e.g. `reading the Flex configuration`. */
  readonly action: string;
  /** Full URL of the Configuration resource, so a wrong base URL is visible in the message. */
  readonly url: string;
  readonly timeoutMs: number;
  /** True for the POST: after a timeout or a 5xx it may or may not have been applied. */
  readonly isWrite: boolean;
}

/** The fields twilio's RestException and TwilioServiceException carry; read by shape so both are covered. */
interface HttpFailure {
  readonly status: number;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly moreInfo?: unknown;
}

// After a failed POST nobody knows whether the API applied it.
const MAYBE_SAVED = ' The change may or may not have been saved: run `show` to check.';
const CREDENTIAL_VARIABLES = 'TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET';

/**
 * Turns whatever the twilio package threw (an HTTP error, an axios timeout or socket error, a malformed body) into
 * a {@link CliError} with the exit code and a sentence that says what to do next.
 */
export function describeApiFailure(error: unknown, context: ApiCallContext): CliError {
  if (error instanceof CliError) return error;
  if (isHttpFailure(error)) return describeHttpFailure(error, context);
  if (hasStringCode(error)) return describeNetworkFailure(error, context);
  if (error instanceof SyntaxError) {
    return new CliError(
      ExitCode.ApiError,
      `${context.url} answered with something that is not JSON while ${context.action}.`,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new CliError(ExitCode.Unexpected, `Unexpected error while ${context.action}: ${reason}`);
}

type Explain = (context: ApiCallContext, detail: string) => string;

/** Statuses with their own advice; any other status is an API error. */
const STATUS_ADVICE: Readonly<Record<number, readonly [ExitCode, Explain]>> = {
  401: [
    ExitCode.AuthFailed,
    ({ action }, detail) =>
      `Twilio rejected the credentials while ${action} (${detail}). ` +
      `Check ${CREDENTIAL_VARIABLES}, and that an API key belongs to that account.`,
  ],
  403: [
    ExitCode.AuthFailed,
    ({ action }, detail) =>
      `Twilio refused access while ${action} (${detail}). ` +
      `These credentials may not change the Flex configuration: use ${CREDENTIAL_VARIABLES} of the Flex account.`,
  ],
  404: [
    ExitCode.NotFound,
    ({ action, url }, detail) =>
      `No Flex Configuration at ${url} (${detail}) while ${action}. Check that Flex is set up on this account and, ` +
      'if you set --api-base-url or FLEX_API_BASE_URL, that it points at the Flex API.',
  ],
};

function describeHttpFailure(error: HttpFailure, context: ApiCallContext): CliError {
  const detail = httpDetail(error);
  const advice = STATUS_ADVICE[error.status];
  if (advice !== undefined) return new CliError(advice[0], advice[1](context, detail));
  const next = context.isWrite ? MAYBE_SAVED : ' Try again later.';
  const failed = error.status >= 500 ? 'failed' : 'answered unexpectedly';
  return new CliError(
    ExitCode.ApiError,
    `The Flex Configuration API ${failed} while ${context.action} (${detail}).${next}`,
  );
}

function describeNetworkFailure(
  error: { readonly code: string; readonly message?: unknown },
  context: ApiCallContext,
): CliError {
  const { action, url } = context;
  const unsure = context.isWrite ? MAYBE_SAVED : '';
  // axios reports its own timeout as ECONNABORTED; the socket-level one is ETIMEDOUT.
  if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
    const seconds = context.timeoutMs / 1000;
    return new CliError(
      ExitCode.Network,
      `No answer from ${url} within ${seconds} s while ${action}. Check the network or proxy, or raise --timeout.${unsure}`,
    );
  }
  const reason = typeof error.message === 'string' && error.message !== '' ? `: ${error.message}` : '';
  return new CliError(ExitCode.Network, `Could not reach ${url} while ${action} (${error.code}${reason}).${unsure}`);
}

/** `HTTP 401, Twilio error 20003: Authenticate, https://...` with whatever parts the response had. */
function httpDetail(error: HttpFailure): string {
  const parts = [`HTTP ${error.status}`];
  if (typeof error.code === 'number') parts.push(`Twilio error ${error.code}`);
  // Without a JSON body twilio fills in a generic "[HTTP 500] Failed to execute request", which adds nothing.
  const message = typeof error.message === 'string' && !error.message.startsWith('[HTTP ') ? error.message : '';
  const head = parts.join(', ');
  const withMessage = message === '' ? head : `${head}: ${message}`;
  return typeof error.moreInfo === 'string' ? `${withMessage}, ${error.moreInfo}` : withMessage;
}

function isHttpFailure(error: unknown): error is HttpFailure {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}

function hasStringCode(error: unknown): error is { readonly code: string; readonly message?: unknown } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}
