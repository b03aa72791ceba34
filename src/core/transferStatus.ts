/**
 * Where a conversation's transfer stands, as Flex lists it (`state.flex.chat.conversations[sid].transfers`, loaded
 * with the conversation and again after a transfer Flex started). Only the newest transfer counts: an old failed one
 * says nothing about the one under way.
 */
export type TransferStatus =
  /** No transfer listed, or the newest in a status the plugin does not know. */
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

function timeOf({ dateCreated }: ListedTransfer): number {
  const time = dateCreated === undefined || dateCreated === null ? NaN : new Date(dateCreated).getTime();
  return Number.isFinite(time) ? time : Number.NEGATIVE_INFINITY;
}

/** The newest transfer by creation time; among equal or unknown times the one listed last. */
function newestOf(transfers: readonly ListedTransfer[]): ListedTransfer | undefined {
  let newest: ListedTransfer | undefined;
  for (const transfer of transfers) {
    if (newest === undefined || timeOf(transfer) >= timeOf(newest)) newest = transfer;
  }
  return newest;
}

/** The status of the newest listed transfer; 'none' for an empty or unreadable list. */
export function transferStatusOf(transfers: unknown): TransferStatus {
  if (!Array.isArray(transfers)) return 'none';
  const readable = (transfers as unknown[]).filter(isListedTransfer);
  const newest = newestOf(readable);
  if (newest === undefined) return 'none';
  return STATUS_OF[newest.status.toLowerCase()] ?? 'none';
}

function isListedTransfer(value: unknown): value is ListedTransfer {
  return typeof value === 'object' && value !== null && typeof (value as ListedTransfer).status === 'string';
}
