/**
 * The client's conversations: one Conversation object per sid for the page's lifetime, created from the server's
 * DTOs and kept current by the pushes the client routes here. Announces membership the way the real client does:
 * `conversationAdded` + `conversationJoined` when this identity becomes a participant, `conversationLeft` +
 * `conversationRemoved` (and the conversation's own `removed`) when it stops being one or the conversation is deleted.
 */
import type { ConversationDto, MessageDto, ParticipantDto } from '../../../shared/protocol';
import type { SandboxApi } from './api';
import type { ClientEmit } from './clientEvents';
import { Conversation } from './conversation';
import type { ClientContext } from './conversation';
import type { UserRegistry } from './users';

export interface RegistryDependencies {
  readonly identity: string;
  readonly api: SandboxApi;
  readonly users: UserRegistry;
  readonly emitClient: ClientEmit;
  isConnected(): boolean;
}

export class ConversationRegistry {
  private readonly conversations = new Map<string, Conversation>();
  /** Sids announced as joined (conversationJoined sent, conversationLeft not yet). */
  private readonly joined = new Set<string>();
  private readonly context: ClientContext;

  constructor(private readonly dependencies: RegistryDependencies) {
    this.context = {
      identity: dependencies.identity,
      api: dependencies.api,
      users: dependencies.users,
      emitClient: dependencies.emitClient,
      isConnected: () => dependencies.isConnected(),
      membershipChanged: (conversation) => this.announceMembership(conversation),
    };
  }

  get(conversationSid: string): Conversation | undefined {
    return this.conversations.get(conversationSid);
  }

  /** The conversations this identity is a participant of. */
  joinedConversations(): Conversation[] {
    return [...this.conversations.values()].filter((conversation) => conversation.status === 'joined');
  }

  all(): Conversation[] {
    return [...this.conversations.values()];
  }

  /** The cached conversation, else the server's (a 404 rejects with the SDK's "not found" error). */
  async fetch(conversationSid: string): Promise<Conversation> {
    const cached = this.conversations.get(conversationSid);
    if (cached) return cached;
    const dto = await this.dependencies.api.getConversation(conversationSid);
    return this.upsert(dto);
  }

  /** Creates or refreshes the conversation from a DTO; a new one this identity is in is announced. */
  upsert(dto: ConversationDto): Conversation {
    const existing = this.conversations.get(dto.sid);
    if (existing) {
      existing._applySnapshot(dto);
      return existing;
    }
    const conversation = new Conversation(dto, this.context);
    this.conversations.set(dto.sid, conversation);
    this.announceMembership(conversation);
    return conversation;
  }

  /**
   * Takes the server's full list of this identity's conversations: refreshes each, and drops the joined ones that
   * are no longer listed (this identity was removed while the page was not listening).
   */
  syncAll(dtos: readonly ConversationDto[]): void {
    const listed = new Set(dtos.map((dto) => dto.sid));
    for (const dto of dtos) this.upsert(dto);
    for (const sid of [...this.joined]) {
      if (!listed.has(sid)) this.remove(sid);
    }
  }

  /** After a gap in the push stream: refresh from the list and announce the messages pushed during the gap. */
  async resync(dtos: readonly ConversationDto[]): Promise<void> {
    const before = new Map(this.all().map((conversation) => [conversation.sid, conversation._newestKnownIndex()]));
    this.syncAll(dtos);
    for (const dto of dtos) {
      const conversation = this.conversations.get(dto.sid);
      const seen = before.get(dto.sid);
      // A conversation new to this page is announced without history, like at start-up.
      if (!conversation || seen === undefined || dto.lastMessageIndex === null) continue;
      if (seen === null || dto.lastMessageIndex > seen) await conversation._catchUp(seen, dto.lastMessageIndex);
    }
  }

  applyMessage(dto: MessageDto): void {
    // Conversations this page has not loaded are not subscribed: their history arrives when they are fetched.
    this.conversations.get(dto.conversationSid)?._applyMessage(dto);
  }

  /** A participant joined; when it is this identity joining an unknown conversation, the conversation is fetched. */
  async applyParticipantJoined(dto: ParticipantDto): Promise<void> {
    const conversation = this.conversations.get(dto.conversationSid);
    if (conversation) {
      conversation._applyParticipantJoined(dto);
      return;
    }
    if (dto.identity === this.dependencies.identity) await this.fetch(dto.conversationSid);
  }

  applyParticipantLeft(dto: ParticipantDto): void {
    this.conversations.get(dto.conversationSid)?._applyParticipantLeft(dto);
  }

  /** The conversation was deleted (or is gone for this identity). */
  remove(conversationSid: string): void {
    const conversation = this.conversations.get(conversationSid);
    if (!conversation) return;
    this.conversations.delete(conversationSid);
    if (this.joined.delete(conversationSid)) this.dependencies.emitClient('conversationLeft', conversation);
    conversation._markRemoved();
    this.dependencies.emitClient('conversationRemoved', conversation);
  }

  private announceMembership(conversation: Conversation): void {
    const isJoined = conversation.status === 'joined';
    const wasJoined = this.joined.has(conversation.sid);
    if (isJoined && !wasJoined) {
      this.joined.add(conversation.sid);
      this.dependencies.emitClient('conversationAdded', conversation);
      this.dependencies.emitClient('conversationJoined', conversation);
    } else if (!isJoined && wasJoined) {
      this.remove(conversation.sid);
    }
  }
}
