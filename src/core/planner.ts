import type { ChannelPolicy } from '../config/policy';
import type { ConversationTimer } from './conversationTimer';
import { isWithinMessagingWindow } from '../config/messagingWindow';

/** Send warning `warningIndex` of `cycle` to the customer. */
export interface SendWarningCommand {
  readonly kind: 'sendWarning';
  readonly conversationSid: string;
  readonly cycle: number;
  readonly warningIndex: number;
  /** Time left when planned, for the `{{remaining}}` placeholder. */
  readonly remainingMs: number;
}

/** Send the closing message of `cycle`, just before the wrap-up. */
export interface SendClosingMessageCommand {
  readonly kind: 'sendClosingMessage';
  readonly conversationSid: string;
  readonly cycle: number;
}

/** Move the task to wrap-up. */
export interface WrapUpCommand {
  readonly kind: 'wrapUp';
  readonly conversationSid: string;
  readonly reservationSid: string;
  readonly cycle: number;
}

/**
 * A warning or closing message that falls outside the channel's customer-service window (WhatsApp: 24 hours after
 * the customer's last message): it would be refused, so it is recorded as done without being sent.
 */
export interface SkipMessageCommand {
  readonly kind: 'skipMessage';
  readonly conversationSid: string;
  readonly cycle: number;
  readonly message: 'warning' | 'closing';
  readonly warningIndex: number;
}

/** Something the shell must do now; once it is done and recorded, planning again no longer returns it. */
export type Command = SendWarningCommand | SendClosingMessageCommand | SkipMessageCommand | WrapUpCommand;

/** Looks up the policy that applies to a tracked conversation. */
export type PolicyOf = (timer: ConversationTimer) => ChannelPolicy;

/**
 * The one command due for `timer` at `now`, or null. Nothing is planned before the history is reconciled. At the
 * deadline the closing message (if any) comes first and the wrap-up once it is done; before the deadline only the
 * latest warning whose threshold has passed is sent, so a page reopened late sends one timely nudge instead of every
 * missed one, and an expired timer sends no late warning.
 */
export function planForTimer(timer: ConversationTimer, policy: ChannelPolicy, now: number): Command | null {
  const command = plannedCommand(timer, policy, now);
  if (command === null || command.kind === 'wrapUp') return command;
  const lastCustomerAt = timer.lastCustomerAt ?? timer.cycleStartedAt;
  if (isWithinMessagingWindow(timer.channelType, lastCustomerAt, now)) return command;
  const warningIndex = command.kind === 'sendWarning' ? command.warningIndex : 0;
  const message = command.kind === 'sendWarning' ? 'warning' : 'closing';
  return { kind: 'skipMessage', conversationSid: command.conversationSid, cycle: command.cycle, message, warningIndex };
}

/** The command due before the channel's messaging window is taken into account. */
function plannedCommand(
  timer: ConversationTimer,
  policy: ChannelPolicy,
  now: number,
): SendWarningCommand | SendClosingMessageCommand | WrapUpCommand | null {
  if (!policy.enabled || timer.history !== 'reconciled') return null;
  const { conversationSid, cycle, phase } = timer;
  const wrapUp: WrapUpCommand = { kind: 'wrapUp', conversationSid, reservationSid: timer.reservationSid, cycle };
  if (phase.kind === 'expired') return wrapUp;
  if (phase.kind !== 'counting') return null;
  const remainingMs = phase.deadlineAt - now;
  if (remainingMs <= 0) {
    return policy.closingMessage === null ? wrapUp : { kind: 'sendClosingMessage', conversationSid, cycle };
  }
  const warningIndex = latestDueWarning(policy, remainingMs);
  if (warningIndex < phase.warningsSent) return null;
  return { kind: 'sendWarning', conversationSid, cycle, warningIndex, remainingMs };
}

/** Index of the last warning whose threshold `remainingMs` has reached, or -1. Warnings are sorted by `beforeMs` descending. */
function latestDueWarning(policy: ChannelPolicy, remainingMs: number): number {
  return policy.warnings.reduce((due, warning, index) => (remainingMs <= warning.beforeMs ? index : due), -1);
}

/** Every command due at `now`, one per conversation at most, in the order the timers are given. */
export function planCommands(timers: Iterable<ConversationTimer>, policyOf: PolicyOf, now: number): Command[] {
  const commands: Command[] = [];
  for (const timer of timers) {
    const command = planForTimer(timer, policyOf(timer), now);
    if (command !== null) commands.push(command);
  }
  return commands;
}

/**
 * The earliest moment after `now` at which planning could return something new for `timer` (a warning threshold or
 * the deadline), or null when nothing is scheduled. Lets the shell sleep instead of planning on every tick.
 */
export function nextDueAt(timer: ConversationTimer, policy: ChannelPolicy, now: number): number | null {
  const { phase } = timer;
  if (!policy.enabled || timer.history !== 'reconciled' || phase.kind !== 'counting') return null;
  const thresholds = policy.warnings
    .slice(phase.warningsSent)
    .map((warning) => phase.deadlineAt - warning.beforeMs)
    .filter((at) => at > now);
  return Math.min(phase.deadlineAt, ...thresholds);
}
