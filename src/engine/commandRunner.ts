import type { ConversationTimer } from '../core/conversationTimer';
import { renderMessage } from '../core/messageTemplate';
import type { InactivityOutcome } from '../core/outcomeAttributes';
import { remainingMsAt, warningsSentOf } from '../core/phase';
import type {
  Command,
  SendClosingMessageCommand,
  SendWarningCommand,
  SkipMessageCommand,
  WrapUpCommand,
} from '../core/planner';
import { skippedMessageEvent } from '../state/skippedMessage';
import type { ClockSkew } from '../core/clockSkew';
import type { Clock } from '../runtime/clock';
import type { InactivityEvent } from '../state/inactivityEvents';
import { inactivityEvents } from '../state/inactivityEvents';
import type { InactivityMarker } from '../core/inactivityMarker';
import { markerAttributes } from '../core/inactivityMarker';
import type { MessagingTaskFacts } from '../tasks/messagingTask';
import { retryDelayAfter } from './retryDelays';

/** What the runner asks of Flex. */
export interface CommandEffects {
  /**
   * Sends as the agent, leaving the agent's input alone; resolves `cancelled` when another plugin vetoed the message,
   * rejects when it could not be sent.
   */
  sendMessage(
    conversationSid: string,
    body: string,
    attributes: Record<string, InactivityMarker>,
  ): Promise<'sent' | 'cancelled'>;
  /**
   * Invokes Flex's `WrapupTask`, which resolves even when the wrap-up silently failed. `recordOutcome` (idempotent)
   * is the runner's to call once the wrap-up is confirmed; the effect calls it sooner only if the task, in wrap-up
   * already, is about to be completed before `WrapupTask` has resolved (another plugin completing it at once).
   */
  wrapupTask(reservationSid: string, recordOutcome: () => Promise<void>): Promise<void>;
  /** Whether the task really left the accepted state (wrapping, completed or gone). */
  hasLeftAcceptedState(reservationSid: string): boolean;
  /**
   * Records why the task is being moved to wrap-up in its attributes (`inactivity`), merged into the latest
   * attributes so nothing another plugin wrote is lost; rejects when they could not be written.
   */
  recordOutcome(reservationSid: string, outcome: InactivityOutcome, reportOutcome: string | null): Promise<void>;
}

/** Something the agent should be told. */
export type AgentNotice =
  | { readonly kind: 'wrappedUp'; readonly task: MessagingTaskFacts; readonly timerMs: number }
  | {
      readonly kind: 'wrapupFailed' | 'messageFailed';
      readonly task: MessagingTaskFacts;
      readonly reason: string;
      readonly retryInMs: number;
    }
  /** A warning or closing message was not sent: the channel's window since the customer's last message closed. */
  | { readonly kind: 'messageOutsideWindow'; readonly task: MessagingTaskFacts };

/** Everything known about a tracked conversation at the moment a command runs. */
export interface CommandContext {
  readonly task: MessagingTaskFacts;
  /** Its `policy` is the one the cycle runs under: the texts, the timer and the outcome all come from it. */
  readonly timer: ConversationTimer;
}

export interface CommandRunnerDeps {
  readonly effects: CommandEffects;
  readonly dispatch: (event: InactivityEvent) => void;
  readonly contextOf: (conversationSid: string) => CommandContext | undefined;
  readonly clock: Pick<Clock, 'now'>;
  /** Outcomes are stamped in Twilio's time: reports line them up with the task's own server-stamped events. */
  readonly skew: Pick<ClockSkew, 'serverTimeOf'>;
  readonly notify: (notice: AgentNotice) => void;
  readonly log: Pick<Console, 'warn'>;
  /** A closing message that fails this many times is given up on, so the wrap-up is not held back forever. */
  readonly closingAttempts?: number;
}

/** Runs planned commands: at most one attempt of each in flight, failures retried with backoff. */
export interface CommandRunner {
  run(commands: readonly Command[]): void;
  /** Forgets pending retries of a conversation that is no longer tracked. */
  forget(conversationSid: string): void;
}

/** `run`, called at most once: later calls get the first call's promise. */
function once(run: () => Promise<void>): () => Promise<void> {
  let started: Promise<void> | undefined;
  return () => {
    // Not `??=`: the webpack 4 parser of `flex-plugin build` cannot read it.
    if (started === undefined) started = run();
    return started;
  };
}

function commandKey(command: Command): string {
  const warning = command.kind === 'sendWarning' ? `:${command.warningIndex}` : '';
  return `${command.conversationSid}:${command.cycle}:${command.kind}${warning}`;
}

/** A failed attempt: its number, and how long until the next. */
interface Failure {
  readonly attempts: number;
  readonly retryInMs: number;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The imperative half of the planner: sends the messages and invokes the wrap-up, then records each as done, so a
 * command is never performed twice even though the planner keeps proposing it until it is recorded.
 */
export function createCommandRunner({
  effects,
  dispatch,
  contextOf,
  clock,
  skew,
  notify,
  log,
  closingAttempts = 3,
}: CommandRunnerDeps): CommandRunner {
  const inFlight = new Set<string>();
  const failures = new Map<string, { attempts: number; retryAt: number }>();

  const isDue = (key: string): boolean => {
    const failure = failures.get(key);
    return !inFlight.has(key) && (failure === undefined || clock.now() >= failure.retryAt);
  };

  /** Records a failure and returns how long until the next attempt. */
  const recordFailure = (key: string): Failure => {
    const attempts = (failures.get(key)?.attempts ?? 0) + 1;
    const retryInMs = retryDelayAfter(attempts);
    failures.set(key, { attempts, retryAt: clock.now() + retryInMs });
    return { attempts, retryInMs };
  };

  /** Records a command as done: its failures are forgotten and `event` is dispatched. */
  const done = (key: string, event: InactivityEvent): void => {
    failures.delete(key);
    dispatch(event);
  };

  /** Told once: later attempts are logged, not shown, so a stuck task does not flood the agent's screen. */
  const reportFailure = (
    { attempts, retryInMs }: Failure,
    kind: 'messageFailed' | 'wrapupFailed',
    context: CommandContext,
    error: unknown,
    what: string,
  ): void => {
    if (attempts === 1) notify({ kind, task: context.task, reason: reasonOf(error), retryInMs });
    log.warn(`Inactivity: ${what} failed (attempt ${attempts}): ${reasonOf(error)}`);
  };

  /**
   * Warnings of a conversation's cycle that count as done for the countdown but never reached the customer (skipped
   * outside the channel's window, cancelled by another plugin): the outcome counts only those sent. In memory, so
   * after a reload such a warning is counted as sent.
   */
  const unsent = new Map<string, { readonly cycle: number; readonly count: number }>();
  const noteUnsent = (conversationSid: string, cycle: number): void => {
    const known = unsent.get(conversationSid);
    unsent.set(conversationSid, { cycle, count: known?.cycle === cycle ? known.count + 1 : 1 });
  };
  const sentWarningsOf = ({ task, timer }: CommandContext): number => {
    const known = unsent.get(task.conversationSid);
    return Math.max(0, warningsSentOf(timer) - (known?.cycle === timer.cycle ? known.count : 0));
  };

  /** Sends one marked message. One another plugin cancelled counts as done: it is not retried against their will. */
  const sendMarked = async (context: CommandContext, template: string, marker: InactivityMarker): Promise<void> => {
    const remainingMs = remainingMsAt(context.timer, clock.now()) ?? 0;
    const body = renderMessage(template, { remainingMs, customerName: context.task.customerName });
    const outcome = await effects.sendMessage(context.task.conversationSid, body, markerAttributes(marker));
    if (outcome === 'cancelled') {
      if (marker.kind === 'warning') noteUnsent(context.task.conversationSid, context.timer.cycle);
      log.warn(
        `Inactivity: another plugin cancelled the ${marker.kind} message for ${context.task.conversationSid}; ` +
          'it is not sent and not retried.',
      );
    }
  };

  const markerFor = (context: CommandContext, kind: InactivityMarker['kind']): InactivityMarker => ({
    kind,
    taskSid: context.task.taskSid,
    cycleStartIndex: context.timer.cycleStartIndex,
  });

  const sendWarning = async (command: SendWarningCommand, context: CommandContext, key: string): Promise<void> => {
    const warning = context.timer.policy.warnings[command.warningIndex];
    if (warning === undefined) return;
    try {
      await sendMarked(context, warning.message, {
        ...markerFor(context, 'warning'),
        warningIndex: command.warningIndex,
      });
      done(key, inactivityEvents.warningSent(command));
    } catch (error) {
      reportFailure(recordFailure(key), 'messageFailed', context, error, `warning for ${command.conversationSid}`);
    }
  };

  const sendClosing = async (
    command: SendClosingMessageCommand,
    context: CommandContext,
    key: string,
  ): Promise<void> => {
    const message = context.timer.policy.closingMessage;
    try {
      if (message !== null) await sendMarked(context, message, markerFor(context, 'closing'));
      done(key, inactivityEvents.closingMessageDone(command));
    } catch (error) {
      const { attempts, retryInMs } = recordFailure(key);
      log.warn(
        `Inactivity: closing message for ${command.conversationSid} failed (attempt ${attempts}): ${reasonOf(error)}`,
      );
      if (attempts >= closingAttempts) {
        // The customer misses a courtesy message; the agent's capacity must not stay blocked because of it.
        done(key, inactivityEvents.closingMessageDone(command));
      } else if (attempts === 1) {
        notify({ kind: 'messageFailed', task: context.task, reason: reasonOf(error), retryInMs });
      }
    }
  };

  /** Conversations whose outcome could not be recorded: said once, the wrap-up goes ahead regardless. */
  const unrecorded = new Set<string>();

  /** Reporting must never hold a chat open: a failure to write the attributes is logged once and passed over. */
  const recordOutcome = async (context: CommandContext, warningsSent: number): Promise<void> => {
    const outcome: InactivityOutcome = {
      reason: 'customer_inactive',
      closed_at: new Date(skew.serverTimeOf(clock.now())).toISOString(),
      warnings_sent: warningsSent,
      timer_sec: context.timer.policy.timerMs / 1_000,
    };
    try {
      await effects.recordOutcome(context.task.reservationSid, outcome, context.timer.policy.reportOutcome);
    } catch (error) {
      if (unrecorded.has(context.task.conversationSid)) return;
      unrecorded.add(context.task.conversationSid);
      log.warn(
        `Inactivity: could not record the inactivity outcome in the attributes of task ${context.task.taskSid} ` +
          `(${reasonOf(error)}); the wrap-up goes ahead.`,
      );
    }
  };

  /**
   * The outcome is written once the task is in wrap-up, never before: a wrap-up refused or vetoed (another plugin's
   * transfer) leaves the chat going on with nothing claiming it was closed, and the request itself waits on no write,
   * so a customer who answers meanwhile is not cut off by it. A task that left the accepted state by someone else's
   * hand (the agent, another tab) is not the plugin's wrap-up: nothing is written on it.
   */
  const wrapUp = async (command: WrapUpCommand, context: CommandContext, key: string): Promise<void> => {
    dispatch(inactivityEvents.wrapupRequested(command));
    let ours = true;
    // Counted now: once the task is in wrap-up the conversation is forgotten, with what it knew of unsent warnings.
    const warningsSent = sentWarningsOf(context);
    const record = once(() => recordOutcome(context, warningsSent));
    try {
      // WrapupTask rejects for a task no longer accepted: someone (the agent, another tab) got there first, fine.
      await effects.wrapupTask(command.reservationSid, record).catch((error: unknown) => {
        if (!effects.hasLeftAcceptedState(command.reservationSid)) throw error;
        ours = false;
      });
      // WrapupTask resolves even when the backend refused: only the task's own status says it happened.
      if (!effects.hasLeftAcceptedState(command.reservationSid)) throw new Error('the task is still accepted');
    } catch (error) {
      const failure = recordFailure(key);
      dispatch(inactivityEvents.wrapupFailed(command));
      reportFailure(failure, 'wrapupFailed', context, error, `wrap-up of ${command.reservationSid}`);
      return;
    }
    done(key, inactivityEvents.wrapupConfirmed(command));
    notify({ kind: 'wrappedUp', task: context.task, timerMs: context.timer.policy.timerMs });
    if (ours) await record();
  };

  /** Conversations whose agent has been told that the window closed: once per conversation is enough. */
  const toldOutsideWindow = new Set<string>();

  const skipMessage = async (command: SkipMessageCommand, context: CommandContext): Promise<void> => {
    dispatch(skippedMessageEvent(command));
    if (command.message === 'warning') noteUnsent(command.conversationSid, command.cycle);
    log.warn(
      `Inactivity: the ${command.message} message for ${command.conversationSid} was not sent: ` +
        `${context.task.channelType} accepts none this long after the customer's last message.`,
    );
    if (toldOutsideWindow.has(command.conversationSid)) return;
    toldOutsideWindow.add(command.conversationSid);
    notify({ kind: 'messageOutsideWindow', task: context.task });
    await Promise.resolve();
  };

  const perform = (command: Command, context: CommandContext, key: string): Promise<void> => {
    switch (command.kind) {
      case 'sendWarning':
        return sendWarning(command, context, key);
      case 'sendClosingMessage':
        return sendClosing(command, context, key);
      case 'skipMessage':
        return skipMessage(command, context);
      case 'wrapUp':
        return wrapUp(command, context, key);
    }
  };

  return {
    run(commands) {
      for (const command of commands) {
        const key = commandKey(command);
        const context = contextOf(command.conversationSid);
        if (context === undefined || !isDue(key)) continue;
        inFlight.add(key);
        void perform(command, context, key).finally(() => inFlight.delete(key));
      }
    },
    forget(conversationSid) {
      toldOutsideWindow.delete(conversationSid);
      unrecorded.delete(conversationSid);
      unsent.delete(conversationSid);
      for (const key of failures.keys()) if (key.startsWith(`${conversationSid}:`)) failures.delete(key);
    },
  };
}
