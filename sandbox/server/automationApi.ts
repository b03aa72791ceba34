import type { ParticipantRole } from '../shared/protocol';
import {
  asObject,
  optionalBoolean,
  optionalMilliseconds,
  optionalObject,
  optionalIsoTime,
  optionalSeconds,
  optionalString,
  rejectUnknownFields,
  requiredEnum,
  requiredString,
} from './bodyFields';
import { TASK_TIMEOUT_SEC } from './dtos';
import { SandboxError } from './errors';
import type { EventHub } from './events';
import type { Fault } from './faults';
import { DEFAULT_FAULT_DELAY_MS, FAULT_ACTIONS, FAULT_OUTCOMES, MAX_FAULT_DELAY_MS } from './faults';
import { readJson, readOptionalJson, sendJson } from './httpIo';
import { CHANNEL_TYPES } from './records';
import type { RequestLog } from './requestLog';
import { param } from './routeMatch';
import { SANDBOX_ACCOUNT } from './sandboxAccount';
import type { Route, RouteContext } from './router';
import { MAX_WORKER_OFFLINE_MS } from './workerConnection';
import type { World } from './world';

/** What the automation routes act on. */
export interface AutomationDeps {
  readonly world: World;
  readonly hub: EventHub;
  readonly requestLog: RequestLog;
}

const SENDER_ROLES: readonly ParticipantRole[] = ['customer', 'agent', 'supervisor', 'bot'];

/**
 * The public automation API under /sandbox/ that tests and people drive the sandbox with. JSON in and out;
 * unknown sids answer 404, bad bodies 400 naming the field.
 */
export function automationRoutes(deps: AutomationDeps): Route[] {
  const { world } = deps;
  return [
    { method: 'GET', pattern: '/sandbox/health', handle: ({ res }) => sendJson(res, 200, { ok: true }) },
    { method: 'POST', pattern: '/sandbox/conversations', handle: (c) => createConversation(world, c) },
    { method: 'POST', pattern: '/sandbox/conversations/:sid/messages', handle: (c) => postMessage(world, c) },
    {
      method: 'GET',
      pattern: '/sandbox/conversations/:sid/messages',
      handle: ({ res, params }) => sendJson(res, 200, world.transcript(param(params, 'sid'))),
    },
    {
      method: 'GET',
      pattern: '/sandbox/tasks/:taskSid',
      handle: ({ res, params }) => sendJson(res, 200, world.taskSummary(param(params, 'taskSid'))),
    },
    {
      method: 'POST',
      pattern: '/sandbox/tasks/:taskSid/cancel',
      handle: ({ res, params }) => sendJson(res, 200, world.cancelTask(param(params, 'taskSid'))),
    },
    { method: 'GET', pattern: '/sandbox/config', handle: ({ res }) => sendJson(res, 200, currentConfig(world)) },
    { method: 'PUT', pattern: '/sandbox/config', handle: (c) => putConfig(world, c) },
    { method: 'POST', pattern: '/sandbox/tasks/:taskSid/transfer', handle: (c) => startTransfer(world, c) },
    {
      method: 'DELETE',
      pattern: '/sandbox/tasks/:taskSid/transfer',
      handle: ({ res, params }) => sendJson(res, 200, world.failTransfer(param(params, 'taskSid'))),
    },
    {
      method: 'POST',
      pattern: '/sandbox/tasks/:taskSid/transfer/accept',
      handle: ({ res, params }) => sendJson(res, 200, world.acceptTransfer(param(params, 'taskSid'))),
    },
    { method: 'POST', pattern: '/sandbox/connection', handle: (c) => setConnection(world, c) },
    { method: 'POST', pattern: '/sandbox/worker/reconnect', handle: (c) => reconnectWorker(world, c) },
    { method: 'POST', pattern: '/sandbox/faults', handle: (c) => addFault(world, c) },
    { method: 'GET', pattern: '/sandbox/faults', handle: ({ res }) => sendJson(res, 200, world.faults.list()) },
    { method: 'POST', pattern: '/sandbox/reset', handle: ({ res }) => reset(deps, res) },
    { method: 'GET', pattern: '/sandbox/requests', handle: ({ res }) => sendJson(res, 200, deps.requestLog.list()) },
  ];
}

async function createConversation(world: World, { req, res }: RouteContext): Promise<void> {
  const body = asObject(await readJson(req));
  rejectUnknownFields(body, ['channelType', 'customerName', 'autoAccept', 'queueName', 'queueWaitSec']);
  const channelType = requiredEnum(body, 'channelType', CHANNEL_TYPES);
  const customerName = optionalString(body, 'customerName');
  const autoAccept = optionalBoolean(body, 'autoAccept') ?? true;
  const queueName = optionalString(body, 'queueName');
  // A task that waited longer than its timeout would have been canceled, not offered.
  const queueWaitSec = optionalSeconds(body, 'queueWaitSec', TASK_TIMEOUT_SEC);
  sendJson(res, 201, world.createConversation({ channelType, customerName, autoAccept, queueName, queueWaitSec }));
}

/** 201: a cold transfer to a queue (`{"to":"queue"}`, optional `queueName`, default `Everyone`) is pending. */
async function startTransfer(world: World, { req, res, params }: RouteContext): Promise<void> {
  const taskSid = param(params, 'taskSid');
  world.taskSummary(taskSid);
  const body = asObject(await readJson(req));
  rejectUnknownFields(body, ['to', 'queueName']);
  requiredEnum(body, 'to', ['queue'] as const);
  const queueName = optionalString(body, 'queueName') ?? SANDBOX_ACCOUNT.queueName;
  sendJson(res, 201, world.startTransfer(taskSid, queueName));
}

async function postMessage(world: World, { req, res, params }: RouteContext): Promise<void> {
  const sid = param(params, 'sid');
  // An unknown conversation is the more useful answer than a body complaint.
  world.conversation(sid);
  const body = asObject(await readJson(req));
  rejectUnknownFields(body, ['from', 'body', 'attributes', 'dateCreated']);
  const from = requiredEnum(body, 'from', SENDER_ROLES);
  const text = requiredString(body, 'body');
  const attributes = optionalObject(body, 'attributes') ?? {};
  // A backdated message (e.g. a customer who last wrote before WhatsApp's 24-hour window closed).
  const createdAt = optionalIsoTime(body, 'dateCreated');
  sendJson(res, 201, { ...world.sendAs(sid, from, text, attributes, createdAt), from });
}

function currentConfig(world: World): Record<string, unknown> {
  const setting = world.settings.customerInactivity;
  return setting.present ? { customerInactivity: setting.value } : {};
}

async function putConfig(world: World, { req, res }: RouteContext): Promise<void> {
  const body = asObject(await readJson(req));
  rejectUnknownFields(body, ['customerInactivity']);
  if (!Object.prototype.hasOwnProperty.call(body, 'customerInactivity')) {
    throw new SandboxError(400, '"customerInactivity" is required: the value to store in ui_attributes, as is');
  }
  // Stored as given, even when the plugin would reject it: validating it is the plugin's job, not the API's.
  world.settings.setCustomerInactivity(body.customerInactivity);
  sendJson(res, 200, currentConfig(world));
}

async function setConnection(world: World, { req, res }: RouteContext): Promise<void> {
  const body = asObject(await readJson(req));
  rejectUnknownFields(body, ['state']);
  const state = requiredEnum(body, 'state', ['connected', 'disconnected'] as const);
  world.settings.setConnectionState(state);
  sendJson(res, 200, { state: world.settings.connectionState });
}

/** 202: the worker is offline now; it reconnects (and the pages' Worker emits `ready`) at `reconnectAt`. */
async function reconnectWorker(world: World, { req, res }: RouteContext): Promise<void> {
  const body = asObject(await readOptionalJson(req, {}));
  rejectUnknownFields(body, ['offlineMs']);
  const offlineMs = optionalMilliseconds(body, 'offlineMs', MAX_WORKER_OFFLINE_MS) ?? 0;
  sendJson(res, 202, world.workerConnection.reconnect(offlineMs));
}

async function addFault(world: World, { req, res }: RouteContext): Promise<void> {
  const body = asObject(await readJson(req));
  rejectUnknownFields(body, ['taskSid', 'action', 'outcome', 'delayMs']);
  const taskSid = requiredString(body, 'taskSid');
  const action = requiredEnum(body, 'action', FAULT_ACTIONS);
  const outcome = requiredEnum(body, 'outcome', FAULT_OUTCOMES);
  const delayMs = optionalMilliseconds(body, 'delayMs', MAX_FAULT_DELAY_MS) ?? DEFAULT_FAULT_DELAY_MS[outcome];
  const fault: Fault = { taskSid, action, outcome, delayMs };
  sendJson(res, 201, world.addFault(fault));
}

function reset(deps: AutomationDeps, res: RouteContext['res']): void {
  // Held events belong to conversations that are about to disappear.
  deps.hub.dropHeld();
  deps.world.reset();
  deps.requestLog.clear();
  sendJson(res, 200, { ok: true });
}
