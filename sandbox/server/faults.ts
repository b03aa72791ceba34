/** The Flex requests a fault can be injected into: `wrapup` is the Interactions channel update behind WrapupTask. */
export type FaultAction = 'wrapup';

/** fail: answer an error (after `delayMs`); hang: hold the request `delayMs`, then answer the same error. */
export type FaultOutcome = 'fail' | 'hang';

export const FAULT_ACTIONS: readonly FaultAction[] = ['wrapup'];
export const FAULT_OUTCOMES: readonly FaultOutcome[] = ['fail', 'hang'];

/** How long each outcome holds the request when `delayMs` is not given. */
export const DEFAULT_FAULT_DELAY_MS: Readonly<Record<FaultOutcome, number>> = { fail: 0, hang: 30_000 };

/** Longest hold accepted: far beyond any client's patience, short enough that a typo cannot park a request for hours. */
export const MAX_FAULT_DELAY_MS = 600_000;

/** A fault waiting for the next matching request of its task. */
export interface Fault {
  readonly taskSid: string;
  readonly action: FaultAction;
  readonly outcome: FaultOutcome;
  /** How long the request is held before the error is answered. */
  readonly delayMs: number;
}

/**
 * Faults set through POST /sandbox/faults. Each one applies to the next matching request of its task only: taking
 * it consumes it. Several faults for the same task and action apply to its next requests in the order they were set.
 * `clear()` also releases requests still held by a fault, which are then answered at once.
 */
export class FaultStore {
  private pending: Fault[] = [];
  private release = new AbortController();

  /** Adds `fault` behind any other fault of the same task and action. */
  add(fault: Fault): Fault {
    this.pending.push(fault);
    return fault;
  }

  /** The faults not yet consumed, oldest first. */
  list(): Fault[] {
    return [...this.pending];
  }

  /** Consumes and returns the oldest fault for `taskSid` and `action`, if there is one. */
  take(taskSid: string, action: FaultAction): Fault | undefined {
    const index = this.pending.findIndex((fault) => fault.taskSid === taskSid && fault.action === action);
    if (index < 0) return undefined;
    const [fault] = this.pending.splice(index, 1);
    return fault;
  }

  /** Aborted when the faults are cleared: a request held by a fault stops waiting and is answered at once. */
  get releaseSignal(): AbortSignal {
    return this.release.signal;
  }

  /** Forgets every pending fault and releases every held request. */
  clear(): void {
    this.pending = [];
    this.release.abort();
    this.release = new AbortController();
  }
}
