import { SANDBOX_AGENT_IDENTITY } from '../shared/protocol';
import { stableSid } from './sids';

/**
 * The fixed resources of the sandbox's one Twilio account: the ones a real account has before any customer writes.
 * Stable across runs (derived from names), and shaped like real sids.
 */
export const SANDBOX_ACCOUNT = Object.freeze({
  accountSid: stableSid('AC', 'sandbox account'),
  workspaceSid: stableSid('WS', 'sandbox workspace'),
  workflowSid: stableSid('WW', 'sandbox workflow'),
  workflowName: 'Assign to Anyone',
  queueSid: stableSid('WQ', 'sandbox queue'),
  queueName: 'Everyone',
  chatTaskChannelSid: stableSid('TC', 'sandbox chat task channel'),
  workerSid: stableSid('WK', 'sandbox worker'),
  workerFriendlyName: 'Sandbox Agent',
  agentIdentity: SANDBOX_AGENT_IDENTITY,
  availableActivitySid: stableSid('WA', 'sandbox activity available'),
  unavailableActivitySid: stableSid('WA', 'sandbox activity unavailable'),
  breakActivitySid: stableSid('WA', 'sandbox activity break'),
  offlineActivitySid: stableSid('WA', 'sandbox activity offline'),
  conversationsServiceSid: stableSid('IS', 'sandbox conversations service'),
  flexServiceInstanceSid: stableSid('IS', 'sandbox flex service instance'),
  flexInstanceSid: stableSid('GO', 'sandbox flex instance'),
  flexUserSid: stableSid('FU', 'sandbox flex user'),
  messagingServiceSid: stableSid('MG', 'sandbox messaging service'),
  apiKeySid: stableSid('SK', 'sandbox api key'),
  /** The number sms/whatsapp customers write to. */
  proxyAddress: '+15550000000',
});

/**
 * The sid of the TaskRouter queue named `queueName`: made up, but the same for the same name on every run. The
 * default queue keeps the account's own `queueSid` (the one the Flex configuration lists).
 */
export function queueSidFor(queueName: string): string {
  return queueName === SANDBOX_ACCOUNT.queueName
    ? SANDBOX_ACCOUNT.queueSid
    : stableSid('WQ', `sandbox queue ${queueName}`);
}

/** Identity used for messages posted as a supervisor. */
export const SUPERVISOR_IDENTITY = 'supervisor@sandbox.local';
/** Identity used for messages posted as a bot (Studio/AI assistant). */
export const BOT_IDENTITY = 'bot';
/** Identities of the non-customer roles (webchat-style `chat` participants). */
export const ROLE_IDENTITIES: Readonly<Record<'agent' | 'supervisor' | 'bot', string>> = {
  agent: SANDBOX_ACCOUNT.agentIdentity,
  supervisor: SUPERVISOR_IDENTITY,
  bot: BOT_IDENTITY,
};

/** Display names of the non-customer roles, in participant attributes where Conversations clients look for them. */
export const ROLE_NAMES: Readonly<Record<'agent' | 'supervisor' | 'bot', string>> = {
  agent: SANDBOX_ACCOUNT.workerFriendlyName,
  supervisor: 'Sandbox Supervisor',
  bot: 'Sandbox Bot',
};

/** Author of messages posted without a participant, as the Conversations REST API shows them. */
export const SYSTEM_AUTHOR = 'system';
