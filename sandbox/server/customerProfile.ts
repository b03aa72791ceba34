/// <reference types="node" />
import { randomInt } from 'crypto';

import type { ParticipantDto } from '../shared/protocol';
import type { ChannelType } from './records';
import { randomHex } from './sids';

/** Who the customer of a new conversation is, as each channel presents them. */
export interface CustomerProfile {
  /** Conversations identity: webchat customers have one, sms/whatsapp customers only an address. */
  readonly identity: string | null;
  readonly address: string | null;
  readonly participantType: ParticipantDto['type'];
  /** `Message.author` of the customer's messages: the identity for webchat, the address otherwise. */
  readonly author: string;
  readonly name: string;
}

/** A new customer for `channelType`; `name` defaults to what Flex shows for such customers. */
export function makeCustomerProfile(channelType: ChannelType, name?: string): CustomerProfile {
  if (channelType === 'web') {
    const identity = `customer-${randomHex(16)}`;
    return { identity, address: null, participantType: 'chat', author: identity, name: name ?? 'Web Customer' };
  }
  const phone = `+1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const address = channelType === 'whatsapp' ? `whatsapp:${phone}` : phone;
  // Twilio sets no identity for SMS/WhatsApp participants; the address is all Flex knows about them.
  return { identity: null, address, participantType: channelType, author: address, name: name ?? address };
}
