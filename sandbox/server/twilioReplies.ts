import type { Fault } from './faults';

/** What the sandbox answers a request to a Twilio host with. */
export interface TwilioReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** false when the sandbox does not know the request (logged and printed as refused). */
  readonly known: boolean;
  /** What was really asked, when the URL alone does not say (the request inside a TaskRouter proxy call). */
  readonly detail?: string;
  /** Milliseconds to hold the answer back (a fault's delay); answered at once when absent. */
  readonly holdMs?: number;
  /** The injected fault this reply carries out (POST /sandbox/faults). */
  readonly fault?: Fault;
}

/** A JSON reply. */
export function jsonReply(body: unknown, status = 200): TwilioReply {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body), known: true };
}

/** An empty stylesheet: stands in for web fonts, so text renders in the fallback font without any download. */
export function emptyCss(): TwilioReply {
  return {
    status: 200,
    contentType: 'text/css; charset=utf-8',
    body: '/* sandbox: no web fonts offline */\n',
    known: true,
  };
}

/** A deliberate 404 for media the sandbox does not ship (sounds, images): the browser copes without them. */
export function knownMissing(): TwilioReply {
  return { status: 404, contentType: 'text/plain; charset=utf-8', body: 'not available offline\n', known: true };
}

/**
 * A Twilio REST error body (`code`, `message`, `more_info`, `status`), as the real APIs answer errors. `code` defaults
 * to Twilio's generic code for the status.
 */
export function twilioError(status: number, message: string, known = true, code = genericCode(status)): TwilioReply {
  const body = { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
  return { ...jsonReply(body, status), known };
}

function genericCode(status: number): number {
  return status === 404 ? 20404 : status === 403 ? 20403 : 20001;
}

/** The reply to anything the sandbox does not know: 404, so that nothing ever leaves the machine. */
export function refused(what: string): TwilioReply {
  return twilioError(404, `The requested resource ${what} was not found (unknown to the offline sandbox)`, false);
}
