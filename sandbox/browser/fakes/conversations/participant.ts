/**
 * A participant of a conversation, built from the server's ParticipantDto. Flex keys its participant map by
 * `identity` (or `sid` when there is none), reads `attributes`, `type`, `bindings.email`, `lastReadMessageIndex`, and
 * calls `getUser()` for participants with an identity.
 */
import type { ParticipantDto } from '../../../shared/protocol';
import { ReplayEmitter } from './emitter';
import { notParticipantError, unsupportedError } from './errors';
import type {
  JSONValue,
  ParticipantBindings,
  ParticipantType,
  ParticipantUpdateReason,
  RealParticipant,
} from './realTypes';
import type { User } from './user';
import { profileFromParticipant } from './users';
import type { UserRegistry } from './users';
import { sameDate, sameJson, toDate, toJsonObject } from './wire';

/**
 * The conversation a participant is in, as far as the participant needs it. The Conversation that creates the
 * participant fits it and is what `participant.conversation` holds; declared here so participants do not import it.
 */
export interface ParticipantConversation {
  readonly sid: string;
}

/** What a participant needs from the client: its identity (only its own read horizon moves here) and its users. */
export interface ParticipantContext {
  readonly identity: string;
  readonly users: UserRegistry;
}

export interface ParticipantUpdatedArgs {
  participant: Participant;
  updateReasons: ParticipantUpdateReason[];
}

/** A participant's own events, with the real SDK's names and payloads. */
export type ParticipantEvents = {
  typingEnded: (participant: Participant) => void;
  typingStarted: (participant: Participant) => void;
  updated: (data: ParticipantUpdatedArgs) => void;
};

interface ParticipantState {
  readonly identity: string | null;
  readonly type: ParticipantType;
  readonly address: string | null;
  readonly attributes: JSONValue;
  readonly dateCreated: Date | null;
  readonly dateUpdated: Date | null;
  readonly lastReadMessageIndex: number | null;
  readonly lastReadTimestamp: Date | null;
}

function stateFromDto(dto: ParticipantDto, lastReadTimestamp: Date | null): ParticipantState {
  return {
    identity: dto.identity,
    type: dto.type,
    address: dto.address,
    attributes: toJsonObject(dto.attributes),
    dateCreated: toDate(dto.dateCreated),
    dateUpdated: toDate(dto.dateUpdated),
    lastReadMessageIndex: dto.lastReadMessageIndex,
    lastReadTimestamp,
  };
}

export class Participant
  extends ReplayEmitter<ParticipantEvents>
  implements
    Pick<
      RealParticipant,
      | 'sid'
      | 'attributes'
      | 'dateCreated'
      | 'dateUpdated'
      | 'identity'
      | 'isTyping'
      | 'lastReadMessageIndex'
      | 'lastReadTimestamp'
      | 'roleSid'
      | 'type'
      | 'bindings'
      | 'remove'
    >
{
  static readonly typingStarted = 'typingStarted';
  static readonly typingEnded = 'typingEnded';
  static readonly updated = 'updated';

  readonly conversation: ParticipantConversation;
  private readonly participantSid: string;
  private state: ParticipantState;

  constructor(
    dto: ParticipantDto,
    conversation: ParticipantConversation,
    private readonly context: ParticipantContext,
  ) {
    super();
    this.participantSid = dto.sid;
    this.conversation = conversation;
    // The DTO carries no read time; the last update of a participant that has read something is the best guess.
    this.state = stateFromDto(dto, dto.lastReadMessageIndex === null ? null : toDate(dto.dateUpdated));
    if (dto.identity !== null)
      context.users.ensure(dto.identity, profileFromParticipant(dto.identity, this.attributes));
  }

  get sid(): string {
    return this.participantSid;
  }

  get attributes(): JSONValue {
    return this.state.attributes;
  }

  get dateCreated(): Date | null {
    return this.state.dateCreated;
  }

  get dateUpdated(): Date | null {
    return this.state.dateUpdated;
  }

  get identity(): string | null {
    return this.state.identity;
  }

  /** The sandbox has no typing indicators. */
  get isTyping(): boolean {
    return false;
  }

  get lastReadMessageIndex(): number | null {
    return this.state.lastReadMessageIndex;
  }

  get lastReadTimestamp(): Date | null {
    return this.state.lastReadTimestamp;
  }

  /** The sandbox has no roles; the real value is a role sid (RL...). */
  get roleSid(): string {
    return '';
  }

  get type(): ParticipantType {
    return this.state.type;
  }

  /** Only email participants have a binding in the SDK (sms/whatsapp addresses are not exposed here either). */
  get bindings(): ParticipantBindings {
    if (this.state.type !== 'email' || this.state.address === null) return {};
    const name = this.state.identity === null ? this.state.address : this.state.identity;
    return { email: { name, address: this.state.address, level: 'to' } };
  }

  /** The user behind a chat participant; like the real SDK, refused for participants without an identity. */
  getUser(): Promise<User> {
    const identity = this.state.identity;
    if (identity === null) {
      return Promise.reject(unsupportedError(`Getting the User of a participant of type "${this.state.type}"`));
    }
    return Promise.resolve(this.context.users.ensure(identity, profileFromParticipant(identity, this.attributes)));
  }

  remove(): Promise<void> {
    return Promise.reject(unsupportedError('Removing a participant'));
  }

  updateAttributes(_attributes: JSONValue): Promise<Participant> {
    return Promise.reject(unsupportedError('Updating participant attributes'));
  }

  /**
   * Internal: takes the server's latest view and emits `updated` on this participant when something changed.
   * Returns the reasons, so the conversation (and client) can repeat the event.
   */
  _applyDto(dto: ParticipantDto): ParticipantUpdateReason[] {
    const readChanged = dto.lastReadMessageIndex !== this.state.lastReadMessageIndex;
    const next = stateFromDto(dto, readChanged ? toDate(dto.dateUpdated) : this.state.lastReadTimestamp);
    return this.replaceState(next);
  }

  /** Internal: moves this participant's read horizon (the client's own participant, read locally). */
  _applyReadHorizon(index: number | null, at: Date): ParticipantUpdateReason[] {
    if (this.state.identity !== this.context.identity) throw notParticipantError(this.conversation.sid);
    return this.replaceState({ ...this.state, lastReadMessageIndex: index, lastReadTimestamp: at });
  }

  private replaceState(next: ParticipantState): ParticipantUpdateReason[] {
    const previous = this.state;
    const updateReasons: ParticipantUpdateReason[] = [];
    if (!sameJson(next.attributes, previous.attributes)) updateReasons.push('attributes');
    if (!sameDate(next.dateCreated, previous.dateCreated)) updateReasons.push('dateCreated');
    if (!sameDate(next.dateUpdated, previous.dateUpdated)) updateReasons.push('dateUpdated');
    if (next.lastReadMessageIndex !== previous.lastReadMessageIndex) updateReasons.push('lastReadMessageIndex');
    if (!sameDate(next.lastReadTimestamp, previous.lastReadTimestamp)) updateReasons.push('lastReadTimestamp');
    if (next.type !== previous.type || next.address !== previous.address) updateReasons.push('bindings');
    this.state = next;
    if (updateReasons.length > 0) this.emit('updated', { participant: this, updateReasons });
    return updateReasons;
  }
}
