import { combineReducers, createStore } from 'redux';

import { isRecord } from '../../core/isRecord';
import type { MessageFacts } from '../../core/messageAuthor';
import type { MessagingTaskFacts, TaskLike } from '../../tasks/messagingTask';
import type { ConversationGateway, TaskGateway } from '../../engine/ports';
import type { CommandEffects } from '../../engine/commandRunner';
import type { InactivityOutcome } from '../../core/outcomeAttributes';
import { outcomeAttributes } from '../../core/outcomeAttributes';
import type { InactivityMarker } from '../../core/inactivityMarker';
import type { InactivityStore } from '../../engine/ports';
import { INACTIVITY_NAMESPACE, inactivityReducer } from '../../state/inactivitySlice';
import type { Clock, IntervalHandle } from '../../runtime/clock';
import type { WakingNowSource } from '../../runtime/ticker';

/** A real Redux store holding only our slice, as Flex's store would hold it beside `flex`. */
export function fakeStore(): InactivityStore {
  return createStore(combineReducers({ [INACTIVITY_NAMESPACE]: inactivityReducer }));
}

/** A messaging task as Flex holds it after acceptance. */
export function fakeTask(
  n: number,
  overrides: Partial<TaskLike> = {},
  attributes: Record<string, unknown> = {},
): TaskLike {
  return {
    sid: `WR${n}`,
    taskSid: `WT${n}`,
    status: 'accepted',
    taskChannelUniqueName: 'chat',
    attributes: {
      conversationSid: `CH${n}`,
      channelType: 'web',
      customerName: `Customer ${n}`,
      customerAddress: `customer-${n}`,
      flexInteractionChannelSid: `UO${n}`,
      ...attributes,
    },
    ...overrides,
  };
}

/**
 * Overrides for {@link fakeTask}: its TaskRouter task was created at `createdAt` (Twilio's time) and waited in the
 * queue until its reservation was created, given as Flex's task carries it (`sourceObject.task.dateCreated`).
 */
export function queuedSince(createdAt: number): Pick<TaskLike, 'sourceObject'> {
  return { sourceObject: { task: { dateCreated: new Date(createdAt) } } };
}

/** When the TaskRouter task of `task` was created: as {@link queuedSince} gave it, else with its reservation. */
function taskCreatedAt(task: TaskLike, reservedAt: number): number {
  const given = isRecord(task.sourceObject) && isRecord(task.sourceObject.task) ? task.sourceObject.task : {};
  return given.dateCreated instanceof Date ? given.dateCreated.getTime() : reservedAt;
}

/**
 * The worker's tasks: change them with `set`, which also emits the change like Flex's task events. Each snapshot
 * handed out is shaped like Flex UI 2's task: `dateCreated`/`dateUpdated` are the reservation's (a task given without
 * `dateCreated` was reserved when first held), `age` is the TaskRouter task's as Twilio computes it when it sends the
 * task, and `sourceObject` is the reservation, whose `.task` has the task's own `dateCreated` and `age`. The task is
 * created with its reservation, unless given {@link queuedSince}.
 */
export class FakeTasks implements TaskGateway {
  readonly tasks = new Map<string, TaskLike>();
  readonly listeners = new Set<(task: TaskLike) => void>();
  /** Participants by conversation sid; a missing entry makes the lookup fail. */
  readonly participants = new Map<string, { customer: string[]; agent: string[] }>();

  constructor(
    initial: readonly TaskLike[] = [],
    private readonly serverNow: () => number = () => Date.now(),
  ) {
    initial.forEach((task) => this.tasks.set(task.sid, this.created(task)));
  }

  private created(task: TaskLike): TaskLike {
    return task.dateCreated === undefined ? { ...task, dateCreated: new Date(this.serverNow()) } : task;
  }

  private snapshot(task: TaskLike): TaskLike {
    const reservedAt = task.dateCreated?.getTime() ?? this.serverNow();
    const createdAt = taskCreatedAt(task, reservedAt);
    const age = Math.max(0, Math.floor((this.serverNow() - createdAt) / 1_000));
    const sdkTask = { sid: task.taskSid, dateCreated: new Date(createdAt), age };
    const reservation = { sid: task.sid, dateCreated: task.dateCreated, dateUpdated: task.dateUpdated, task: sdkTask };
    return { ...task, age, sourceObject: reservation };
  }

  set(task: TaskLike): void {
    const held = this.created({ ...task, dateCreated: task.dateCreated ?? this.tasks.get(task.sid)?.dateCreated });
    this.tasks.set(task.sid, held);
    const snapshot = this.snapshot(held);
    this.listeners.forEach((listener) => listener(snapshot));
  }

  readonly reloadListeners = new Set<() => void>();

  /** Flex rebuilds its task list after a worker reconnect: the tasks change without any task event. */
  reload(tasks: readonly TaskLike[]): void {
    this.tasks.clear();
    tasks.forEach((task) => this.tasks.set(task.sid, this.created(task)));
    this.reloadListeners.forEach((listener) => listener());
  }

  onTasksReloaded(listener: () => void): () => void {
    this.reloadListeners.add(listener);
    return () => this.reloadListeners.delete(listener);
  }

  heldTasks(): TaskLike[] {
    return [...this.tasks.values()].map((task) => this.snapshot(task));
  }

  onTaskChanged(listener: (task: TaskLike) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** When set, attribute updates reject with this error, as TaskRouter would refuse them. */
  attributesFailure: Error | null = null;

  updateAttributes(
    reservationSid: string,
    update: (latest: Readonly<Record<string, unknown>>) => Record<string, unknown>,
  ): Promise<void> {
    const task = this.tasks.get(reservationSid);
    if (this.attributesFailure !== null) return Promise.reject(this.attributesFailure);
    if (task === undefined) return Promise.reject(new Error('the task is not held'));
    this.set({ ...task, attributes: update(task.attributes as Record<string, unknown>) });
    return Promise.resolve();
  }

  statusOf(reservationSid: string): TaskLike['status'] | undefined {
    return this.tasks.get(reservationSid)?.status;
  }

  partiesOf(task: MessagingTaskFacts) {
    const found = this.participants.get(task.conversationSid);
    if (found === undefined) return Promise.reject(new Error('Interactions unavailable'));
    return Promise.resolve({
      customerParticipantSids: new Set(found.customer),
      agentParticipantSids: new Set(found.agent),
    });
  }
}

/** Conversations with a message history; `deliver` plays a live `messageAdded`. */
export class FakeConversations implements ConversationGateway {
  readonly history = new Map<string, MessageFacts[]>();
  readonly watchers = new Map<string, Set<(message: MessageFacts) => void>>();
  readonly connectionListeners = new Set<(connected: boolean) => void>();
  connected = true;
  historyFails = false;

  /** Adds a message to the history and, unless `silently`, delivers it live. */
  add(conversationSid: string, message: Omit<MessageFacts, 'index'>, silently = false): MessageFacts {
    const messages = this.history.get(conversationSid) ?? [];
    const full: MessageFacts = { ...message, index: messages.length };
    this.history.set(conversationSid, [...messages, full]);
    if (!silently && this.connected) this.watchers.get(conversationSid)?.forEach((watcher) => watcher(full));
    return full;
  }

  /** Conversations that cannot be reached yet: watching them attaches only once they are removed from this set. */
  readonly unavailable = new Set<string>();
  private readonly pendingAttach = new Map<string, Array<() => void>>();

  watch(conversationSid: string, onMessage: (message: MessageFacts) => void, onAttached: () => void): () => void {
    const set = this.watchers.get(conversationSid) ?? new Set();
    this.watchers.set(conversationSid, set);
    let stopped = false;
    const attach = (): void => {
      if (stopped) return;
      set.add(onMessage);
      onAttached();
    };
    if (this.unavailable.has(conversationSid)) {
      this.pendingAttach.set(conversationSid, [...(this.pendingAttach.get(conversationSid) ?? []), attach]);
    } else {
      attach();
    }
    return () => {
      stopped = true;
      set.delete(onMessage);
    };
  }

  /** The conversation becomes reachable: pending watches attach, as the real gateway's retry would. */
  makeAvailable(conversationSid: string): void {
    this.unavailable.delete(conversationSid);
    const pending = this.pendingAttach.get(conversationSid) ?? [];
    this.pendingAttach.delete(conversationSid);
    pending.forEach((attach) => attach());
  }

  /** While true, history reads stay pending until `releaseHistoryReads()`; each answers with what it read then. */
  holdHistoryReads = false;
  private readonly heldReads: Array<() => void> = [];

  recentMessages(conversationSid: string, count: number): Promise<MessageFacts[]> {
    if (this.historyFails) return Promise.reject(new Error('history unavailable'));
    const page = (this.history.get(conversationSid) ?? []).slice(-count);
    if (!this.holdHistoryReads) return Promise.resolve(page);
    return new Promise((resolve) => this.heldReads.push(() => resolve(page)));
  }

  /** How many history reads are held unanswered now. */
  get heldReadCount(): number {
    return this.heldReads.length;
  }

  /** Answers the held history reads, oldest first. */
  releaseHistoryReads(): void {
    this.heldReads.splice(0).forEach((answer) => answer());
  }

  isConnected(): boolean {
    return this.connected;
  }

  setConnected(connected: boolean): void {
    this.connected = connected;
    this.connectionListeners.forEach((listener) => listener(connected));
  }

  onConnectionChanged(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  identity(): string {
    return 'agent@example.com';
  }

  /** Live watchers left, across all conversations: zero once everything is released. */
  watcherCount(): number {
    return [...this.watchers.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

/** Flex's actions as the engine sees them: sent messages land in the conversation's history, with the marker. */
export class FakeEffects implements CommandEffects {
  readonly sent: Array<{ conversationSid: string; body: string; marker: InactivityMarker | undefined }> = [];
  readonly wrapups: string[] = [];
  sendFailures = 0;
  /** When false, WrapupTask resolves without changing the task, as Flex does when the backend refuses. */
  wrapupWorks = true;
  /** While set, WrapupTask stays pending until the test calls it (real Flex can take seconds). */
  holdWrapup: (() => void) | undefined;
  private holdNext = false;

  constructor(
    private readonly tasks: FakeTasks,
    private readonly conversations: FakeConversations,
    private readonly now: () => number,
  ) {}

  sendMessage(
    conversationSid: string,
    body: string,
    attributes: Record<string, InactivityMarker>,
  ): Promise<'sent' | 'cancelled'> {
    if (this.sendFailures > 0) {
      this.sendFailures -= 1;
      return Promise.reject(new Error('No valid conversation provided on sendMessage action.'));
    }
    this.sent.push({ conversationSid, body, marker: Object.values(attributes)[0] });
    this.conversations.add(conversationSid, {
      author: 'agent@example.com',
      participantSid: 'MBagent',
      createdAt: this.now(),
      attributes,
    });
    return Promise.resolve('sent');
  }

  /** The next WrapupTask stays pending until `finishHeldWrapup()`. */
  holdNextWrapup(): void {
    this.holdNext = true;
  }

  /** Lets a held WrapupTask finish, as it would (wrapping the task up unless `wrapupWorks` is false). */
  finishHeldWrapup(): void {
    const finish = this.holdWrapup;
    this.holdWrapup = undefined;
    finish?.();
  }

  /** While true, another plugin's beforeWrapupTask listener cancels every WrapupTask (a transfer is pending). */
  wrapupCancelled = false;

  wrapupTask(reservationSid: string): Promise<void> {
    this.wrapups.push(reservationSid);
    if (this.wrapupCancelled) return Promise.reject(new Error('Action WrapupTask cancelled by before event'));
    const finish = (): void => {
      const task = this.tasks.tasks.get(reservationSid);
      if (this.wrapupWorks && task !== undefined) this.tasks.set({ ...task, status: 'wrapping' });
    };
    if (!this.holdNext) {
      finish();
      return Promise.resolve();
    }
    this.holdNext = false;
    return new Promise((resolve) => {
      this.holdWrapup = () => {
        finish();
        resolve();
      };
    });
  }

  hasLeftAcceptedState(reservationSid: string): boolean {
    return this.tasks.statusOf(reservationSid) !== 'accepted';
  }

  recordOutcome(reservationSid: string, outcome: InactivityOutcome, reportOutcome: string | null): Promise<void> {
    return this.tasks.updateAttributes(reservationSid, (latest) => outcomeAttributes(latest, outcome, reportOutcome));
  }
}

/** A now source driven by hand: `tick(now)` calls every subscriber. */
export class ManualTicker implements WakingNowSource {
  readonly listeners = new Set<(now: number) => void>();
  private wake: { readonly handle: IntervalHandle } | null = null;
  constructor(private readonly clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>) {}
  now(): number {
    return this.clock.now();
  }
  wakeAt(at: number | null): void {
    if (this.wake !== null) this.clock.clearTimeout(this.wake.handle);
    if (at === null) this.wake = null;
    else this.wake = { handle: this.clock.setTimeout(() => this.tick(), Math.max(0, at - this.clock.now())) };
  }
  subscribe(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  tick(): void {
    const now = this.clock.now();
    this.listeners.forEach((listener) => listener(now));
  }
}
