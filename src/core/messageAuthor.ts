import { readMarker } from './inactivityMarker';

/** Who wrote a message, as far as inactivity is concerned. */
export type MessageAuthorKind =
  /** The customer: resets the countdown. */
  | 'customer'
  /** An agent on the task: starts the countdown in `agent_reply` mode. */
  | 'agent'
  /** One of this plugin's own warnings or closing messages (from any tab or device). */
  | 'plugin'
  /** Anyone else: supervisors, bots, `system`, other integrations. Never resets anything. */
  | 'other';

/** The fields of a Conversations `Message` the plugin reads. */
export interface MessageFacts {
  readonly index: number;
  readonly author: string | null;
  readonly participantSid: string | null;
  /** Server time (epoch ms) the message was created, if known. */
  readonly createdAt: number | null;
  readonly attributes: unknown;
}

/** Who is who in a conversation. */
export interface ConversationParties {
  /** Conversations participant sids (MB...) of the customer, from the task's Interactions participants. */
  readonly customerParticipantSids: ReadonlySet<string>;
  readonly agentParticipantSids: ReadonlySet<string>;
  /** Fallback when the Interactions participants are unknown: the customer's address or identity from the task. */
  readonly customerAddresses: ReadonlySet<string>;
  /** Identities of agents: at least this agent's own. */
  readonly agentIdentities: ReadonlySet<string>;
}

/**
 * Classifies a message. The participant sid decides when the task's Interactions participants are known, because a
 * webchat customer and an agent are both plain `chat` participants; otherwise the author is compared with the
 * customer's address from the task. Anything not positively the customer is never treated as the customer.
 */
export function classifyMessage(message: MessageFacts, parties: ConversationParties): MessageAuthorKind {
  const author = authorOf(message, parties);
  // Webchat customers can set message attributes: the marker is trusted only on an agent's message.
  return author === 'agent' && readMarker(message.attributes) !== null ? 'plugin' : author;
}

/** Who wrote `message`, whatever its attributes say. */
function authorOf(message: MessageFacts, parties: ConversationParties): Exclude<MessageAuthorKind, 'plugin'> {
  const { participantSid, author } = message;
  if (participantSid !== null && parties.customerParticipantSids.has(participantSid)) return 'customer';
  if (participantSid !== null && parties.agentParticipantSids.has(participantSid)) return 'agent';
  if (author !== null && parties.agentIdentities.has(author)) return 'agent';
  if (parties.customerParticipantSids.size > 0) return 'other';
  return author !== null && parties.customerAddresses.has(author) ? 'customer' : 'other';
}
