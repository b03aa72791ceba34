/** @jest-environment node */
import twilio from 'twilio';
import { CliError } from './cliError';
import { describeApiFailure } from './describeApiFailure';
import type { ApiCallContext } from './describeApiFailure';
import { ExitCode } from './exitCodes';

const URL = 'https://flex-api.twilio.com/v1/Configuration';
const READ: ApiCallContext = { action: 'reading the Flex configuration', url: URL, timeoutMs: 2500, isWrite: false };
const WRITE: ApiCallContext = { ...READ, action: 'writing the Flex configuration', isWrite: true };

/** A RestException built the way twilio builds it from a response. */
function restException(statusCode: number, body: object | string): Error {
  return new twilio.RestException({ statusCode, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

const twilioBody = (status: number, code: number, message: string) => ({
  status,
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
});

describe('describeApiFailure', () => {
  it.each([
    [401, ExitCode.AuthFailed, 'Twilio rejected the credentials while reading the Flex configuration'],
    [403, ExitCode.AuthFailed, 'Twilio refused access while reading the Flex configuration'],
    [404, ExitCode.NotFound, `No Flex Configuration at ${URL}`],
    [500, ExitCode.ApiError, 'The Flex Configuration API failed while reading the Flex configuration'],
    [503, ExitCode.ApiError, 'Try again later.'],
    [429, ExitCode.ApiError, 'The Flex Configuration API answered unexpectedly'],
  ])('maps HTTP %i to exit code %i', (status, exitCode, text) => {
    const failure = describeApiFailure(restException(status, twilioBody(status, 20000 + status, 'Boom')), READ);
    expect(failure.exitCode).toBe(exitCode);
    expect(failure.message).toContain(text);
    expect(failure.message).toContain(`(HTTP ${status}, Twilio error ${20000 + status}: Boom, https://www.twilio.com/`);
  });

  it('says a failed write may have been saved', () => {
    expect(describeApiFailure(restException(502, ''), WRITE).message).toBe(
      'The Flex Configuration API failed while writing the Flex configuration (HTTP 502). The change may or may not ' +
        'have been saved: run `show` to check.',
    );
  });

  it('maps timeouts and socket errors to the network exit code', () => {
    const timeout = Object.assign(new Error('timeout of 2500ms exceeded'), { code: 'ECONNABORTED' });
    expect(describeApiFailure(timeout, READ)).toMatchObject({
      exitCode: ExitCode.Network,
      message: `No answer from ${URL} within 2.5 s while reading the Flex configuration. Check the network or proxy, or raise --timeout.`,
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(describeApiFailure(refused, WRITE)).toMatchObject({
      exitCode: ExitCode.Network,
      message: expect.stringContaining(
        '(ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9). The change may or may not',
      ) as string,
    });
  });

  it('passes a CliError through and treats a non-JSON body as an API error', () => {
    const own = new CliError(ExitCode.ApiError, 'mine');
    expect(describeApiFailure(own, READ)).toBe(own);
    expect(describeApiFailure(new SyntaxError('Unexpected token <'), READ).exitCode).toBe(ExitCode.ApiError);
  });

  it('reports anything else as unexpected', () => {
    expect(describeApiFailure(new Error('bug'), READ)).toMatchObject({
      exitCode: ExitCode.Unexpected,
      message: 'Unexpected error while reading the Flex configuration: bug',
    });
  });
});
