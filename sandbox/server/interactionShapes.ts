import type { ParticipantRecord } from './records';
import { queueSidFor, SANDBOX_ACCOUNT } from './sandboxAccount';
import type { InteractionView } from './world';

// Flex Interactions resources in Twilio's REST shape (snake_case), as flex-api.twilio.com/v1/Interactions returns
// them through the TaskRouter HTTP proxy. Flex camel-cases media_properties and reads routing_properties'
// task_sid, worker_sid and reservation_sid.

const BASE_URL = 'https://flex-api.twilio.com/v1/Interactions';

/** The Interaction's channel (UO...): what POST .../Channels/UO... answers. */
export function channelResource({ conversation }: InteractionView): Record<string, unknown> {
  const url = `${BASE_URL}/${conversation.interactionSid}/Channels/${conversation.interactionChannelSid}`;
  return {
    sid: conversation.interactionChannelSid,
    interaction_sid: conversation.interactionSid,
    type: conversation.channelType,
    status: conversation.state === 'closed' ? 'closed' : 'active',
    media_sid: conversation.sid,
    error_code: null,
    error_message: null,
    url,
    links: { participants: `${url}/Participants`, invites: `${url}/Invites` },
  };
}

/** The agent's channel invite (KG...), as accepting or declining it answers. */
export function inviteResource({ conversation, task }: InteractionView, inviteSid: string): Record<string, unknown> {
  const channelUrl = `${BASE_URL}/${conversation.interactionSid}/Channels/${conversation.interactionChannelSid}`;
  return {
    sid: inviteSid,
    interaction_sid: conversation.interactionSid,
    channel_sid: conversation.interactionChannelSid,
    routing: { properties: routingProperties({ conversation, task }) },
    url: `${channelUrl}/Invites/${inviteSid}`,
  };
}

/** GET .../Channels: the Interaction's channels (the sandbox routes one per conversation). */
export function channelList(view: InteractionView): Record<string, unknown> {
  return { channels: [channelResource(view)], meta: listMeta(1) };
}

/** GET .../Channels/UO.../Participants: customer, agent and supervisor of the conversation, as Interactions sees them. */
export function participantList(view: InteractionView): Record<string, unknown> {
  const participants = view.conversation.participants
    .filter((p) => p.leftAt === null && p.role !== 'bot')
    .map((p) => participantResource(view, p));
  return { participants, channel_type: view.conversation.channelType, meta: listMeta(participants.length) };
}

function participantResource(view: InteractionView, participant: ParticipantRecord): Record<string, unknown> {
  const { conversation } = view;
  return {
    sid: participant.interactionParticipantSid,
    type: participant.role,
    interaction_sid: conversation.interactionSid,
    channel_sid: conversation.interactionChannelSid,
    url: `${BASE_URL}/${conversation.interactionSid}/Channels/${conversation.interactionChannelSid}/Participants/${participant.interactionParticipantSid}`,
    media_properties: mediaProperties(participant),
    routing_properties: participant.role === 'agent' ? routingProperties(view) : null,
  };
}

/** The Conversations side of a participant; `sid` is the MB... that messages carry as participantSid. */
function mediaProperties(participant: ParticipantRecord): Record<string, unknown> {
  const base = {
    sid: participant.sid,
    identity: participant.identity,
    conversation_sid: participant.conversationSid,
    type: participant.type,
  };
  if (participant.address === null) return base;
  const binding = { type: participant.type, address: participant.address, proxy_address: proxyAddress(participant) };
  return { ...base, messaging_binding: binding };
}

function proxyAddress(participant: ParticipantRecord): string {
  const number = SANDBOX_ACCOUNT.proxyAddress;
  return participant.type === 'whatsapp' ? `whatsapp:${number}` : number;
}

function routingProperties({ task }: InteractionView): Record<string, unknown> {
  return {
    account_sid: SANDBOX_ACCOUNT.accountSid,
    workspace_sid: SANDBOX_ACCOUNT.workspaceSid,
    task_sid: task.sid,
    reservation_sid: task.reservation.sid,
    worker_sid: SANDBOX_ACCOUNT.workerSid,
    task_channel_unique_name: 'chat',
    task_channel_sid: SANDBOX_ACCOUNT.chatTaskChannelSid,
    queue_sid: queueSidFor(task.queueName),
    workflow_sid: SANDBOX_ACCOUNT.workflowSid,
  };
}

function listMeta(count: number): Record<string, unknown> {
  return {
    page: 0,
    page_size: Math.max(50, count),
    first_page_url: null,
    previous_page_url: null,
    next_page_url: null,
    key: 'items',
  };
}
