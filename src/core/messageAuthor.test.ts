import type { ConversationParties, MessageAuthorKind, MessageFacts } from './messageAuthor';
import { classifyMessage } from './messageAuthor';
import { markerAttributes } from './inactivityMarker';

function message(overrides: Partial<MessageFacts> = {}): MessageFacts {
  return { index: 1, author: null, participantSid: null, createdAt: 0, attributes: {}, ...overrides };
}

/** Parties of a webchat task; `participantsKnown: false` plays a failed Interactions lookup. */
function parties(participantsKnown = true): ConversationParties {
  return {
    customerParticipantSids: new Set(participantsKnown ? ['MBcustomer'] : []),
    agentParticipantSids: new Set(participantsKnown ? ['MBagent'] : []),
    customerAddresses: new Set(['customer-identity', '+15550001111']),
    agentIdentities: new Set(['agent@example.com']),
  };
}

const OUR_WARNING = markerAttributes({ kind: 'warning', taskSid: 'WT1', cycleStartIndex: null, warningIndex: 0 });

describe('core/messageAuthor', () => {
  it.each<[string, Partial<MessageFacts>, boolean, MessageAuthorKind]>([
    ['the customer participant', { participantSid: 'MBcustomer', author: 'customer-identity' }, true, 'customer'],
    [
      'the customer participant under any author name',
      { participantSid: 'MBcustomer', author: 'Jane' },
      true,
      'customer',
    ],
    ['the agent participant', { participantSid: 'MBagent', author: 'agent@example.com' }, true, 'agent'],
    [
      "the plugin's marker on the customer participant's message (customers can set attributes)",
      { participantSid: 'MBcustomer', attributes: OUR_WARNING },
      true,
      'customer',
    ],
    ['our own warning sent as the agent', { participantSid: 'MBagent', attributes: OUR_WARNING }, true, 'plugin'],
    [
      'an agent identity without a known participant',
      { participantSid: 'MBother', author: 'agent@example.com' },
      true,
      'agent',
    ],
    ['a supervisor participant', { participantSid: 'MBsupervisor', author: 'supervisor@example.com' }, true, 'other'],
    [
      'the customer address from an unknown participant',
      { participantSid: 'MBbot', author: 'customer-identity' },
      true,
      'other',
    ],
    ['a REST message (system)', { author: 'system' }, true, 'other'],
    ['no author and no participant', {}, true, 'other'],
    [
      'the customer address when participants are unknown',
      { participantSid: 'MBx', author: 'customer-identity' },
      false,
      'customer',
    ],
    ['an SMS number when participants are unknown', { author: '+15550001111' }, false, 'customer'],
    ['an agent identity when participants are unknown', { author: 'agent@example.com' }, false, 'agent'],
    ['a bot when participants are unknown', { author: 'bot' }, false, 'other'],
    ['no author when participants are unknown', {}, false, 'other'],
    [
      "the plugin's marker on the customer's message when participants are unknown",
      { author: 'customer-identity', attributes: OUR_WARNING },
      false,
      'customer',
    ],
    [
      'our own warning when participants are unknown, sent as this agent',
      { author: 'agent@example.com', attributes: OUR_WARNING },
      false,
      'plugin',
    ],
    [
      "the plugin's marker on a supervisor's message",
      { participantSid: 'MBsupervisor', author: 'supervisor@example.com', attributes: OUR_WARNING },
      true,
      'other',
    ],
    [
      'a damaged marker is judged by its author',
      { author: 'customer-identity', attributes: { conversationsInactivity: {} } },
      false,
      'customer',
    ],
  ])('classifies %s', (_case, overrides, participantsKnown, expected) => {
    expect(classifyMessage(message(overrides), parties(participantsKnown))).toBe(expected);
  });
});
