/**
 * A message of a conversation, built from the server's MessageDto. Flex reads `sid`, `index`, `author`, `body`,
 * `attributes`, `dateCreated`, `participantSid`, `type`, `media` / `attachedMedia`, `aggregatedDeliveryReceipt`,
 * `contentSid`, `conversation`, calls `getMediaByCategories`, `getEmailBody` / `getEmailHistory` and
 * `getParticipant()`, and assigns its own `channel` / `timestamp` fields onto the object (so it must stay extensible).
 *
 * The sandbox carries text messages only: no media, email bodies, content templates or delivery receipts, which is
 * exactly what the real SDK reports for a plain chat message.
 */
import type { MessageDto } from '../../../shared/protocol';
import { cancellable } from './cancellable';
import type { Cancellable } from './cancellable';
import { ReplayEmitter } from './emitter';
import { ConversationsError, unsupportedError } from './errors';
import type { Participant } from './participant';
import type {
  ContentData,
  JSONValue,
  MessageType,
  MessageUpdateReason,
  RealAggregatedDeliveryReceipt,
  RealChannelMetadata,
  RealDetailedDeliveryReceipt,
  RealMedia,
  RealMessage,
  RecipientDescriptor,
} from './realTypes';
import { sameDate, sameJson, toDate, toJsonObject } from './wire';

/**
 * The conversation a message belongs to, as far as the message needs it: where its author is found. The Conversation
 * that creates the message fits it and is what `message.conversation` holds; declared here so messages do not import it.
 */
export interface MessageConversation {
  readonly sid: string;
  _participantBySid(participantSid: string): Participant | undefined;
  _participantByIdentity(identity: string): Participant | undefined;
}

export interface MessageUpdatedArgs {
  message: Message;
  updateReasons: MessageUpdateReason[];
}

/** A message's own events, with the real SDK's names and payloads. */
export type MessageEvents = {
  updated: (data: MessageUpdatedArgs) => void;
};

interface MessageState {
  readonly sid: string;
  readonly author: string;
  readonly participantSid: string | null;
  readonly body: string;
  readonly attributes: JSONValue;
  readonly dateCreated: Date | null;
  readonly dateUpdated: Date | null;
}

function stateFromDto(dto: MessageDto): MessageState {
  return {
    sid: dto.sid,
    author: dto.author,
    participantSid: dto.participantSid,
    body: dto.body,
    attributes: toJsonObject(dto.attributes),
    dateCreated: toDate(dto.dateCreated),
    dateUpdated: toDate(dto.dateUpdated),
  };
}

export class Message
  extends ReplayEmitter<MessageEvents>
  implements
    Pick<
      RealMessage,
      | 'sid'
      | 'author'
      | 'subject'
      | 'contentSid'
      | 'body'
      | 'dateUpdated'
      | 'index'
      | 'lastUpdatedBy'
      | 'dateCreated'
      | 'attributes'
      | 'type'
      | 'media'
      | 'attachedMedia'
      | 'participantSid'
      | 'aggregatedDeliveryReceipt'
      | 'getMediaByCategory'
      | 'getMediaByCategories'
      | 'getEmailBody'
      | 'getEmailHistory'
      | 'getDetailedDeliveryReceipts'
      | 'attachTemporaryUrlsFor'
      | 'getChannelMetadata'
      | 'getMessageRecipients'
    >
{
  static readonly updated = 'updated';

  readonly conversation: MessageConversation;
  private readonly messageIndex: number;
  private state: MessageState;

  constructor(dto: MessageDto, conversation: MessageConversation) {
    super();
    this.conversation = conversation;
    this.messageIndex = dto.index;
    this.state = stateFromDto(dto);
  }

  get sid(): string {
    return this.state.sid;
  }

  get author(): string | null {
    return this.state.author;
  }

  get subject(): string | null {
    return null;
  }

  get contentSid(): string | null {
    return null;
  }

  get body(): string | null {
    return this.state.body;
  }

  get dateUpdated(): Date | null {
    return this.state.dateUpdated;
  }

  get index(): number {
    return this.messageIndex;
  }

  get lastUpdatedBy(): string | null {
    return null;
  }

  get dateCreated(): Date | null {
    return this.state.dateCreated;
  }

  get attributes(): JSONValue {
    return this.state.attributes;
  }

  get type(): MessageType {
    return 'text';
  }

  get media(): RealMedia | null {
    return null;
  }

  get attachedMedia(): RealMedia[] | null {
    return [];
  }

  get participantSid(): string | null {
    return this.state.participantSid;
  }

  /** Null: the real service gives receipts only for sms/whatsapp deliveries, which the sandbox does not model. */
  get aggregatedDeliveryReceipt(): RealAggregatedDeliveryReceipt | null {
    return null;
  }

  getMediaByCategory(_categories: Parameters<RealMessage['getMediaByCategory']>[0]): RealMedia[] | null {
    return [];
  }

  getMediaByCategories(_categories: Parameters<RealMessage['getMediaByCategories']>[0]): RealMedia[] | null {
    return [];
  }

  getEmailBody(_type?: string): RealMedia | null {
    return null;
  }

  getEmailHistory(_type?: string): RealMedia | null {
    return null;
  }

  /** The participant who wrote the message: by `participantSid`, else the participant whose identity is the author. */
  getParticipant(): Promise<Participant> {
    const participant =
      (this.state.participantSid === null
        ? undefined
        : this.conversation._participantBySid(this.state.participantSid)) ??
      this.conversation._participantByIdentity(this.state.author);
    return participant
      ? Promise.resolve(participant)
      : Promise.reject(new ConversationsError(`Participant not found for message ${this.sid}`, 404, 50430));
  }

  getDetailedDeliveryReceipts(): Promise<RealDetailedDeliveryReceipt[]> {
    return Promise.resolve([]);
  }

  attachTemporaryUrlsFor(contentSet: RealMedia[] | null): Promise<RealMedia[]> {
    return Promise.resolve(contentSet ?? []);
  }

  getTemporaryContentUrlsForMedia(_contentSet: RealMedia[]): Cancellable<Map<string, string>> {
    return cancellable(Promise.resolve(new Map<string, string>()));
  }

  getTemporaryContentUrlsForMediaSids(_mediaSids: string[]): Cancellable<Map<string, string>> {
    return cancellable(Promise.resolve(new Map<string, string>()));
  }

  getTemporaryContentUrlsForAttachedMedia(): Cancellable<Map<string, string>> {
    return cancellable(Promise.resolve(new Map<string, string>()));
  }

  getContentData(): Cancellable<ContentData | null> {
    return cancellable(Promise.resolve(null));
  }

  getChannelMetadata(): Promise<RealChannelMetadata | null> {
    return Promise.resolve(null);
  }

  getMessageRecipients(): Promise<RecipientDescriptor[]> {
    return Promise.resolve([]);
  }

  remove(): Promise<Message> {
    return Promise.reject(unsupportedError('Removing a message'));
  }

  updateBody(_body: string): Promise<Message> {
    return Promise.reject(unsupportedError('Editing a message body'));
  }

  updateAttributes(_attributes: JSONValue): Promise<Message> {
    return Promise.reject(unsupportedError('Editing message attributes'));
  }

  /** Internal: takes the server's latest view; emits `updated` and returns the reasons when something changed. */
  _applyDto(dto: MessageDto): MessageUpdateReason[] {
    const next = stateFromDto(dto);
    const previous = this.state;
    const updateReasons: MessageUpdateReason[] = [];
    if (next.body !== previous.body) updateReasons.push('body');
    if (next.author !== previous.author) updateReasons.push('author');
    if (!sameJson(next.attributes, previous.attributes)) updateReasons.push('attributes');
    if (!sameDate(next.dateCreated, previous.dateCreated)) updateReasons.push('dateCreated');
    if (!sameDate(next.dateUpdated, previous.dateUpdated)) updateReasons.push('dateUpdated');
    this.state = next;
    if (updateReasons.length > 0) this.emit('updated', { message: this, updateReasons });
    return updateReasons;
  }
}
