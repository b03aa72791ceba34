import type { TransferStatus } from '../core/transferStatus';
import { transferStatusOf } from '../core/transferStatus';
import type { TransferGateway } from '../engine/ports';

/** The part of Flex's store read here; Flex's own `Manager['store']` fits it. */
export interface TransferListsStore {
  // Optional: a host that has no chat module yet (or a stripped-down test store) has no transfers either.
  getState(): { readonly flex: { readonly chat?: { readonly conversations?: ConversationLists } } };
  subscribe(listener: () => void): () => void;
}

type ConversationLists = { readonly [conversationSid: string]: { readonly transfers?: unknown } | undefined };

interface Watch {
  readonly conversationSid: string;
  /** Twilio's creation time of the watched reservation: transfers created before it are not its own. */
  readonly reservationCreatedAt: number | undefined;
  readonly onStatus: (status: TransferStatus) => void;
  /** The list object last read: Flex replaces it whenever it loads the transfers, so equal means unchanged. */
  list: unknown;
  /** Last status reported; `unknown` until Flex has loaded the list or listed a transfer. */
  status: TransferStatus | 'unknown';
}

/**
 * The status `list` tells the reservation created at `reservationCreatedAt`, or `unknown`. 'none' counts only from a
 * list Flex replaced while it was watched: Flex creates the conversation's state with an empty list and replaces it
 * with the loaded one, and a list loaded long before (another tab that did not start the transfer never reloads it)
 * may lack a transfer under way; ending a hold on it would wrap the chat up mid-transfer and drop the customer.
 */
function statusAfter(
  previous: unknown,
  list: unknown,
  reservationCreatedAt: number | undefined,
): TransferStatus | 'unknown' {
  const status = transferStatusOf(list, reservationCreatedAt);
  return status === 'none' && !(Array.isArray(previous) && Array.isArray(list)) ? 'unknown' : status;
}

/**
 * Transfers as Flex lists them in `state.flex.chat.conversations[sid].transfers`: loaded with the conversation and
 * again after a transfer Flex started (its directory reloads the list). The list holds every transfer of the chat's
 * Interactions channel, so each watch reads only those of its reservation. One store subscription serves every watched
 * conversation, and only a new list object is classified again, so a busy store costs a few lookups per chat.
 */
export function flexTransferGateway(store: TransferListsStore): TransferGateway {
  const watches = new Set<Watch>();
  let unsubscribe: (() => void) | undefined;

  const listOf = (conversationSid: string): unknown =>
    store.getState().flex.chat?.conversations?.[conversationSid]?.transfers;

  const refresh = (): void => {
    watches.forEach((watch) => {
      const list = listOf(watch.conversationSid);
      if (list === watch.list) return;
      const status = statusAfter(watch.list, list, watch.reservationCreatedAt);
      watch.list = list;
      if (status === 'unknown' || status === watch.status) return;
      watch.status = status;
      watch.onStatus(status);
    });
  };

  return {
    watch(conversationSid, reservationCreatedAt, onStatus) {
      const list = listOf(conversationSid);
      const status = statusAfter(undefined, list, reservationCreatedAt);
      const watch: Watch = { conversationSid, reservationCreatedAt, onStatus, list, status };
      watches.add(watch);
      if (unsubscribe === undefined) unsubscribe = store.subscribe(refresh);
      if (watch.status !== 'unknown') onStatus(watch.status);
      return () => {
        watches.delete(watch);
        if (watches.size === 0 && unsubscribe !== undefined) {
          unsubscribe();
          unsubscribe = undefined;
        }
      };
    },
  };
}
