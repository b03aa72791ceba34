import type { Fault } from './faults';

/** One request Flex made to a Twilio host, and whether the sandbox knew how to answer it. */
export interface LoggedRequest {
  readonly at: string;
  readonly method: string;
  readonly host: string;
  /** Path and query, as Flex asked for them. */
  readonly path: string;
  /** answered: a known endpoint replied (possibly with an error); refused: unknown, 404 and nothing else. */
  readonly outcome: 'answered' | 'refused';
  readonly status: number;
  /** The request inside a TaskRouter proxy call (event-bridge wschannels), e.g. `POST v1/Interactions/KD.../Channels/UO...`. */
  readonly detail?: string;
  /** The injected fault that answered it (logged when the request arrives, before any hold). */
  readonly fault?: Fault;
}

/** Most entries kept: enough for any test run, bounded so a long-running sandbox does not grow without end. */
const MAX_ENTRIES = 5000;

/** The log of Twilio-host requests, for GET /sandbox/requests. */
export class RequestLog {
  private entries: LoggedRequest[] = [];

  /** Records one request. */
  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  /** Every entry, oldest first. */
  list(): readonly LoggedRequest[] {
    return [...this.entries];
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries = [];
  }
}
