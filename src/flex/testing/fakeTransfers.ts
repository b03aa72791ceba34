import type { TransferStatus } from '../../core/transferStatus';
import type { TransferGateway } from '../../engine/ports';

type StatusListener = (status: TransferStatus) => void;

/** Flex's transfer list, reduced to the status of each conversation's newest transfer; tests set it. */
export class FakeTransfers implements TransferGateway {
  private readonly statuses = new Map<string, TransferStatus>();
  private readonly listeners = new Map<string, Set<StatusListener>>();

  watch(conversationSid: string, onStatus: StatusListener): () => void {
    const listeners = this.listeners.get(conversationSid) ?? new Set<StatusListener>();
    this.listeners.set(conversationSid, listeners);
    listeners.add(onStatus);
    const status = this.statusOf(conversationSid);
    if (status !== 'none') onStatus(status);
    return () => {
      listeners.delete(onStatus);
      // Nothing is kept for a conversation nobody follows any more (the leak bench weighs the fakes too).
      if (listeners.size === 0 && this.listeners.get(conversationSid) === listeners)
        this.listeners.delete(conversationSid);
    };
  }

  /** Flex now lists the conversation's newest transfer in `status`; watchers hear of it if it changed. */
  set(conversationSid: string, status: TransferStatus): void {
    if (this.statusOf(conversationSid) === status) return;
    this.statuses.set(conversationSid, status);
    this.listeners.get(conversationSid)?.forEach((listener) => listener(status));
  }

  private statusOf(conversationSid: string): TransferStatus {
    return this.statuses.get(conversationSid) ?? 'none';
  }

  /** How many watchers follow the conversation (each tracked conversation has one while the acting tab follows it). */
  watcherCount(conversationSid: string): number {
    return this.listeners.get(conversationSid)?.size ?? 0;
  }
}
