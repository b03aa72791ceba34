/**
 * A conversation as the real SDK presents it: the server's ConversationDto behind SDK getters, its participants
 * (one Participant object per sid), its messages (one Message object per index, shared by pages and events), paging,
 * sending, the read horizon, and the events Flex's ConversationListener subscribes to.
 *
 * Everything arrives from the server: a sent message appears only when the server pushes it (`messageAdded`), never
 * optimistically. The read horizon is the exception: the sandbox server has no route for it, so it moves in this page
 * only (see protocolNeeds.md).
 */
import type { ConversationDto, MessageDto, ParticipantDto } from '../../../shared/protocol';
import type { PageDirection, SandboxApi } from './api';
import { ReplayEmitter } from './emitter';
import type { Emit } from './emitter';
import { notConnectedError, notParticipantError, unsupportedError } from './errors';
import { Message } from './message';
import type { MessageUpdatedArgs } from './message';
import { MessageBuilder } from './messageBuilder';
import type { UnsentMessage } from './messageBuilder';
import { RestPaginator } from './paginator';
import { Participant } from './participant';
import type { ParticipantUpdatedArgs } from './participant';
import type {
  ConversationBindings,
  ConversationLimits,
  ConversationState,
  ConversationStatus,
  ConversationUpdateReason,
  JSONValue,
  LastMessage,
  NotificationLevel,
  ParticipantUpdateReason,
  RealConversation,
  RecipientDescriptor,
  SendEmailOptions,
  SendMediaOptions,
} from './realTypes';
import type { UserRegistry } from './users';
import { sameDate, sameJson, toDate, toJsonObject } from './wire';

export interface ConversationUpdatedArgs {
  conversation: Conversation;
  updateReasons: ConversationUpdateReason[];
}

/** The events of a conversation that the real client repeats under the same names. */
type RepeatedOnClient = {
  participantJoined: (participant: Participant) => void;
  participantLeft: (participant: Participant) => void;
  participantUpdated: (data: ParticipantUpdatedArgs) => void;
  messageAdded: (message: Message) => void;
  messageRemoved: (message: Message) => void;
  messageUpdated: (data: MessageUpdatedArgs) => void;
  typingEnded: (participant: Participant) => void;
  typingStarted: (participant: Participant) => void;
};

/** A conversation's own events, with the real SDK's names and payloads. */
export type ConversationEvents = RepeatedOnClient & {
  updated: (data: ConversationUpdatedArgs) => void;
  removed: (conversation: Conversation) => void;
};

/** The events a conversation raises on the client as well: the repeated ones, and `updated` as `conversationUpdated`. */
export type ConversationClientEvents = RepeatedOnClient & {
  conversationUpdated: (data: ConversationUpdatedArgs) => void;
};

/**
 * What a conversation (and its participants) needs from the client that owns it. Passed down instead of the Client
 * itself so the objects do not depend on the client's public API.
 */
export interface ClientContext {
  /** The identity this client acts as: the author of its messages, the participant whose read horizon it moves. */
  readonly identity: string;
  readonly api: SandboxApi;
  readonly users: UserRegistry;
  /** True while the Conversations connection is "connected"; sends refuse otherwise. */
  isConnected(): boolean;
  /** Re-emits an event on the client (the real client repeats its conversations' events). */
  readonly emitClient: Emit<ConversationClientEvents>;
  /** Called after a conversation's `status` changed (this client joined or left it). */
  membershipChanged(conversation: Conversation): void;
}

/** Limits the service reports. The sandbox sends no media, so they only feed Flex's attachment checks. */
const LIMITS: ConversationLimits = {
  mediaAttachmentsCountLimit: 5,
  mediaAttachmentSizeLimitInMb: 16,
  mediaAttachmentsTotalSizeLimitInMb: 16,
  emailHistoriesAllowedContentTypes: ['text/plain', 'text/html'],
  emailBodiesAllowedContentTypes: ['text/plain', 'text/html'],
};

const DEFAULT_PAGE_SIZE = 30;

export class Conversation
  extends ReplayEmitter<ConversationEvents>
  implements
    Pick<
      RealConversation,
      | 'sid'
      | 'uniqueName'
      | 'status'
      | 'friendlyName'
      | 'dateUpdated'
      | 'dateCreated'
      | 'createdBy'
      | 'attributes'
      | 'lastReadMessageIndex'
      | 'lastMessage'
      | 'notificationLevel'
      | 'bindings'
      | 'limits'
      | 'state'
      | 'add'
      | 'addNonChatParticipant'
      | 'advanceLastReadMessageIndex'
      | 'getAttributes'
      | 'getParticipantsCount'
      | 'getMessagesCount'
      | 'getUnreadMessagesCount'
      | 'getMessageRecipients'
      | 'sendMessage'
      | 'setAllMessagesRead'
      | 'setAllMessagesUnread'
      | 'setUserNotificationLevel'
      | 'typing'
      | 'updateLastReadMessageIndex'
    >
{
  static readonly participantJoined = 'participantJoined';
  static readonly participantLeft = 'participantLeft';
  static readonly participantUpdated = 'participantUpdated';
  static readonly messageAdded = 'messageAdded';
  static readonly messageRemoved = 'messageRemoved';
  static readonly messageUpdated = 'messageUpdated';
  static readonly typingEnded = 'typingEnded';
  static readonly typingStarted = 'typingStarted';
  static readonly updated = 'updated';
  static readonly removed = 'removed';

  readonly sid: string;
  private snapshot: ConversationDto;
  private readonly participants = new Map<string, Participant>();
  private readonly messages = new Map<number, Message>();
  /** Indices already announced with `messageAdded`, so a message is announced once whatever path brought it. */
  private readonly announced = new Set<number>();
  private latestMessage: LastMessage | undefined;
  /**
   * This client's read horizon when it moved it locally (the server cannot store it yet); undefined when the server's
   * value stands. Kept across snapshots so a push does not undo what the agent read.
   */
  private localReadIndex: number | null | undefined = undefined;
  private level: NotificationLevel = 'default';
  private removedFromClient = false;

  constructor(
    dto: ConversationDto,
    private readonly context: ClientContext,
  ) {
    super();
    this.sid = dto.sid;
    this.snapshot = dto;
    this.latestMessage = dto.lastMessageIndex === null ? undefined : { index: dto.lastMessageIndex };
    for (const participant of dto.participants) {
      this.participants.set(participant.sid, new Participant(participant, this, context));
    }
  }

  get uniqueName(): string | null {
    return this.snapshot.uniqueName;
  }

  /** "joined" while this client's identity is among the participants. */
  get status(): ConversationStatus {
    return !this.removedFromClient && this._ownParticipant() ? 'joined' : 'notParticipating';
  }

  get friendlyName(): string | null {
    return this.snapshot.friendlyName;
  }

  get dateUpdated(): Date | null {
    return toDate(this.snapshot.dateUpdated);
  }

  get dateCreated(): Date | null {
    return toDate(this.snapshot.dateCreated);
  }

  /** The sandbox does not record who created a conversation. */
  get createdBy(): string {
    return '';
  }

  get attributes(): JSONValue {
    return toJsonObject(this.snapshot.attributes);
  }

  /** This client's own read horizon (its participant's). */
  get lastReadMessageIndex(): number | null {
    return this._ownParticipant()?.lastReadMessageIndex ?? null;
  }

  get lastMessage(): LastMessage | undefined {
    return this.latestMessage;
  }

  get notificationLevel(): NotificationLevel {
    return this.level;
  }

  get bindings(): ConversationBindings {
    return {};
  }

  get limits(): ConversationLimits {
    return LIMITS;
  }

  get state(): ConversationState | undefined {
    const dateUpdated = toDate(this.snapshot.dateUpdated);
    return dateUpdated ? { current: this.snapshot.state, dateUpdated } : undefined;
  }

  /**
   * A page of messages, oldest first, from the server's paging route. `anchor` is the index to start from
   * (newest backwards by default); `prevPage()` pages to older messages, `nextPage()` to newer ones.
   */
  getMessages(
    pageSize: number = DEFAULT_PAGE_SIZE,
    anchor?: number,
    direction: PageDirection = 'backwards',
  ): Promise<RestPaginator<Message>> {
    return this.loadPage(pageSize, anchor, direction);
  }

  /** The participants currently in the conversation (held in memory, as the real SDK holds its Sync map). */
  getParticipants(): Promise<Participant[]> {
    return Promise.resolve([...this.participants.values()]);
  }

  getParticipantsCount(): Promise<number> {
    return Promise.resolve(this.participants.size);
  }

  getParticipantBySid(participantSid: string): Promise<Participant | null> {
    return Promise.resolve(this._participantBySid(participantSid) ?? null);
  }

  getParticipantByIdentity(identity?: string | null): Promise<Participant | null> {
    return Promise.resolve(identity == null ? null : (this._participantByIdentity(identity) ?? null));
  }

  /** Counted from the newest index: the sandbox server numbers messages 0, 1, 2, ... without gaps. */
  getMessagesCount(): Promise<number> {
    return Promise.resolve(this.messageCountUpTo(this.latestMessage?.index));
  }

  /** Null while this client has no read horizon, as in the real SDK. */
  getUnreadMessagesCount(): Promise<number | null> {
    if (this.status !== 'joined') return Promise.reject(notParticipantError(this.sid));
    const lastRead = this.lastReadMessageIndex;
    return Promise.resolve(lastRead === null ? null : this.unreadAfter(lastRead));
  }

  getAttributes(): Promise<JSONValue> {
    return Promise.resolve(this.attributes);
  }

  /** Recipients exist only for email messages, which the sandbox does not carry: always one empty page. */
  getMessageRecipients(
    _options?: Parameters<RealConversation['getMessageRecipients']>[0],
  ): Promise<RestPaginator<RecipientDescriptor>> {
    return Promise.resolve(RestPaginator.of<RecipientDescriptor>([]));
  }

  /** Sends a text message as this client's identity; resolves with its index. Media and email are not supported. */
  sendMessage(
    message: null | string | FormData | SendMediaOptions,
    messageAttributes?: JSONValue,
    _emailOptions?: SendEmailOptions,
  ): Promise<number> {
    if (message !== null && typeof message !== 'string') {
      return Promise.reject(unsupportedError('Sending media messages'));
    }
    return this.postText(message ?? '', messageAttributes);
  }

  prepareMessage(): MessageBuilder {
    return new MessageBuilder(LIMITS, (unsent) => this.sendUnsent(unsent));
  }

  /** Moves this client's read horizon to `index` (null: nothing read); resolves with the unread count. */
  updateLastReadMessageIndex(index: number | null): Promise<number> {
    return this.moveReadHorizon(index);
  }

  /** Like updateLastReadMessageIndex, but only forwards. */
  advanceLastReadMessageIndex(index: number): Promise<number> {
    const current = this.lastReadMessageIndex;
    return current !== null && index <= current ? this.moveReadHorizon(current) : this.moveReadHorizon(index);
  }

  setAllMessagesRead(): Promise<number> {
    return this.moveReadHorizon(this.latestMessage?.index ?? this.lastReadMessageIndex);
  }

  setAllMessagesUnread(): Promise<number> {
    return this.moveReadHorizon(null);
  }

  /** Kept in this page only: the sandbox has no push notifications to mute. */
  setUserNotificationLevel(notificationLevel: NotificationLevel): Promise<void> {
    if (notificationLevel !== this.level) {
      this.level = notificationLevel;
      this.emitUpdated(['notificationLevel']);
    }
    return Promise.resolve();
  }

  /** Accepted and dropped: the sandbox server has no typing indicators. */
  typing(): Promise<void> {
    return Promise.resolve();
  }

  join(): Promise<Conversation> {
    return this.status === 'joined'
      ? Promise.resolve(this)
      : Promise.reject(unsupportedError('Joining a conversation'));
  }

  leave(): Promise<Conversation> {
    return Promise.reject(unsupportedError('Leaving a conversation'));
  }

  delete(): Promise<Conversation> {
    return Promise.reject(unsupportedError('Deleting a conversation'));
  }

  add(_identity: string, _attributes?: JSONValue): ReturnType<RealConversation['add']> {
    return Promise.reject(unsupportedError('Adding a participant'));
  }

  addNonChatParticipant(
    _proxyAddress: string,
    _address: string,
    _attributes?: JSONValue,
    _bindingOptions?: Parameters<RealConversation['addNonChatParticipant']>[3],
  ): ReturnType<RealConversation['addNonChatParticipant']> {
    return Promise.reject(unsupportedError('Adding a participant'));
  }

  removeParticipant(_participant: string | Participant): Promise<void> {
    return Promise.reject(unsupportedError('Removing a participant'));
  }

  updateAttributes(_attributes: JSONValue): Promise<Conversation> {
    return Promise.reject(unsupportedError('Updating conversation attributes'));
  }

  updateFriendlyName(_friendlyName: string): Promise<Conversation> {
    return Promise.reject(unsupportedError('Renaming a conversation'));
  }

  updateUniqueName(_uniqueName: string | null): Promise<Conversation> {
    return Promise.reject(unsupportedError('Changing the unique name of a conversation'));
  }

  // ---- Internal: called by the client's registry as the server pushes changes. ----

  _participantBySid(participantSid: string): Participant | undefined {
    return this.participants.get(participantSid);
  }

  _participantByIdentity(identity: string): Participant | undefined {
    return [...this.participants.values()].find((participant) => participant.identity === identity);
  }

  _ownParticipant(): Participant | undefined {
    return this._participantByIdentity(this.context.identity);
  }

  /** Index of the newest message this object knows of (from the server's snapshot or a pushed message). */
  _newestKnownIndex(): number | null {
    return this.latestMessage?.index ?? null;
  }

  /** Takes the server's latest view: emits participant joins/leaves/updates, then `updated` with what changed. */
  _applySnapshot(dto: ConversationDto): void {
    const wasJoined = this.status === 'joined';
    const previous = this.snapshot;
    this.snapshot = dto;
    const updateReasons: ConversationUpdateReason[] = [];
    if (!sameJson(dto.attributes, previous.attributes)) updateReasons.push('attributes');
    if (dto.friendlyName !== previous.friendlyName) updateReasons.push('friendlyName');
    if (dto.uniqueName !== previous.uniqueName) updateReasons.push('uniqueName');
    if (!sameDate(toDate(dto.dateCreated), toDate(previous.dateCreated))) updateReasons.push('dateCreated');
    if (!sameDate(toDate(dto.dateUpdated), toDate(previous.dateUpdated))) updateReasons.push('dateUpdated');
    if (dto.state !== previous.state) updateReasons.push('state');
    if (dto.lastMessageIndex !== null && dto.lastMessageIndex > (this.latestMessage?.index ?? -1)) {
      this.latestMessage = { index: dto.lastMessageIndex };
      updateReasons.push('lastMessage');
    }
    const readBefore = this.lastReadMessageIndex;
    this.syncParticipants(dto.participants);
    if (this.lastReadMessageIndex !== readBefore) updateReasons.push('lastReadMessageIndex');
    const joinedNow = this.status === 'joined';
    if (joinedNow !== wasJoined) updateReasons.push('status');
    if (updateReasons.length > 0) this.emitUpdated(updateReasons);
    if (joinedNow !== wasJoined) this.context.membershipChanged(this);
  }

  /** A message the server pushed: `messageAdded` once per index, here and on the client, then `updated`. */
  _applyMessage(dto: MessageDto): void {
    const message = this.messageFor(dto);
    if (this.announced.has(dto.index)) return;
    this.announced.add(dto.index);
    const isNewest = dto.index > (this.latestMessage?.index ?? -1);
    if (isNewest) this.latestMessage = { index: dto.index, dateCreated: message.dateCreated ?? undefined };
    this.emit('messageAdded', message);
    this.context.emitClient('messageAdded', message);
    if (isNewest) this.emitUpdated(['lastMessage']);
  }

  _applyParticipantJoined(dto: ParticipantDto): void {
    const wasJoined = this.status === 'joined';
    this.upsertParticipant(dto);
    if (this.status !== 'joined' || wasJoined) return;
    this.emitUpdated(['status']);
    this.context.membershipChanged(this);
  }

  _applyParticipantLeft(dto: ParticipantDto): void {
    const wasJoined = this.status === 'joined';
    this.removeParticipantLocally(dto.sid);
    if (this.status === 'joined' || !wasJoined) return;
    this.emitUpdated(['status']);
    this.context.membershipChanged(this);
  }

  /** The conversation is gone for this client (deleted, or this client left): emits `removed`, then stays inert. */
  _markRemoved(): void {
    if (this.removedFromClient) return;
    this.removedFromClient = true;
    this.emit('removed', this);
  }

  /** Fetches and announces the messages after `afterIndex` that the server has and this page has not seen. */
  async _catchUp(afterIndex: number | null, newestIndex: number): Promise<void> {
    let anchor = afterIndex === null ? 0 : afterIndex + 1;
    while (anchor <= newestIndex) {
      const page = await this.context.api.getMessages(this.sid, {
        pageSize: Math.min(newestIndex - anchor + 1, 100),
        anchor,
        direction: 'forward',
      });
      if (page.items.length === 0) return;
      for (const item of page.items) this._applyMessage(item);
      anchor = Math.max(...page.items.map((item) => item.index)) + 1;
    }
  }

  // ---- Private helpers ----

  private async loadPage(
    pageSize: number,
    anchor: number | undefined,
    direction: PageDirection,
  ): Promise<RestPaginator<Message>> {
    const page = await this.context.api.getMessages(this.sid, { pageSize, anchor, direction });
    const items = [...page.items].sort((left, right) => left.index - right.index).map((dto) => this.messageFor(dto));
    const oldest = items[0];
    const newest = items[items.length - 1];
    const loadPrev = page.hasPrevPage && oldest ? () => this.loadPage(pageSize, oldest.index - 1, 'backwards') : null;
    const loadNext = page.hasNextPage && newest ? () => this.loadPage(pageSize, newest.index + 1, 'forward') : null;
    return new RestPaginator(items, loadNext, loadPrev);
  }

  /** The one Message object for this index, refreshed with the server's latest view. */
  private messageFor(dto: MessageDto): Message {
    const existing = this.messages.get(dto.index);
    if (!existing) {
      const message = new Message(dto, this);
      this.messages.set(dto.index, message);
      return message;
    }
    const updateReasons = existing._applyDto(dto);
    if (updateReasons.length > 0) {
      this.emit('messageUpdated', { message: existing, updateReasons });
      this.context.emitClient('messageUpdated', { message: existing, updateReasons });
    }
    return existing;
  }

  private async sendUnsent(unsent: UnsentMessage): Promise<number | null> {
    if (unsent.contentSid !== undefined) throw unsupportedError('Sending content templates');
    const media = unsent.mediaContent.map(([category]) => category);
    if (media.includes('body') || media.includes('history')) throw unsupportedError('Sending email messages');
    if (media.length > 0) throw unsupportedError('Sending media messages');
    return this.postText(unsent.text ?? '', unsent.attributes);
  }

  private async postText(body: string, attributes: JSONValue | undefined): Promise<number> {
    if (!this.context.isConnected()) throw notConnectedError(`send a message to conversation ${this.sid}`);
    if (attributes != null && (typeof attributes !== 'object' || Array.isArray(attributes))) {
      throw unsupportedError('Message attributes that are not a JSON object');
    }
    const sent = await this.context.api.postMessage(this.sid, {
      author: this.context.identity,
      body,
      ...(attributes != null ? { attributes } : {}),
    });
    return sent.index;
  }

  private async moveReadHorizon(index: number | null): Promise<number> {
    const own = this._ownParticipant();
    if (!own || this.status !== 'joined') throw notParticipantError(this.sid);
    // Asynchronous like the real round trip, so the events never fire inside the caller's own stack.
    await Promise.resolve();
    this.localReadIndex = index;
    const updateReasons = own._applyReadHorizon(index, new Date());
    if (updateReasons.length > 0) {
      this.emitParticipantUpdated(own, updateReasons);
      this.emitUpdated(['lastReadMessageIndex']);
    }
    return index === null ? this.messageCountUpTo(this.latestMessage?.index) : this.unreadAfter(index);
  }

  private syncParticipants(dtos: readonly ParticipantDto[]): void {
    const present = new Set(dtos.map((dto) => dto.sid));
    for (const sid of [...this.participants.keys()]) {
      if (!present.has(sid)) this.removeParticipantLocally(sid);
    }
    for (const dto of dtos) this.upsertParticipant(dto);
  }

  private upsertParticipant(received: ParticipantDto): void {
    const dto = this.withLocalReadHorizon(received);
    const existing = this.participants.get(dto.sid);
    if (!existing) {
      const participant = new Participant(dto, this, this.context);
      this.participants.set(dto.sid, participant);
      this.emit('participantJoined', participant);
      this.context.emitClient('participantJoined', participant);
      return;
    }
    const updateReasons = existing._applyDto(dto);
    if (updateReasons.length > 0) this.emitParticipantUpdated(existing, updateReasons);
  }

  /**
   * The server cannot store this client's read horizon yet: keep the local one unless the server has caught up
   * (a value at least as far), in which case the server's stands again.
   */
  private withLocalReadHorizon(dto: ParticipantDto): ParticipantDto {
    if (dto.identity !== this.context.identity || this.localReadIndex === undefined) return dto;
    const local = this.localReadIndex;
    if (dto.lastReadMessageIndex !== null && (local === null || dto.lastReadMessageIndex >= local)) {
      this.localReadIndex = undefined;
      return dto;
    }
    return { ...dto, lastReadMessageIndex: local };
  }

  private removeParticipantLocally(participantSid: string): void {
    const participant = this.participants.get(participantSid);
    if (!participant) return;
    this.participants.delete(participantSid);
    this.emit('participantLeft', participant);
    this.context.emitClient('participantLeft', participant);
  }

  private emitParticipantUpdated(participant: Participant, updateReasons: ParticipantUpdateReason[]): void {
    this.emit('participantUpdated', { participant, updateReasons });
    this.context.emitClient('participantUpdated', { participant, updateReasons });
  }

  private emitUpdated(updateReasons: ConversationUpdateReason[]): void {
    this.emit('updated', { conversation: this, updateReasons });
    this.context.emitClient('conversationUpdated', { conversation: this, updateReasons });
  }

  private unreadAfter(lastRead: number): number {
    const newest = this.latestMessage?.index;
    return newest === undefined ? 0 : Math.max(0, newest - lastRead);
  }

  private messageCountUpTo(newest: number | undefined): number {
    return newest === undefined ? 0 : newest + 1;
  }
}
