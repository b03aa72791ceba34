import { isPlainObject } from './bodyFields';
import { SandboxError } from './errors';
import type { Fault } from './faults';
import { channelList, channelResource, inviteResource, participantList } from './interactionShapes';
import { matchRoute, param } from './routeMatch';
import type { TwilioReply } from './twilioReplies';
import { jsonReply, refused, twilioError } from './twilioReplies';
import type { World } from './world';

/** The body Flex posts to event-bridge.twilio.com/v1/wschannels: a request for TaskRouter to make on its behalf. */
export interface ProxiedRequest {
  readonly url: string;
  readonly method: string;
  readonly params: unknown;
}

/** Reads the wschannels body; undefined when it is not `{ url, method, params }`. */
export function readProxiedRequest(body: unknown): ProxiedRequest | undefined {
  if (!isPlainObject(body) || typeof body.url !== 'string' || typeof body.method !== 'string') return undefined;
  return { url: body.url, method: body.method.toUpperCase(), params: body.params ?? {} };
}

/**
 * Answers a proxied Interactions request with `{ payload }`, as the proxy does. Flex sends WrapupTask and
 * CompleteTask of Flex Conversations tasks this way (POST the channel with `routing.status` wrapup / closed) and
 * reads a task's participants, and, with transfers enabled, each conversation's transfers as it loads it. Anything
 * else is refused. A fault set for a task's wrap-up (POST /sandbox/faults)
 * turns its next wrap-up request into an error reply that changes nothing.
 */
export function answerInteractions(world: World, request: ProxiedRequest): TwilioReply {
  const path = request.url.replace(/^\/+/, '').split('?')[0] ?? '';
  try {
    return answerPath(world, request, `/${path}`);
  } catch (error) {
    if (error instanceof SandboxError) return twilioError(error.status, error.message);
    throw error;
  }
}

function answerPath(world: World, request: ProxiedRequest, path: string): TwilioReply {
  const invite = matchRoute('/v1/Interactions/:kd/Channels/:uo/Invites/:kg', path);
  if (invite !== undefined && request.method === 'POST') return answerInvite(world, invite, request.params);
  const channel = matchRoute('/v1/Interactions/:kd/Channels/:uo', path);
  if (channel !== undefined && request.method === 'POST') return updateChannel(world, channel, request.params);
  const transfers = matchRoute('/v1/Instances/:go/Interactions/:kd/Channels/:uo/Transfers', path);
  if (transfers !== undefined && request.method === 'GET') {
    // Flex's CBM client takes the payload as the list itself (it refuses anything but an array).
    return payload(world.transfersOf(param(transfers, 'kd'), param(transfers, 'uo')));
  }
  const participants = matchRoute('/v1/Interactions/:kd/Channels/:uo/Participants', path);
  if (participants !== undefined && request.method === 'GET') {
    return payload(participantList(world.interaction(param(participants, 'kd'), param(participants, 'uo'))));
  }
  const channels = matchRoute('/v1/Interactions/:kd/Channels', path);
  if (channels !== undefined && request.method === 'GET')
    return payload(channelList(world.interaction(param(channels, 'kd'))));
  return refused(`${request.method} ${path}`);
}

function updateChannel(world: World, route: Record<string, string>, params: unknown): TwilioReply {
  const kd = param(route, 'kd');
  const uo = param(route, 'uo');
  const routingStatus = readRoutingStatus(params);
  if (routingStatus === 'wrapup') {
    const fault = world.faults.take(world.interaction(kd, uo).task.sid, 'wrapup');
    if (fault !== undefined) return refusedWrapup(uo, fault);
    world.wrapUpInteraction(kd, uo);
  } else if (routingStatus === 'closed') {
    world.completeInteraction(kd, uo);
  } else {
    return refused(`POST /v1/Interactions/${kd}/Channels/${uo} with params ${JSON.stringify(params)}`);
  }
  return payload(channelResource(world.interaction(kd, uo)));
}

// Twilio error 45360, "Failed to close or delete Conversation. Downstream error": what the Interactions API reports
// when closing a channel fails behind it. Answered with 400, Twilio's usual status for a refused update.
const CLOSE_FAILED_CODE = 45360;

/** An injected wrap-up failure: nothing changes (the task stays accepted, the channel open), held `delayMs` first. */
function refusedWrapup(channelSid: string, fault: Fault): TwilioReply {
  const message = `Failed to close Channel ${channelSid}: the Conversations API returned an error (sandbox fault: ${fault.outcome})`;
  return { ...twilioError(400, message, true, CLOSE_FAILED_CODE), holdMs: fault.delayMs, fault };
}

/** Accept or decline of the agent's invite: `{ action, routing: { type: "taskrouter", reservation: { sid } } }`. */
function answerInvite(world: World, route: Record<string, string>, params: unknown): TwilioReply {
  const action = isPlainObject(params) ? params.action : undefined;
  const ref = {
    interactionSid: param(route, 'kd'),
    channelSid: param(route, 'uo'),
    inviteSid: param(route, 'kg'),
    reservationSid: readReservationSid(params),
  };
  if (action !== 'accept' && action !== 'decline') {
    return refused(`POST invite ${ref.inviteSid} with params ${JSON.stringify(params)}`);
  }
  return payload(inviteResource(world.answerInvite(ref, action === 'accept'), ref.inviteSid));
}

function readReservationSid(params: unknown): string | undefined {
  if (!isPlainObject(params) || !isPlainObject(params.routing) || !isPlainObject(params.routing.reservation))
    return undefined;
  const sid = params.routing.reservation.sid;
  return typeof sid === 'string' ? sid : undefined;
}

/** `params.routing.status` of a channel update (`wrapup` or `closed` are the ones Flex sends). */
function readRoutingStatus(params: unknown): unknown {
  if (!isPlainObject(params) || !isPlainObject(params.routing)) return undefined;
  return params.routing.status;
}

function payload(body: unknown): TwilioReply {
  return jsonReply({ payload: body });
}
