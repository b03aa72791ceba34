import type { TransferDto } from '../shared/protocol';
import { SandboxError } from './errors';
import type { ConversationRecord } from './records';
import { SANDBOX_ACCOUNT } from './sandboxAccount';
import { newSid } from './sids';

interface TransferRecord {
  readonly sid: string;
  readonly conversation: ConversationRecord;
  readonly from: string;
  readonly to: string;
  /** The name of queue `to`. */
  readonly toName: string;
  status: TransferDto['status'];
  readonly createdAt: number;
  updatedAt: number;
}

/**
 * Cold transfers of Interactions channels to a queue (POST/DELETE /sandbox/tasks/:taskSid/transfer, .../accept): at
 * most one active per channel, as the Interactions API allows; ended ones stay listed, as Flex reads them.
 */
export class ChannelTransfers {
  private records: TransferRecord[] = [];

  constructor(private readonly now: () => number) {}

  /** A new active transfer of `conversation` from participant `from` to queue `to`; 409 when one is active. */
  start(
    conversation: ConversationRecord,
    from: string,
    to: { readonly sid: string; readonly name: string },
  ): TransferDto {
    if (this.active(conversation) !== undefined) {
      throw new SandboxError(409, `a transfer of conversation ${conversation.sid} is already pending`);
    }
    const at = this.now();
    const record: TransferRecord = {
      sid: newSid('TR'),
      conversation,
      from,
      to: to.sid,
      toName: to.name,
      status: 'active',
      createdAt: at,
      updatedAt: at,
    };
    this.records.push(record);
    return toTransferDto(record);
  }

  /** Ends the active transfer of `conversation` as `status`; 409 when none is active. */
  end(conversation: ConversationRecord, status: 'completed' | 'failed'): TransferDto {
    const record = this.active(conversation);
    if (record === undefined) throw new SandboxError(409, `no transfer of conversation ${conversation.sid} is pending`);
    record.status = status;
    record.updatedAt = this.now();
    return toTransferDto(record);
  }

  /** Every transfer of `conversation`, oldest first. */
  listFor(conversation: ConversationRecord): TransferDto[] {
    return this.records.filter((record) => record.conversation === conversation).map(toTransferDto);
  }

  /** The names of the queues transfers went to. */
  targetQueueNames(): string[] {
    return this.records.map((record) => record.toName);
  }

  clear(): void {
    this.records = [];
  }

  private active(conversation: ConversationRecord): TransferRecord | undefined {
    return this.records.find((record) => record.conversation === conversation && record.status === 'active');
  }
}

function toTransferDto(record: TransferRecord): TransferDto {
  return {
    sid: record.sid,
    account_sid: SANDBOX_ACCOUNT.accountSid,
    instance_sid: SANDBOX_ACCOUNT.flexInstanceSid,
    interaction_sid: record.conversation.interactionSid,
    channel_sid: record.conversation.interactionChannelSid,
    type: 'cold',
    from: record.from,
    to: record.to,
    status: record.status,
    note_sid: null,
    summary_sid: null,
    date_created: new Date(record.createdAt).toISOString(),
    date_updated: new Date(record.updatedAt).toISOString(),
  };
}
