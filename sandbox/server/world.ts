import type {
  ConversationDto,
  MessageDto,
  MessagePageDto,
  ParticipantDto,
  ParticipantRole,
  ReservationDto,
  QueueDto,
  SendMessageRequest,
  TransferDto,
  TaskDto,
  WorkerDto,
} from '../shared/protocol';
import { ChannelTransfers } from './channelTransfers';
import { ConversationStore } from './conversationStore';
import { makeCustomerProfile } from './customerProfile';
import { toConversationDto, toMessageDto, toParticipantDto, toReservationDto } from './dtos';
import { SandboxError } from './errors';
import type { Fault } from './faults';
import { FaultStore } from './faults';
import type { InactivitySetting } from './flexConfiguration';
import { FlexSettings } from './flexSettings';
import type { PageQuery } from './messagePaging';
import { pageMessages } from './messagePaging';
import type { WorkerViewDto } from './protocolAdditions';
import type { PushSink } from './push';
import { AGENT_ONLY } from './push';
import type { ChannelType, ConversationRecord, MessageRecord, ParticipantRecord, TaskRecord } from './records';
import type { AutomationTaskStatus, ReservationAction } from './reservationRules';
import { automationTaskStatus } from './reservationRules';
import { queueSidFor, ROLE_IDENTITIES, ROLE_NAMES, SANDBOX_ACCOUNT } from './sandboxAccount';
import { taskAttributes } from './taskAttributes';
import { TaskStore } from './taskStore';
import { WorkerConnection } from './workerConnection';
import { WORKSPACE_ACTIVITIES, WorkerState } from './workerState';

/** Settings of a new world. */
export interface WorldOptions {
  /** Where events go. */
  readonly push: PushSink;
  /** Start-up `ui_attributes.customerInactivity`; undefined leaves the key out of the configuration. */
  readonly initialCustomerInactivity?: unknown;
  /** Epoch ms; injectable for tests. */
  readonly now?: () => number;
}

/** What POST /sandbox/conversations asks for. */
export interface NewConversation {
  readonly channelType: ChannelType;
  readonly customerName?: string;
  /** true: the agent accepts the offer at once, as Flex's auto-accept does. */
  readonly autoAccept: boolean;
  /** The TaskRouter queue the task is routed through (friendly name); the account's `Everyone` when not given. */
  readonly queueName?: string;
  /** Seconds the task waited in the queue before its reservation (created now) was offered; 0 when not given. */
  readonly queueWaitSec?: number;
}

/** A message as the automation API lists it: who wrote it, by role. */
export interface AutomationMessage {
  readonly index: number;
  readonly from: ParticipantRole | 'system';
  readonly author: string;
  readonly body: string;
  readonly attributes: Record<string, unknown>;
  readonly dateCreated: string;
}

/** A task as the automation API reports it. */
export interface TaskSummary {
  readonly sid: string;
  readonly status: AutomationTaskStatus;
  readonly conversationSid: string;
  readonly queueName: string;
  /** The task's current attributes, whole. */
  readonly attributes: Record<string, unknown>;
}

/** The invite Flex answers to accept or decline a Flex Conversations task. */
export interface InviteRef {
  readonly interactionSid: string;
  readonly channelSid: string;
  readonly inviteSid: string;
  /** The reservation named in the request's routing, when given. */
  readonly reservationSid?: string;
}

/** A conversation, the task that routes it, and so its Flex Interaction. */
export interface InteractionView {
  readonly conversation: ConversationRecord;
  readonly task: TaskRecord;
}

/**
 * The local Twilio: one worker, its tasks and reservations, the conversations they route, the Flex configuration
 * and the agent desktop's Conversations connection. Every method is synchronous and pushes what a real client
 * would hear; failures throw SandboxError with the status the real service would answer.
 */
export class World {
  private readonly now: () => number;
  private readonly push: PushSink;
  private readonly conversations: ConversationStore;
  private readonly tasks: TaskStore;
  private readonly worker: WorkerState;
  private readonly transfers: ChannelTransfers;
  /** The Flex configuration and the agent's Conversations connection. */
  readonly settings: FlexSettings;
  /** Faults waiting for Flex's next requests (POST /sandbox/faults). */
  readonly faults = new FaultStore();
  /** The agent pages' TaskRouter connection (POST /sandbox/worker/reconnect). */
  readonly workerConnection: WorkerConnection;

  constructor(options: WorldOptions) {
    this.now = options.now ?? Date.now;
    this.push = options.push;
    this.conversations = new ConversationStore(this.now);
    this.tasks = new TaskStore(this.now);
    this.transfers = new ChannelTransfers(this.now);
    const initial = options.initialCustomerInactivity;
    const setting: InactivitySetting = initial === undefined ? { present: false } : { present: true, value: initial };
    this.settings = new FlexSettings(setting, this.push, this.now);
    this.worker = new WorkerState(this.now(), this.now);
    this.workerConnection = new WorkerConnection({
      push: this.push,
      now: this.now,
      snapshot: () => {
        const { worker, reservations } = this.workerView();
        return { worker, reservations };
      },
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Conversations

  /** A customer starts a conversation: Flex Conversations creates its task and offers it to the agent. */
  createConversation(spec: NewConversation): { conversationSid: string; taskSid: string } {
    const customer = makeCustomerProfile(spec.channelType, spec.customerName);
    const conversation = this.conversations.create(spec.channelType, customer.name);
    this.conversations.addParticipant(conversation, {
      identity: customer.identity,
      address: customer.address,
      type: customer.participantType,
      role: 'customer',
      attributes: { friendlyName: customer.name },
    });
    const queueName = spec.queueName ?? SANDBOX_ACCOUNT.queueName;
    const queueWaitMs = Math.round((spec.queueWaitSec ?? 0) * 1_000);
    const task = this.tasks.create(conversation.sid, taskAttributes(conversation, customer), queueName, queueWaitMs);
    this.push({ type: 'reservationCreated', reservation: toReservationDto(task, this.now()) }, AGENT_ONLY);
    if (spec.autoAccept) this.applyReservationAction(task, 'accept');
    return { conversationSid: conversation.sid, taskSid: task.sid };
  }

  /** The conversation `sid` (404 when unknown). */
  conversation(sid: string): ConversationDto {
    return toConversationDto(this.conversations.get(sid));
  }

  /** The customer of conversation `sid` (404 when unknown): how their messages are authored, and their name. */
  customer(sid: string): { author: string; name: string; channelType: ChannelType } {
    const conversation = this.conversations.get(sid);
    const customer = conversation.participants.find((p) => p.role === 'customer');
    const author = customer?.identity ?? customer?.address ?? '';
    return { author, name: conversation.friendlyName, channelType: conversation.channelType };
  }

  /** The conversations the agent currently is a participant of. */
  agentConversations(): ConversationDto[] {
    return this.conversations
      .all()
      .filter((c) => this.agentIsIn(c))
      .map(toConversationDto);
  }

  /** Moves the read horizon of participant `participantSid` of conversation `sid` (Conversations' read receipts). */
  markRead(sid: string, participantSid: string, index: number | null): ParticipantDto {
    const conversation = this.conversations.get(sid);
    const participant = this.conversations.activeBySid(conversation, participantSid);
    this.conversations.markRead(conversation, participant, index);
    this.push({ type: 'conversationUpdated', conversation: toConversationDto(conversation) }, AGENT_ONLY);
    return toParticipantDto(participant);
  }

  /** Whether the agent currently is a participant of conversation `sid` (404 when unknown). */
  agentIsParticipant(sid: string): boolean {
    return this.agentIsIn(this.conversations.get(sid));
  }

  /** A page of messages, as `Conversation.getMessages` returns it. */
  messagePage(sid: string, query: PageQuery): MessagePageDto {
    const page = pageMessages(this.conversations.get(sid).messages, query);
    return { ...page, items: page.items.map(toMessageDto) };
  }

  /** Every message of conversation `sid`, oldest first, labelled by who wrote it. */
  transcript(sid: string): AutomationMessage[] {
    const conversation = this.conversations.get(sid);
    return conversation.messages.map((message) => this.toAutomationMessage(conversation, message));
  }

  /** A Conversations client sends a message: its author must be a current participant (403 otherwise). */
  sendFromClient(sid: string, request: SendMessageRequest): MessageDto {
    const conversation = this.conversations.get(sid);
    const participant = this.conversations.activeByAuthor(conversation, request.author);
    if (participant === undefined) {
      throw new SandboxError(403, `${request.author} is not a participant of conversation ${sid}`);
    }
    return this.addMessage(conversation, participant, request.body, request.attributes ?? {});
  }

  /**
   * The automation API posts as `role`; supervisors and bots join on their first message. `createdAt` backdates the
   * message, as the `DateCreated` parameter of Twilio's Conversations API does.
   */
  sendAs(
    sid: string,
    role: ParticipantRole,
    body: string,
    attributes: Record<string, unknown>,
    createdAt?: number,
  ): MessageDto {
    const conversation = this.conversations.get(sid);
    const participant = this.participantFor(conversation, role);
    return this.addMessage(conversation, participant, body, attributes, createdAt);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // TaskRouter

  /** The worker, the reservations it holds or is offered, and the workspace's activities. */
  workerView(): WorkerViewDto {
    const open = this.tasks.all().filter((t) => ['pending', 'accepted', 'wrapping'].includes(t.reservation.status));
    const reservations = open.map((t) => toReservationDto(t, this.now()));
    return { worker: this.worker.dto(), reservations, activities: WORKSPACE_ACTIVITIES };
  }

  /** Moves the worker to another activity (404 for an activity the workspace lacks). */
  setWorkerActivity(activitySid: string): WorkerDto {
    return this.worker.setActivity(activitySid);
  }

  /** The worker acts on reservation `reservationSid` (404 unknown, 409 when TaskRouter would refuse). */
  actOnReservation(reservationSid: string, action: ReservationAction): ReservationDto {
    const task = this.tasks.byReservation(reservationSid);
    this.applyReservationAction(task, action);
    return toReservationDto(task, this.now());
  }

  /** The task `taskSid` with its status as the agent's reservation shows it. */
  taskSummary(taskSid: string): TaskSummary {
    const task = this.tasks.get(taskSid);
    return {
      sid: task.sid,
      status: automationTaskStatus(task.reservation.status),
      conversationSid: task.conversationSid,
      queueName: task.queueName,
      attributes: task.attributes,
    };
  }

  /**
   * Replaces the attributes of task `taskSid` (404 when unknown), as TaskRouter's task update does, and tells the
   * agent pages: the push is the task `updated` event of the real TaskRouter socket.
   */
  setTaskAttributes(taskSid: string, attributes: Record<string, unknown>): TaskDto {
    const task = this.tasks.get(taskSid);
    this.tasks.setAttributes(task, attributes);
    const reservation = toReservationDto(task, this.now());
    this.push({ type: 'reservationUpdated', reservation, event: 'updated' }, AGENT_ONLY);
    return reservation.task;
  }

  /** Cancels a task that is still waiting for the agent (409 once accepted, as TaskRouter refuses). */
  cancelTask(taskSid: string): TaskSummary {
    this.applyReservationAction(this.tasks.get(taskSid), 'cancel');
    return this.taskSummary(taskSid);
  }

  /** Sets a fault for the next `fault.action` request of task `fault.taskSid` (404 when the task is unknown). */
  addFault(fault: Fault): Fault {
    this.tasks.get(fault.taskSid);
    return this.faults.add(fault);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Transfers

  /**
   * The agent cold-transfers the accepted task `taskSid` to queue `queueName` (409 unless accepted, or when a transfer
   * is pending). As after Flex's own `StartChannelTransfer`, the agent's Flex reads the channel's transfers again.
   */
  startTransfer(taskSid: string, queueName: string): TransferDto {
    const task = this.tasks.get(taskSid);
    if (task.reservation.status !== 'accepted') {
      throw new SandboxError(
        409,
        `task ${taskSid} is ${task.reservation.status}: only an accepted task can be transferred`,
      );
    }
    const conversation = this.conversations.get(task.conversationSid);
    const agent = this.conversations.activeWithRole(conversation, 'agent');
    const from = agent === undefined ? '' : agent.interactionParticipantSid;
    const transfer = this.transfers.start(conversation, from, { sid: queueSidFor(queueName), name: queueName });
    const transfers = this.transfers.listFor(conversation);
    this.push({ type: 'transfersLoaded', conversationSid: conversation.sid, transfers }, AGENT_ONLY);
    return transfer;
  }

  /**
   * The pending transfer of `taskSid` fails (nobody took it): the chat stays with the agent, whose reservation is
   * untouched. Nothing reaches the agent's page: Flex reads the new status when it next loads the conversation.
   */
  failTransfer(taskSid: string): TransferDto {
    return this.transfers.end(this.conversations.get(this.tasks.get(taskSid).conversationSid), 'failed');
  }

  /**
   * Another agent accepts the pending transfer of `taskSid`: as after a cold transfer, this agent leaves the
   * conversation and their reservation moves to wrap-up (the conversation stays open for the new agent).
   */
  acceptTransfer(taskSid: string): TransferDto {
    const task = this.tasks.get(taskSid);
    const conversation = this.conversations.get(task.conversationSid);
    const transfer = this.transfers.end(conversation, 'completed');
    this.agentLeaves(conversation);
    this.applyReservationAction(task, 'wrap');
    return transfer;
  }

  /** The queue `sid` (404 unless the default queue, one a chat was routed to, or one a transfer went to). */
  queue(sid: string): QueueDto {
    const names = [SANDBOX_ACCOUNT.queueName, ...this.tasks.all().map((task) => task.queueName)];
    const name = [...names, ...this.transfers.targetQueueNames()].find((each) => queueSidFor(each) === sid);
    if (name === undefined) throw new SandboxError(404, `TaskQueue ${sid} not found`);
    return { sid, name };
  }

  /** The transfers of an Interactions channel, oldest first (404 when unknown). */
  transfersOf(interactionSid: string, channelSid: string): TransferDto[] {
    return this.transfers.listFor(this.interaction(interactionSid, channelSid).conversation);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Flex Interactions

  /** The conversation and task of Interaction `interactionSid` (and its channel `channelSid`); 404 when unknown. */
  interaction(interactionSid: string, channelSid?: string): InteractionView {
    const conversation = this.conversations.byInteraction(interactionSid, channelSid);
    const task = this.tasks.byConversation(conversation.sid);
    if (task === undefined) throw new SandboxError(404, `no task routes interaction ${interactionSid}`);
    return { conversation, task };
  }

  /** Answers the agent's channel invite (Flex's AcceptTask/RejectTask of a Flex Conversations task). */
  answerInvite(ref: InviteRef, accept: boolean): InteractionView {
    const view = this.interaction(ref.interactionSid, ref.channelSid);
    const { conversation, task } = view;
    if (conversation.inviteSid !== ref.inviteSid) throw new SandboxError(404, `invite ${ref.inviteSid} not found`);
    if (ref.reservationSid !== undefined && ref.reservationSid !== task.reservation.sid) {
      throw new SandboxError(404, `reservation ${ref.reservationSid} is not the one invited by ${ref.inviteSid}`);
    }
    this.applyReservationAction(task, accept ? 'accept' : 'reject');
    return view;
  }

  /** Closes the channel and moves the task to wrap-up (Flex's WrapupTask for a Flex Conversations task). */
  wrapUpInteraction(interactionSid: string, channelSid: string): void {
    const { conversation, task } = this.interaction(interactionSid, channelSid);
    this.applyReservationAction(task, 'wrap');
    this.closeConversation(conversation);
  }

  /** Closes the channel and completes the task; the agent leaves the conversation (Flex's CompleteTask). */
  completeInteraction(interactionSid: string, channelSid: string): void {
    const { conversation, task } = this.interaction(interactionSid, channelSid);
    this.applyReservationAction(task, 'complete');
    this.closeConversation(conversation);
    this.agentLeaves(conversation);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Reset

  /**
   * Back to the start: a dropped TaskRouter connection returns first (so pages hear what follows), open tasks end
   * (pushed, so open pages clear), everything is forgotten, config restored, pending faults dropped and requests held
   * by a fault answered at once.
   */
  reset(): void {
    this.workerConnection.connectNow();
    this.faults.clear();
    for (const task of this.tasks.all()) this.endForReset(task);
    for (const conversation of this.conversations.all()) {
      if (this.agentIsIn(conversation)) {
        this.push({ type: 'conversationRemoved', conversationSid: conversation.sid }, AGENT_ONLY);
      }
    }
    this.tasks.clear();
    this.transfers.clear();
    this.conversations.clear();
    this.worker.reset();
    this.settings.reset();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Internals

  private applyReservationAction(task: TaskRecord, action: ReservationAction): void {
    const event = this.tasks.apply(task, action);
    this.push({ type: 'reservationUpdated', reservation: toReservationDto(task, this.now()), event }, AGENT_ONLY);
    // Flex Conversations adds the agent to the conversation once the reservation is accepted.
    if (action === 'accept') this.join(this.conversations.get(task.conversationSid), 'agent');
  }

  private endForReset(task: TaskRecord): void {
    const status = task.reservation.status;
    if (status === 'pending') this.applyReservationAction(task, 'cancel');
    if (status === 'accepted' || status === 'wrapping') this.applyReservationAction(task, 'complete');
  }

  private participantFor(conversation: ConversationRecord, role: ParticipantRole): ParticipantRecord {
    const current = this.conversations.activeWithRole(conversation, role);
    if (current !== undefined) return current;
    if (role === 'supervisor' || role === 'bot') return this.join(conversation, role);
    const why = role === 'agent' ? 'accept its task first' : 'the customer left';
    throw new SandboxError(409, `the ${role} is not a participant of conversation ${conversation.sid} (${why})`);
  }

  private join(conversation: ConversationRecord, role: 'agent' | 'supervisor' | 'bot'): ParticipantRecord {
    const identity = ROLE_IDENTITIES[role];
    const attributes = { friendlyName: ROLE_NAMES[role] };
    const spec = { identity, address: null, type: 'chat' as const, role, attributes };
    const participant = this.conversations.addParticipant(conversation, spec);
    if (this.agentIsIn(conversation)) {
      this.push({ type: 'participantJoined', participant: toParticipantDto(participant) }, AGENT_ONLY);
    }
    return participant;
  }

  private addMessage(
    conversation: ConversationRecord,
    participant: ParticipantRecord,
    body: string,
    attributes: Record<string, unknown>,
    createdAt?: number,
  ): MessageDto {
    const author = participant.identity ?? participant.address ?? participant.sid;
    const spec = { author, participantSid: participant.sid, body, attributes, createdAt };
    const message = toMessageDto(this.conversations.addMessage(conversation, spec));
    this.push({ type: 'messageAdded', message }, { agent: this.agentIsIn(conversation), customerOf: conversation.sid });
    return message;
  }

  private closeConversation(conversation: ConversationRecord): void {
    if (conversation.state === 'closed') return;
    conversation.state = 'closed';
    conversation.updatedAt = this.now();
    if (this.agentIsIn(conversation)) {
      this.push({ type: 'conversationUpdated', conversation: toConversationDto(conversation) }, AGENT_ONLY);
    }
  }

  /** The agent, if still in `conversation`, leaves it; their page hears of it. */
  private agentLeaves(conversation: ConversationRecord): void {
    const agent = this.conversations.activeWithRole(conversation, 'agent');
    if (agent === undefined) return;
    this.conversations.removeParticipant(conversation, agent);
    this.push({ type: 'participantLeft', participant: toParticipantDto(agent) }, AGENT_ONLY);
  }

  private agentIsIn(conversation: ConversationRecord): boolean {
    return this.conversations.activeWithRole(conversation, 'agent') !== undefined;
  }

  private toAutomationMessage(conversation: ConversationRecord, message: MessageRecord): AutomationMessage {
    const { index, author, body, attributes } = message;
    const from = this.conversations.roleOf(conversation, message);
    return { index, from, author, body, attributes, dateCreated: new Date(message.createdAt).toISOString() };
  }
}
