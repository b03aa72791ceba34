import { latestInstantOf } from './clockSkew';

/**
 * Where the transfer of a reservation's chat stands, as Flex lists it (`state.flex.chat.conversations[sid].transfers`,
 * loaded with the conversation and again after a transfer Flex started). Flex lists every transfer of the chat's
 * Interactions channel, which outlives the reservation: only transfers created after the reservation count (the one
 * that brought the chat to this agent, or one from an earlier reservation of the chat, says nothing about this one),
 * and among those only the newest: an old failed one says nothing about the one under way.
 */
export type TransferStatus =
  /** No transfer of this reservation listed, or the newest in a status the plugin does not know. */
  | 'none'
  /** On its way to another agent or queue: the countdown holds. */
  | 'pending'
  /** Failed or withdrawn: the chat stays with this agent. */
  | 'failed'
  /** Another agent has the chat. */
  | 'completed';

/** The fields of one listed transfer the plugin reads; Flex's `TransferWithNotes` fits. */
export interface ListedTransfer {
  readonly status: string;
  readonly dateCreated?: Date | string | number | null;
}

// The Interactions API's transfer statuses, lower-cased as it sends them.
const STATUS_OF: Readonly<Record<string, TransferStatus>> = {
  active: 'pending',
  failed: 'failed',
  completed: 'completed',
};

/** Twilio's creation time of `transfer`, or null when it has no readable one. */
function createdAtOf({ dateCreated }: ListedTransfer): number | null {
  const time = dateCreated === undefined || dateCreated === null ? NaN : new Date(dateCreated).getTime();
  return Number.isFinite(time) ? time : null;
}

function timeOf(transfer: ListedTransfer): number {
  return createdAtOf(transfer) ?? Number.NEGATIVE_INFINITY;
}

/**
 * The first instant a transfer of the reservation created at `reservationCreatedAt` can be stamped. Both are Twilio's
 * stamps, so no clock skew is involved; TaskRouter stamps whole seconds (`latestInstantOf`), so a transfer in the
 * reservation's own second may be the one that brought the chat here and counts only from the next second.
 */
function firstTransferInstantOf(reservationCreatedAt: number | undefined): number {
  // Unknown: every transfer counts, as before this rule; a countdown held too long is safer than closing a chat on
  // its way to another agent, which would drop the customer.
  if (reservationCreatedAt === undefined || !Number.isFinite(reservationCreatedAt)) return Number.NEGATIVE_INFINITY;
  return latestInstantOf(reservationCreatedAt) + 1;
}

/**
 * Whether `transfer` may belong to the reservation. One without a readable creation time counts, as before this
 * rule and for the same reason as an unknown reservation time (Flex's `TransferWithNotes` types `dateCreated` as a
 * Date, so this only concerns lists shaped otherwise).
 */
function mayBelong(transfer: ListedTransfer, firstInstant: number): boolean {
  const createdAt = createdAtOf(transfer);
  return createdAt === null || createdAt >= firstInstant;
}

/** The newest transfer by creation time; among equal or unknown times the one listed last. */
function newestOf(transfers: readonly ListedTransfer[]): ListedTransfer | undefined {
  let newest: ListedTransfer | undefined;
  for (const transfer of transfers) {
    if (newest === undefined || timeOf(transfer) >= timeOf(newest)) newest = transfer;
  }
  return newest;
}

/**
 * The status of the newest listed transfer created after the reservation (Twilio's `reservationCreatedAt`, epoch ms,
 * which Flex's `ITask.dateCreated` is); every listed transfer counts when that time is unknown (undefined or NaN),
 * as it did before transfers were told apart by reservation. 'none' for an empty or unreadable list, or one without
 * a transfer of this reservation.
 */
export function transferStatusOf(transfers: unknown, reservationCreatedAt: number | undefined): TransferStatus {
  if (!Array.isArray(transfers)) return 'none';
  const firstInstant = firstTransferInstantOf(reservationCreatedAt);
  const ours = (transfers as unknown[])
    .filter(isListedTransfer)
    .filter((transfer) => mayBelong(transfer, firstInstant));
  const newest = newestOf(ours);
  if (newest === undefined) return 'none';
  return STATUS_OF[newest.status.toLowerCase()] ?? 'none';
}

function isListedTransfer(value: unknown): value is ListedTransfer {
  return typeof value === 'object' && value !== null && typeof (value as ListedTransfer).status === 'string';
}
