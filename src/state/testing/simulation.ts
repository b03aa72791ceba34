/**
 * A pure test driver for the inactivity core: it plays a scripted conversation against the real reducer and
 * planner the way the shell would (deliver events, plan on every tick, "execute" each command by recording it), and
 * returns what was planned. No clock, no timers, no store: time is the loop variable.
 */
import type { ChannelPolicy } from '../../config/policy';
import { inactivityEvents } from '../inactivityEvents';
import type { InactivityEvent } from '../inactivityEvents';
import { inactivityReducer, initialInactivityState } from '../inactivitySlice';
import type { InactivityState } from '../inactivitySlice';
import { parseStoredTimers, serializeTimers } from '../storedTimers';
import type { ConversationTimer } from '../../core/conversationTimer';
import { onHistoryOutdated } from '../../core/conversationTimer';
import { planCommands } from '../../core/planner';
import { skippedMessageEvent } from '../skippedMessage';
import type { Command } from '../../core/planner';

/** The conversation a scenario tracks when it names none. */
export const SIM_CONVERSATION_SID = 'CH0000000000000000000000000000000001';
/** The reservation of `SIM_CONVERSATION_SID`. */
export const SIM_RESERVATION_SID = 'WR0000000000000000000000000000000001';
/** The task of `SIM_CONVERSATION_SID`. */
export const SIM_TASK_SID = 'WT0000000000000000000000000000000001';

/** More planning rounds than this at one moment means recording a command does not stop it being planned again. */
export const MAX_ROUNDS_PER_TICK = 4;

/** Something that happens to a conversation at `at` (epoch ms); `conversationSid` defaults to the first conversation. */
export type SimInput =
  | {
      readonly kind: 'customerMessage';
      readonly at: number;
      readonly messageIndex?: number;
      readonly conversationSid?: string;
    }
  | {
      readonly kind: 'agentMessage';
      readonly at: number;
      readonly messageIndex?: number;
      readonly conversationSid?: string;
    }
  | { readonly kind: 'pause'; readonly at: number; readonly conversationSid?: string }
  | { readonly kind: 'resume'; readonly at: number; readonly conversationSid?: string }
  | { readonly kind: 'extend'; readonly at: number; readonly byMs: number; readonly conversationSid?: string }
  /** Flex lists a transfer of the task as active, or no longer (it failed). */
  | { readonly kind: 'transferStart' | 'transferEnd'; readonly at: number; readonly conversationSid?: string };

/** A conversation the agent accepts at `acceptedAt`. */
export interface SimConversation {
  readonly conversationSid: string;
  readonly reservationSid: string;
  /** Defaults to the reservation sid with `WT` in place of `WR`. */
  readonly taskSid?: string;
  readonly acceptedAt: number;
}

/** The task sid a simulated conversation is tracked with. */
export function simTaskSid(conversation: SimConversation): string {
  return conversation.taskSid ?? conversation.reservationSid.replace(/^WR/, 'WT');
}

/** A scripted run. Ticks fall on `startAt + k * tickMs` up to `endAt`, also after a reload (same wall-clock grid). */
export interface Scenario {
  readonly policy: ChannelPolicy;
  readonly inputs: readonly SimInput[];
  readonly tickMs: number;
  readonly endAt: number;
  /** Origin of the tick grid; defaults to 0. */
  readonly startAt?: number;
  /**
   * Give every message without a `messageIndex` the next index of its conversation, in time order (1, 2, ...), as
   * the Conversations API numbers them; by default messages carry only what the input says.
   */
  readonly indexMessages?: boolean;
  /** Defaults to one conversation (`SIM_CONVERSATION_SID`) accepted at `startAt`. */
  readonly conversations?: readonly SimConversation[];
  /**
   * The page unloads at `reloadAt` (after the inputs up to `reloadAt`, before the tick at `reloadAt`): the timers
   * are stored, and read back when the page loads again at `closedUntil` (defaults to `reloadAt`). Read back, they
   * are unread until the history is read again, as in the shell. A wrap-up in flight stays in flight: the simulated
   * Flex never answers one, so the shell's retry of it after a reload (`restoredTimer`) is left to its own tests.
   */
  readonly reloadAt?: number;
  /**
   * How long the shell takes to read the recent history of a conversation, after it is tracked and after a load;
   * the planner plans nothing for it meanwhile. Defaults to 0: read before the next plan.
   */
  readonly historyReadAfterMs?: number;
  /**
   * While the page is closed nothing ticks. Messages of that period are delivered at load with their original times
   * (the shell's reconciliation); pause/resume/extend of that period are dropped (nobody can click a closed page).
   */
  readonly closedUntil?: number;
}

/** A command the shell executed, and when. */
export interface LoggedCommand {
  readonly at: number;
  readonly command: Command;
}

/** One call of `planCommands`: the timers it saw and what it returned. A tick is one or more rounds at one `at`. */
export interface PlanningRound {
  readonly at: number;
  /** 0 for the first plan at `at`; later rounds plan again after the previous round's commands were recorded. */
  readonly round: number;
  readonly timers: Readonly<Record<string, ConversationTimer>>;
  readonly commands: readonly Command[];
}

/** One input as the reducer saw it, with the timer before and after. */
export interface Delivery {
  readonly at: number;
  readonly input: SimInput;
  /** Delivered at load by reconciliation rather than live. */
  readonly reconciled: boolean;
  readonly before: ConversationTimer | undefined;
  readonly after: ConversationTimer | undefined;
}

/** What happened at the reload. */
export interface ReloadRecord {
  /** The text that was stored when the page unloaded. */
  readonly stored: string;
  /** The state before unloading and right after rehydrating (before any reconciled message or history read). */
  readonly unloaded: InactivityState;
  readonly restored: InactivityState;
}

/** Everything a run produced; `rounds` and `deliveries` are for invariant checks, `log` is what the shell did. */
export interface SimulationResult {
  readonly log: readonly LoggedCommand[];
  readonly state: InactivityState;
  readonly rounds: readonly PlanningRound[];
  readonly deliveries: readonly Delivery[];
  readonly reload: ReloadRecord | null;
}

/** The event the shell dispatches once it has executed `command`. */
export function recordingEventFor(command: Command): InactivityEvent {
  switch (command.kind) {
    case 'sendWarning':
      return inactivityEvents.warningSent({
        conversationSid: command.conversationSid,
        cycle: command.cycle,
        warningIndex: command.warningIndex,
      });
    case 'sendClosingMessage':
      return inactivityEvents.closingMessageDone({ conversationSid: command.conversationSid, cycle: command.cycle });
    case 'skipMessage':
      return skippedMessageEvent(command);
    case 'wrapUp':
      return inactivityEvents.wrapupRequested({ conversationSid: command.conversationSid, cycle: command.cycle });
  }
}

/** The event the shell dispatches for an input. */
export function inputEventFor(input: SimInput, defaultSid: string): InactivityEvent {
  const moment = { conversationSid: input.conversationSid ?? defaultSid, at: input.at };
  switch (input.kind) {
    case 'customerMessage':
      return inactivityEvents.customerMessageReceived(withIndex(moment, input.messageIndex));
    case 'agentMessage':
      return inactivityEvents.agentMessageSent(withIndex(moment, input.messageIndex));
    case 'pause':
      return inactivityEvents.timerPaused(moment);
    case 'resume':
      return inactivityEvents.timerResumed(moment);
    case 'extend':
      return inactivityEvents.timerExtended({ ...moment, byMs: input.byMs });
    case 'transferStart':
      return inactivityEvents.transferStarted(moment);
    case 'transferEnd':
      return inactivityEvents.transferEnded(moment);
  }
}

function withIndex<T extends object>(
  moment: T,
  messageIndex: number | undefined,
): T & { readonly messageIndex?: number } {
  return messageIndex === undefined ? moment : { ...moment, messageIndex };
}

/** Numbers the messages of each conversation in time order, keeping any index an input already has. */
function indexed(inputs: readonly SimInput[], defaultSid: string): SimInput[] {
  const lastIndex = new Map<string, number>();
  return [...inputs]
    .sort((a, b) => a.at - b.at)
    .map((input) => {
      if (input.kind !== 'customerMessage' && input.kind !== 'agentMessage') return input;
      const sid = input.conversationSid ?? defaultSid;
      const messageIndex = input.messageIndex ?? (lastIndex.get(sid) ?? 0) + 1;
      lastIndex.set(sid, messageIndex);
      return { ...input, messageIndex };
    });
}

function isMessage(input: SimInput): boolean {
  return input.kind === 'customerMessage' || input.kind === 'agentMessage';
}

type Scheduled =
  | { readonly kind: 'accept'; readonly at: number; readonly conversation: SimConversation }
  | { readonly kind: 'input'; readonly at: number; readonly input: SimInput };

/** Runs `scenario` and returns every command planned, in order. Throws if the planner never settles at one moment. */
export function simulate(scenario: Scenario): SimulationResult {
  const { policy, tickMs, endAt } = scenario;
  if (!(tickMs > 0)) throw new Error(`tickMs must be positive, got ${tickMs}`);
  const startAt = scenario.startAt ?? 0;
  const conversations = scenario.conversations ?? [
    { conversationSid: SIM_CONVERSATION_SID, reservationSid: SIM_RESERVATION_SID, acceptedAt: startAt },
  ];
  const defaultSid = conversations[0]?.conversationSid ?? SIM_CONVERSATION_SID;
  const reloadAt = scenario.reloadAt ?? null;
  const closedUntil = reloadAt === null ? null : Math.max(reloadAt, scenario.closedUntil ?? reloadAt);
  if (closedUntil !== null && closedUntil > endAt)
    throw new Error(`closedUntil (${closedUntil}) is after endAt (${endAt})`);

  // Acceptances first, then inputs in the given order; a stable sort keeps that order among equal times.
  const schedule: Scheduled[] = [
    ...conversations.map((conversation): Scheduled => ({ kind: 'accept', at: conversation.acceptedAt, conversation })),
    ...(scenario.indexMessages === true ? indexed(scenario.inputs, defaultSid) : scenario.inputs).map(
      (input): Scheduled => ({ kind: 'input', at: input.at, input }),
    ),
  ].sort((a, b) => a.at - b.at);

  let state: InactivityState = initialInactivityState;
  const log: LoggedCommand[] = [];
  const rounds: PlanningRound[] = [];
  const deliveries: Delivery[] = [];
  let reload: ReloadRecord | null = null;
  let next = 0;

  const policyOf = (): ChannelPolicy => policy;

  const track = (conversation: SimConversation, at: number): void => {
    state = inactivityReducer(
      state,
      inactivityEvents.conversationTracked({
        conversationSid: conversation.conversationSid,
        reservationSid: conversation.reservationSid,
        taskSid: simTaskSid(conversation),
        channelType: 'web',
        policy,
        at,
      }),
    );
  };

  // The shell reads the recent history of every tracked conversation; the planner waits for it. The messages of
  // the scenario are delivered one by one, so the page read here holds nothing they do not.
  const historyReadAfterMs = scenario.historyReadAfterMs ?? 0;
  const pendingReads = new Map<string, number>();
  const readHistoriesDueBy = (until: number): void => {
    for (const [conversationSid, dueAt] of [...pendingReads]) {
      if (dueAt > until) continue;
      pendingReads.delete(conversationSid);
      state = inactivityReducer(state, inactivityEvents.historyRead({ conversationSid, messages: [] }));
    }
  };

  const deliver = (item: Scheduled, reconciled: boolean): void => {
    if (item.kind === 'accept') {
      track(item.conversation, item.at);
      if (!reconciled) pendingReads.set(item.conversation.conversationSid, item.at + historyReadAfterMs);
      return;
    }
    const sid = item.input.conversationSid ?? defaultSid;
    const before = state.timers[sid];
    state = inactivityReducer(state, inputEventFor(item.input, defaultSid));
    deliveries.push({ at: item.at, input: item.input, reconciled, before, after: state.timers[sid] });
  };

  const deliverUpTo = (until: number): void => {
    for (; next < schedule.length; next += 1) {
      const item = schedule[next];
      if (item === undefined || item.at > until) break;
      deliver(item, false);
    }
    readHistoriesDueBy(until);
  };

  const plan = (at: number): void => {
    for (let round = 0; round < MAX_ROUNDS_PER_TICK; round += 1) {
      const commands = planCommands(Object.values(state.timers), policyOf, at);
      rounds.push({ at, round, timers: state.timers, commands });
      if (commands.length === 0) return;
      for (const command of commands) {
        log.push({ at, command });
        state = inactivityReducer(state, recordingEventFor(command));
      }
    }
    throw new Error(`the planner still returns commands after ${MAX_ROUNDS_PER_TICK} rounds at ${at}`);
  };

  const unloadAndLoad = (unloadAt: number, loadAt: number): void => {
    deliverUpTo(unloadAt);
    const unloaded = state;
    const stored = serializeTimers(state.timers);
    const reading = parseStoredTimers(stored);
    if (reading.problem !== null) throw new Error(`stored timers did not read back: ${reading.problem}`);
    const timers = reading.timers.map(onHistoryOutdated);
    state = inactivityReducer(initialInactivityState, inactivityEvents.timersRestored({ timers }));
    const restored = state;
    reload = { stored, unloaded, restored };
    // The shell re-tracks the tasks it finds on load; the same reservation keeps its stored timer.
    for (const conversation of conversations) {
      if (conversation.acceptedAt <= unloadAt) track(conversation, loadAt);
    }
    for (; next < schedule.length; next += 1) {
      const item = schedule[next];
      if (item === undefined || item.at > loadAt) break;
      if (item.kind === 'accept' || isMessage(item.input)) deliver(item, true);
    }
    // Reads under way when the page went away are lost; the loaded page reads every conversation it tracks.
    pendingReads.clear();
    for (const conversationSid of Object.keys(state.timers)) {
      pendingReads.set(conversationSid, loadAt + historyReadAfterMs);
    }
    readHistoriesDueBy(loadAt);
    plan(loadAt);
  };

  let reloaded = false;
  for (let tick = startAt; tick <= endAt; tick += tickMs) {
    if (reloadAt !== null && closedUntil !== null && !reloaded && tick >= reloadAt) {
      reloaded = true;
      unloadAndLoad(reloadAt, closedUntil);
    }
    if (reloaded && closedUntil !== null && tick <= closedUntil) continue;
    deliverUpTo(tick);
    plan(tick);
  }
  if (reloadAt !== null && closedUntil !== null && !reloaded && reloadAt <= endAt) {
    unloadAndLoad(reloadAt, closedUntil);
  }
  deliverUpTo(endAt);

  return { log, state, rounds, deliveries, reload };
}
