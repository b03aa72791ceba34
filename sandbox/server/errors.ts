/** HTTP statuses the sandbox answers errors with. */
export type ErrorStatus = 400 | 403 | 404 | 409 | 503;

/**
 * An error with the HTTP status the real service would answer. The world throws it for unknown sids and refused
 * state changes; the HTTP layer turns it into `{ "error": message }`.
 */
export class SandboxError extends Error {
  /** The HTTP status to answer with. */
  readonly status: ErrorStatus;

  constructor(status: ErrorStatus, message: string) {
    super(message);
    this.name = 'SandboxError';
    this.status = status;
  }
}

/** Shorthand for a 404 naming the sid that was not found. */
export function notFound(what: string, sid: string): SandboxError {
  return new SandboxError(404, `${what} ${sid} not found`);
}
