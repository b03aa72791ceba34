import type { Manager } from '@twilio/flex-ui';

import type { TransferDto } from '../../shared/protocol';
import { fetchQueue, subscribeToPushes } from '../fakes/taskrouter/sandboxServer';

// Flex's chat-state action for a conversation's transfer list (ConversationState.ACTION_LOAD_CHANNEL_TRANSFERS).
const LOAD_TRANSFERS = 'CONVERSATION_LOAD_TRANSFERS';

/** The name Flex shows for a transfer's target queue, looked up as Flex does (TaskRouter's queue fetch). */
async function queueNameOf(queueSid: string): Promise<string> {
  return (await fetchQueue(queueSid))?.name ?? '';
}

/** A listed transfer as Flex's directory puts it into the chat state: camelCase, a Date, the queue's name. */
async function asFlexTransfer(transfer: TransferDto): Promise<Record<string, unknown>> {
  return {
    sid: transfer.sid,
    accountSid: transfer.account_sid,
    instanceSid: transfer.instance_sid,
    interactionSid: transfer.interaction_sid,
    channelSid: transfer.channel_sid,
    type: transfer.type,
    from: transfer.from,
    to: await queueNameOf(transfer.to),
    status: transfer.status,
    noteSid: transfer.note_sid,
    summarySid: transfer.summary_sid,
    reason: transfer.note_sid,
    summary: '',
    aiSummary: '',
    dateCreated: new Date(transfer.date_created),
    dateUpdated: new Date(transfer.date_updated),
  };
}

/**
 * Plays the part of Flex's transfer directory for transfers started through the automation API
 * (POST /sandbox/tasks/:taskSid/transfer): after `StartChannelTransfer` the directory reads the channel's transfers
 * again and dispatches them into Flex's chat state, which is where Flex (and the plugin) see an outgoing transfer.
 */
export function followTransferDirectory(manager: Manager): void {
  subscribeToPushes(
    (event) => {
      if (event.type !== 'transfersLoaded') return;
      const { conversationSid } = event;
      void Promise.all(event.transfers.map(asFlexTransfer)).then((transfers) =>
        manager.store.dispatch({
          type: LOAD_TRANSFERS,
          payload: transfers,
          meta: { conversationSid, channelSid: conversationSid },
        }),
      );
    },
    () => undefined,
  );
}
