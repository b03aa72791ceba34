import type { CustomerProfile } from './customerProfile';
import type { ConversationRecord } from './records';

/** The attributes Flex Conversations gives the task of a new inbound messaging conversation. */
export function taskAttributes(conversation: ConversationRecord, customer: CustomerProfile): Record<string, unknown> {
  const customerAddress = customer.address ?? customer.author;
  return {
    conversationSid: conversation.sid,
    flexInteractionSid: conversation.interactionSid,
    flexInteractionChannelSid: conversation.interactionChannelSid,
    // Flex's AcceptTask/RejectTask of a Flex Conversations task answer this invite and throw without it.
    flexChannelInviteSid: conversation.inviteSid,
    channelType: conversation.channelType,
    customerName: customer.name,
    customerAddress,
    // Webchat tasks show the customer's name as `from`; SMS and WhatsApp tasks show the sender's address.
    from: conversation.channelType === 'web' ? customer.name : customerAddress,
    name: customer.name,
    direction: 'inbound',
  };
}
