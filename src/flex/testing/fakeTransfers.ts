import type { ListedTransfer, TransferStatus } from '../../core/transferStatus';
import { transferStatusOf } from '../../core/transferStatus';
import type { TransferGateway } from '../../engine/ports';

/** One watch: the reservation it follows and the status it last heard. */
interface Watcher {
  readonly reservationCreatedAt: number | undefined;
  readonly onStatus: (status: TransferStatus) => void;
  status: TransferStatus;
}

const STATUS_LISTED: Readonly<Record<TransferStatus, string>> = {
  none: 'none',
  pending: 'active',
  failed: 'failed',
  completed: 'completed',
};

/**
 * Flex's transfer list, reduced to each conversation's newest transfer; tests set it. Each watch reads it as the Flex
 * gateway does, through `transferStatusOf`, so a transfer created before the watched reservation is not its own.
 */
export class FakeTransfers implements TransferGateway {
  private readonly newest = new Map<string, ListedTransfer>();
  private readonly watchers = new Map<string, Set<Watcher>>();

  watch(
    conversationSid: string,
    reservationCreatedAt: number | undefined,
    onStatus: (status: TransferStatus) => void,
  ): () => void {
    const watchers = this.watchers.get(conversationSid) ?? new Set<Watcher>();
    this.watchers.set(conversationSid, watchers);
    const watcher: Watcher = { reservationCreatedAt, onStatus, status: 'none' };
    watcher.status = this.statusFor(conversationSid, watcher);
    watchers.add(watcher);
    // As the Flex gateway: a list already there tells of a transfer of this reservation, but its 'none' is no answer
    // (another tab's list may predate a transfer under way); 'none' counts once Flex lists anew (`set`).
    if (this.newest.has(conversationSid) && watcher.status !== 'none') onStatus(watcher.status);
    return () => {
      watchers.delete(watcher);
      // Nothing is kept for a conversation nobody follows any more (the leak bench weighs the fakes too).
      if (watchers.size === 0 && this.watchers.get(conversationSid) === watchers) this.watchers.delete(conversationSid);
    };
  }

  /**
   * Flex now lists the conversation's newest transfer in `status`, created at Twilio's time `createdAt` (omitted: a
   * transfer without a readable creation time, which every reservation counts); watchers hear of it if it changed
   * what they see.
   */
  set(conversationSid: string, status: TransferStatus, createdAt?: number): void {
    this.newest.set(conversationSid, { status: STATUS_LISTED[status], dateCreated: createdAt });
    this.watchers.get(conversationSid)?.forEach((watcher) => {
      const seen = this.statusFor(conversationSid, watcher);
      if (seen === watcher.status) return;
      watcher.status = seen;
      watcher.onStatus(seen);
    });
  }

  private statusFor(conversationSid: string, watcher: Watcher): TransferStatus {
    const newest = this.newest.get(conversationSid);
    return transferStatusOf(newest === undefined ? [] : [newest], watcher.reservationCreatedAt);
  }

  /** How many watchers follow the conversation (each tracked conversation has one while the acting tab follows it). */
  watcherCount(conversationSid: string): number {
    return this.watchers.get(conversationSid)?.size ?? 0;
  }
}
