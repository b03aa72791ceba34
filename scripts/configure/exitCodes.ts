/**
 * Exit codes of `npm run configure`, one per kind of outcome, so scripts and CI jobs can react without parsing text.
 */
export const ExitCode = {
  Ok: 0,
  InvalidConfig: 1,
  Usage: 2,
  MissingCredentials: 3,
  AuthFailed: 4,
  NotFound: 5,
  ApiError: 6,
  Network: 7,
  ChangedConcurrently: 8,
  NotConfirmed: 9,
  Unexpected: 10,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What each exit code means, in the order `--help` lists them. */
export const EXIT_CODE_MEANINGS: ReadonlyArray<readonly [ExitCode, string]> = [
  [ExitCode.Ok, 'done (or nothing to change)'],
  [ExitCode.InvalidConfig, 'the configuration has errors (nothing was written)'],
  [ExitCode.Usage, 'wrong command line, unreadable file or bad --api-base-url'],
  [ExitCode.MissingCredentials, 'credentials missing or malformed in the environment'],
  [ExitCode.AuthFailed, 'Twilio rejected the credentials (HTTP 401 or 403)'],
  [ExitCode.NotFound, 'no Flex Configuration at that address (HTTP 404)'],
  [ExitCode.ApiError, 'the API failed (HTTP 5xx) or answered something unexpected'],
  [ExitCode.Network, 'timeout or network failure'],
  [ExitCode.ChangedConcurrently, 'the configuration changed between read and write (nothing was written)'],
  [ExitCode.NotConfirmed, 'not confirmed: declined at the prompt, or no terminal and no --yes'],
  [ExitCode.Unexpected, 'unexpected internal error'],
];
