import { InternalRoutes } from '../shared/protocol';
import {
  asObject,
  describeJson,
  isPlainObject,
  optionalObject,
  rejectUnknownFields,
  requiredString,
} from './bodyFields';
import { SandboxError } from './errors';
import type { EventHub, Subscription } from './events';
import { readJson, sendJson } from './httpIo';
import { readPageQuery } from './pageQueryParams';
import { InternalRouteAdditions } from './protocolAdditions';
import type { ReservationAction } from './reservationRules';
import { WORKER_ACTIONS } from './reservationRules';
import { param } from './routeMatch';
import type { Route, RouteContext } from './router';
import type { World } from './world';

const CONVERSATIONS = InternalRoutes.conversations;

/**
 * The JSON routes the browser-side SDK fakes call (InternalRoutes of sandbox/shared/protocol.ts), plus the SSE
 * stream. Conversations routes answer 503 while the agent's Conversations connection is down, as an offline client
 * fails; TaskRouter routes keep working.
 */
export function internalRoutes(world: World, hub: EventHub): Route[] {
  return [
    { method: 'GET', pattern: InternalRoutes.stream, handle: (c) => openStream(world, hub, c) },
    { method: 'GET', pattern: InternalRoutes.worker, handle: ({ res }) => sendJson(res, 200, world.workerView()) },
    {
      method: 'POST',
      pattern: `${InternalRoutes.reservationAction}/:sid/:action`,
      handle: ({ res, params }) => sendJson(res, 200, world.actOnReservation(param(params, 'sid'), readAction(params))),
    },
    {
      method: 'GET',
      pattern: CONVERSATIONS,
      handle: ({ res }) => sendJson(res, 200, online(world).agentConversations()),
    },
    {
      method: 'GET',
      pattern: `${CONVERSATIONS}/:sid`,
      handle: ({ res, params }) => sendJson(res, 200, online(world).conversation(asMember(world, params))),
    },
    {
      method: 'GET',
      pattern: `${CONVERSATIONS}/:sid/messages`,
      handle: ({ res, params, url }) =>
        sendJson(res, 200, online(world).messagePage(asMember(world, params), readPageQuery(url.searchParams))),
    },
    { method: 'POST', pattern: `${CONVERSATIONS}/:sid/messages`, handle: (c) => sendMessage(world, c) },
    { method: 'POST', pattern: InternalRouteAdditions.workerActivity, handle: (c) => setActivity(world, c) },
    {
      method: 'POST',
      pattern: `${CONVERSATIONS}/:sid/participants/:participantSid/read`,
      handle: (c) => markRead(world, c),
    },
    { method: 'POST', pattern: `${InternalRoutes.tasks}/:taskSid/attributes`, handle: (c) => setAttributes(world, c) },
    {
      method: 'GET',
      pattern: `${InternalRoutes.queues}/:sid`,
      handle: ({ res, params }) => sendJson(res, 200, world.queue(param(params, 'sid'))),
    },
  ];
}

function openStream(world: World, hub: EventHub, { res, url }: RouteContext): void {
  const role = url.searchParams.get('role');
  if (role !== 'agent' && role !== 'customer') {
    throw new SandboxError(400, `query "role" must be "agent" or "customer", got ${JSON.stringify(role)}`);
  }
  let subscription: Subscription = { role: 'agent' };
  if (role === 'customer') {
    const conversationSid = url.searchParams.get('conversationSid');
    if (conversationSid === null) throw new SandboxError(400, 'query "conversationSid" is required for role=customer');
    world.conversation(conversationSid);
    subscription = { role, conversationSid };
  }
  hub.attach(res, subscription);
}

function readAction(params: Record<string, string>): ReservationAction {
  const action = param(params, 'action');
  const known = WORKER_ACTIONS.find((candidate) => candidate === action);
  if (known !== undefined) return known;
  throw new SandboxError(404, `no reservation action "${action}"; expected ${WORKER_ACTIONS.join(', ')}`);
}

async function sendMessage(world: World, { req, res, params }: RouteContext): Promise<void> {
  const sid = param(params, 'sid');
  online(world).conversation(sid);
  const body = asObject(await readJson(req));
  rejectUnknownFields(body, ['author', 'body', 'attributes']);
  const request = { author: requiredString(body, 'author'), body: requiredString(body, 'body') };
  sendJson(res, 201, world.sendFromClient(sid, { ...request, attributes: optionalObject(body, 'attributes') ?? {} }));
}

async function setActivity(world: World, { req, res }: RouteContext): Promise<void> {
  const body = asObject(await readJson(req));
  rejectUnknownFields(body, ['activitySid']);
  sendJson(res, 200, world.setWorkerActivity(requiredString(body, 'activitySid')));
}

async function markRead(world: World, { req, res, params }: RouteContext): Promise<void> {
  const sid = asMember(world, params);
  const body = asObject(await readJson(req));
  rejectUnknownFields(body, ['lastReadMessageIndex']);
  const index = body.lastReadMessageIndex;
  if (index !== null && !(typeof index === 'number' && Number.isInteger(index) && index >= 0)) {
    throw new SandboxError(
      400,
      `"lastReadMessageIndex" must be a message index (an integer >= 0) or null, got ${describeJson(index)}`,
    );
  }
  sendJson(res, 200, world.markRead(sid, param(params, 'participantSid'), index));
}

/** `Task.setAttributes`: the body's `attributes` replace the task's (TaskRouter merges nothing). */
async function setAttributes(world: World, { req, res, params }: RouteContext): Promise<void> {
  const taskSid = param(params, 'taskSid');
  // An unknown task is the more useful answer than a body complaint.
  world.taskSummary(taskSid);
  const body = asObject(await readJson(req));
  rejectUnknownFields(body, ['attributes']);
  const attributes = body.attributes;
  if (!isPlainObject(attributes)) {
    const got = attributes === undefined ? 'nothing' : describeJson(attributes);
    throw new SandboxError(400, `"attributes" must be a JSON object (the task's new attributes, whole), got ${got}`);
  }
  sendJson(res, 200, world.setTaskAttributes(taskSid, { ...attributes }));
}

/** The world, if the agent's Conversations client is online; 503 otherwise. */
function online(world: World): World {
  if (world.settings.connectionState === 'connected') return world;
  throw new SandboxError(503, `the agent's Conversations connection is ${world.settings.connectionState}`);
}

/** The conversation sid of the route, if the agent is in it; 403 otherwise, as Conversations denies non-members. */
function asMember(world: World, params: Record<string, string>): string {
  const sid = param(params, 'sid');
  if (online(world).agentIsParticipant(sid)) return sid;
  throw new SandboxError(403, `${world.workerView().worker.identity} is not a participant of conversation ${sid}`);
}
