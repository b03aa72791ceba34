import type { ParticipantRole } from '../shared/protocol';
import { notFound, SandboxError } from './errors';
import type { ChannelType, ConversationRecord, MessageRecord, ParticipantRecord } from './records';
import { newSid } from './sids';

/** What a new participant is; sids and times are added by the store. */
export type ParticipantSpec = Pick<ParticipantRecord, 'identity' | 'address' | 'type' | 'role' | 'attributes'>;

/** What a new message says; the index and sid are added by the store, and the time unless given (backdated). */
export type MessageSpec = Pick<MessageRecord, 'author' | 'participantSid' | 'body' | 'attributes'> & {
  readonly createdAt?: number | undefined;
};

/** The Conversations service of the sandbox: conversations, their participants and messages. */
export class ConversationStore {
  private readonly bySid = new Map<string, ConversationRecord>();

  constructor(private readonly now: () => number) {}

  /** A new active conversation with its Flex Interaction (KD...) and channel (UO...). */
  create(channelType: ChannelType, friendlyName: string): ConversationRecord {
    const createdAt = this.now();
    const conversation: ConversationRecord = {
      sid: newSid('CH'),
      friendlyName,
      channelType,
      interactionSid: newSid('KD'),
      interactionChannelSid: newSid('UO'),
      inviteSid: newSid('KG'),
      createdAt,
      updatedAt: createdAt,
      state: 'active',
      participants: [],
      messages: [],
    };
    this.bySid.set(conversation.sid, conversation);
    return conversation;
  }

  /** The conversation `sid`; 404 when there is none. */
  get(sid: string): ConversationRecord {
    const conversation = this.bySid.get(sid);
    if (conversation === undefined) throw notFound('conversation', sid);
    return conversation;
  }

  /** Every conversation, oldest first. */
  all(): ConversationRecord[] {
    return [...this.bySid.values()];
  }

  /** The conversation routed by Interaction `interactionSid` (through channel `channelSid` if given); 404 otherwise. */
  byInteraction(interactionSid: string, channelSid?: string): ConversationRecord {
    const found = this.all().find((c) => c.interactionSid === interactionSid);
    if (found === undefined) throw notFound('interaction', interactionSid);
    if (channelSid !== undefined && found.interactionChannelSid !== channelSid) {
      throw new SandboxError(404, `channel ${channelSid} of interaction ${interactionSid} not found`);
    }
    return found;
  }

  /** Adds a participant (MB...) to `conversation`. */
  addParticipant(conversation: ConversationRecord, spec: ParticipantSpec): ParticipantRecord {
    const createdAt = this.now();
    const participant: ParticipantRecord = {
      ...spec,
      sid: newSid('MB'),
      conversationSid: conversation.sid,
      interactionParticipantSid: newSid('UT'),
      createdAt,
      updatedAt: createdAt,
      lastReadMessageIndex: null,
      leftAt: null,
    };
    conversation.participants.push(participant);
    this.touch(conversation);
    return participant;
  }

  /** Marks `participant` as gone; its messages keep naming it. */
  removeParticipant(conversation: ConversationRecord, participant: ParticipantRecord): void {
    participant.leftAt = this.now();
    this.touch(conversation);
  }

  /** The current participant with `role` (the first, if several). */
  activeWithRole(conversation: ConversationRecord, role: ParticipantRole): ParticipantRecord | undefined {
    return conversation.participants.find((p) => p.role === role && p.leftAt === null);
  }

  /** The current participant whose identity or address is `author`. */
  activeByAuthor(conversation: ConversationRecord, author: string): ParticipantRecord | undefined {
    return conversation.participants.find((p) => p.leftAt === null && (p.identity ?? p.address) === author);
  }

  /** Appends a message with the next index; 409 when the conversation is closed (closed conversations are read-only). */
  addMessage(conversation: ConversationRecord, spec: MessageSpec): MessageRecord {
    if (conversation.state === 'closed') {
      throw new SandboxError(409, `conversation ${conversation.sid} is closed; closed conversations take no messages`);
    }
    const last = conversation.messages[conversation.messages.length - 1];
    const message: MessageRecord = {
      ...spec,
      sid: newSid('IM'),
      conversationSid: conversation.sid,
      index: last === undefined ? 0 : last.index + 1,
      createdAt: spec.createdAt ?? this.now(),
    };
    conversation.messages.push(message);
    this.touch(conversation);
    return message;
  }

  /** Moves `participant`'s read horizon (any index up to the newest message, or null). */
  markRead(conversation: ConversationRecord, participant: ParticipantRecord, index: number | null): void {
    const newest = conversation.messages.length - 1;
    if (index !== null && index > newest) {
      throw new SandboxError(
        400,
        `"lastReadMessageIndex" must be at most ${newest} (the newest message), got ${index}`,
      );
    }
    participant.lastReadMessageIndex = index;
    participant.updatedAt = this.now();
    this.touch(conversation);
  }

  /** The current participant `participantSid` of `conversation`; 404 otherwise. */
  activeBySid(conversation: ConversationRecord, participantSid: string): ParticipantRecord {
    const found = conversation.participants.find((p) => p.sid === participantSid && p.leftAt === null);
    if (found === undefined)
      throw new SandboxError(404, `participant ${participantSid} not found in ${conversation.sid}`);
    return found;
  }

  /** Who wrote `message`: its participant's role, or `system` when it has no participant. */
  roleOf(conversation: ConversationRecord, message: MessageRecord): ParticipantRole | 'system' {
    const participant = conversation.participants.find((p) => p.sid === message.participantSid);
    return participant === undefined ? 'system' : participant.role;
  }

  /** Forgets every conversation. */
  clear(): void {
    this.bySid.clear();
  }

  private touch(conversation: ConversationRecord): void {
    conversation.updatedAt = this.now();
  }
}
