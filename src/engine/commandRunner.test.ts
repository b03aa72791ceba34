import type { ChannelPolicy } from '../config/policy';
import type { ConversationTimer } from '../core/conversationTimer';
import type { Command, SendClosingMessageCommand, SendWarningCommand, WrapUpCommand } from '../core/planner';
import { originalPolicy, trackedTimer } from '../core/testing/factories';
import { createClockSkew } from '../core/clockSkew';
import { FakeClock } from '../runtime/testing/fakeClock';
import type { InactivityEvent } from '../state/inactivityEvents';
import { inactivityEvents } from '../state/inactivityEvents';
import type { InactivityOutcome } from '../core/outcomeAttributes';
import type { AgentNotice, CommandContext, CommandEffects } from './commandRunner';
import { createCommandRunner } from './commandRunner';
import type { InactivityMarker } from '../core/inactivityMarker';
import type { MessagingTaskFacts } from '../tasks/messagingTask';

const SID = 'CH0001';

/** A promise settled by the test, to hold an effect in flight. */
function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets the runner's promise chains (effect, dispatch, finally) run to the end. */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

/** Flex's actions as the runner sees them: each call takes the next scripted outcome, by default success. */
class ScriptedEffects implements CommandEffects {
  readonly sent: Array<{ conversationSid: string; body: string; attributes: Record<string, InactivityMarker> }> = [];
  readonly wrapups: string[] = [];
  readonly outcomes: Array<Promise<void> | Error> = [];
  /** What the task's status says after WrapupTask resolved. */
  leftAccepted = true;

  private next(): Promise<void> {
    const outcome = this.outcomes.shift();
    if (outcome instanceof Error) return Promise.reject(outcome);
    return outcome ?? Promise.resolve();
  }

  /** When true, the next message is cancelled by another plugin's before listener. */
  cancelNext = false;

  async sendMessage(
    conversationSid: string,
    body: string,
    attributes: Record<string, InactivityMarker>,
  ): Promise<'sent' | 'cancelled'> {
    this.sent.push({ conversationSid, body, attributes });
    if (this.cancelNext) {
      this.cancelNext = false;
      return 'cancelled';
    }
    await this.next();
    return 'sent';
  }

  wrapupTask(reservationSid: string, _recordOutcome?: () => Promise<void>): Promise<void> {
    this.wrapups.push(reservationSid);
    return this.next();
  }

  hasLeftAcceptedState(): boolean {
    return this.leftAccepted;
  }

  readonly recorded: Array<{ reservationSid: string; outcome: InactivityOutcome; reportOutcome: string | null }> = [];
  /** When set, recording the outcome rejects with it. */
  outcomeFailure: Error | null = null;

  recordOutcome(reservationSid: string, outcome: InactivityOutcome, reportOutcome: string | null): Promise<void> {
    this.recorded.push({ reservationSid, outcome, reportOutcome });
    return this.outcomeFailure === null ? Promise.resolve() : Promise.reject(this.outcomeFailure);
  }
}

const TASK: MessagingTaskFacts = {
  reservationSid: 'WR0001',
  taskSid: 'WT1',
  conversationSid: SID,
  channelType: 'web',
  customerName: 'Jane',
  interactionChannelSid: 'UO1',
  customerAddresses: [],
};

interface Setup {
  readonly policy?: Partial<ChannelPolicy>;
  readonly timer?: Partial<ConversationTimer>;
  readonly closingAttempts?: number;
  /** What the clock-skew estimate says of this PC (local minus Twilio time); null: nothing known. */
  readonly skewOffsetMs?: number | null;
}

/** A runner for one conversation tracked at 0 with the original 35 s policy, its clock at 0. */
function setup({ policy, timer, closingAttempts, skewOffsetMs = null }: Setup = {}) {
  const clock = new FakeClock(0);
  const skew = createClockSkew({ initialOffsetMs: skewOffsetMs });
  const effects = new ScriptedEffects();
  const dispatched: InactivityEvent[] = [];
  const notices: AgentNotice[] = [];
  const warnings: string[] = [];
  const context: CommandContext = {
    task: TASK,
    timer: {
      ...trackedTimer(),
      policy: originalPolicy({
        warnings: [{ beforeMs: 15_000, message: 'Closing in {{remaining}}, {{customerName}}.' }],
        ...policy,
      }),
      ...timer,
    },
  };
  const runner = createCommandRunner({
    effects,
    dispatch: (event) => dispatched.push(event),
    contextOf: (sid) => (sid === SID ? context : undefined),
    clock,
    skew,
    notify: (notice) => notices.push(notice),
    log: { warn: (message: string) => warnings.push(message) },
    ...(closingAttempts === undefined ? {} : { closingAttempts }),
  });
  /** Runs `commands` and waits for the attempts to settle. */
  const run = async (...commands: Command[]): Promise<void> => {
    runner.run(commands);
    await flush();
  };
  return { clock, effects, dispatched, notices, warnings, runner, run };
}

function warning(overrides: Partial<SendWarningCommand> = {}): SendWarningCommand {
  return { kind: 'sendWarning', conversationSid: SID, cycle: 1, warningIndex: 0, remainingMs: 15_000, ...overrides };
}

function closing(overrides: Partial<SendClosingMessageCommand> = {}): SendClosingMessageCommand {
  return { kind: 'sendClosingMessage', conversationSid: SID, cycle: 1, ...overrides };
}

function wrapUp(overrides: Partial<WrapUpCommand> = {}): WrapUpCommand {
  return { kind: 'wrapUp', conversationSid: SID, reservationSid: 'WR0001', cycle: 1, ...overrides };
}

describe('engine/commandRunner', () => {
  describe('messages another plugin cancels', () => {
    it('records a cancelled warning as done, never retries it, and does not tell the agent', async () => {
      const { effects, run, dispatched, notices, warnings } = setup();
      effects.cancelNext = true;
      await run(warning());
      expect(dispatched).toEqual([inactivityEvents.warningSent(warning())]);
      expect(notices).toEqual([]);
      expect(warnings).toEqual([expect.stringContaining('another plugin cancelled the warning message')]);
    });

    it('lets the wrap-up follow a cancelled closing message', async () => {
      const { effects, run, dispatched } = setup({ policy: { closingMessage: 'Bye' } });
      effects.cancelNext = true;
      await run(closing());
      expect(dispatched).toEqual([inactivityEvents.closingMessageDone(closing())]);
    });
  });

  describe('warnings', () => {
    it('keeps one attempt of a command in flight: running it again while pending sends nothing more', async () => {
      const { effects, runner, dispatched } = setup();
      const pending = deferred();
      effects.outcomes.push(pending.promise);
      runner.run([warning()]);
      runner.run([warning()]);
      expect(effects.sent).toHaveLength(1);
      expect(dispatched).toEqual([]);
      pending.resolve();
      await flush();
      expect(dispatched).toEqual([inactivityEvents.warningSent(warning())]);
    });

    it('records the warning with the cycle and index of the command once it is sent', async () => {
      const { run, dispatched } = setup({ timer: { cycle: 3 } });
      await run(warning({ cycle: 3, warningIndex: 0 }));
      expect(dispatched).toHaveLength(1);
      expect(dispatched[0]).toMatchObject({
        type: 'inactivity/warningSent',
        payload: { conversationSid: SID, cycle: 3, warningIndex: 0 },
      });
    });

    it('renders {{remaining}} at send time (not when planned) and {{customerName}}', async () => {
      const { clock, run, effects } = setup();
      clock.advanceTo(25_000); // deadline at 35 s; the command was planned with 15 s left
      await run(warning({ remainingMs: 15_000 }));
      expect(effects.sent[0]?.body).toBe('Closing in 10 seconds, Jane.');
    });

    it('marks the message with the task, the cycle start and the warning index', async () => {
      const { run, effects } = setup({
        policy: {
          warnings: [
            { beforeMs: 20_000, message: 'first' },
            { beforeMs: 10_000, message: 'second' },
          ],
        },
        timer: { cycle: 2, cycleStartIndex: 4 },
      });
      await run(warning({ cycle: 2, warningIndex: 1 }));
      expect(effects.sent).toEqual([
        {
          conversationSid: SID,
          body: 'second',
          attributes: {
            conversationsInactivity: { kind: 'warning', taskSid: 'WT1', cycleStartIndex: 4, warningIndex: 1 },
          },
        },
      ]);
    });

    it('sends nothing for a conversation it has no context for', async () => {
      const { run, effects, dispatched } = setup();
      await run(warning({ conversationSid: 'CH9' }));
      expect(effects.sent).toEqual([]);
      expect(dispatched).toEqual([]);
    });

    it('retries a failed warning only after the backoff (2 s, then 5 s), telling the agent once', async () => {
      const { clock, run, effects, notices, dispatched, warnings } = setup();
      effects.outcomes.push(new Error('No valid conversation'), new Error('No valid conversation'));
      await run(warning());
      expect(notices).toEqual([
        { kind: 'messageFailed', task: TASK, reason: 'No valid conversation', retryInMs: 2_000 },
      ]);
      clock.advanceTo(1_999);
      await run(warning());
      expect(effects.sent).toHaveLength(1);
      clock.advanceTo(2_000);
      await run(warning());
      expect(effects.sent).toHaveLength(2);
      clock.advanceTo(6_999);
      await run(warning());
      expect(effects.sent).toHaveLength(2);
      clock.advanceTo(7_000);
      await run(warning());
      expect(effects.sent).toHaveLength(3);
      expect(notices).toHaveLength(1);
      expect(warnings).toHaveLength(2);
      expect(dispatched).toEqual([inactivityEvents.warningSent(warning())]);
    });

    it('treats each warning of a cycle as its own command', async () => {
      const { run, effects } = setup({
        policy: {
          warnings: [
            { beforeMs: 20_000, message: 'first' },
            { beforeMs: 10_000, message: 'second' },
          ],
        },
      });
      const pending = deferred();
      effects.outcomes.push(pending.promise);
      await run(warning({ warningIndex: 0 }), warning({ warningIndex: 1 }));
      expect(effects.sent.map((sent) => sent.body)).toEqual(['first', 'second']);
    });

    it('forget() drops pending retries: the next run tries again at once', async () => {
      const { run, runner, effects } = setup();
      effects.outcomes.push(new Error('offline'));
      await run(warning());
      await run(warning());
      expect(effects.sent).toHaveLength(1);
      runner.forget(SID);
      await run(warning());
      expect(effects.sent).toHaveLength(2);
    });

    it('forget() leaves other conversations with the same prefix alone', async () => {
      const { run, runner, effects } = setup();
      effects.outcomes.push(new Error('offline'));
      await run(warning());
      runner.forget('CH000');
      await run(warning());
      expect(effects.sent).toHaveLength(1);
    });
  });

  describe('closing message', () => {
    const withClosing = { policy: { closingMessage: 'Bye {{customerName}}, closing now.' } };

    it('sends the closing message with a closing marker, then records it', async () => {
      const { run, effects, dispatched } = setup(withClosing);
      await run(closing());
      expect(effects.sent).toEqual([
        {
          conversationSid: SID,
          body: 'Bye Jane, closing now.',
          attributes: { conversationsInactivity: { kind: 'closing', taskSid: 'WT1', cycleStartIndex: null } },
        },
      ]);
      expect(dispatched).toEqual([inactivityEvents.closingMessageDone(closing())]);
    });

    it('records it without sending when no closing message is configured', async () => {
      const { run, effects, dispatched } = setup({ policy: { closingMessage: null } });
      await run(closing());
      expect(effects.sent).toEqual([]);
      expect(dispatched).toEqual([inactivityEvents.closingMessageDone(closing())]);
    });

    it('gives up after 3 failures so the wrap-up can follow, telling the agent once', async () => {
      const { clock, run, effects, dispatched, notices } = setup(withClosing);
      effects.outcomes.push(new Error('down'), new Error('down'), new Error('down'));
      await run(closing());
      clock.advance(2_000);
      await run(closing());
      expect(dispatched).toEqual([]);
      clock.advance(5_000);
      await run(closing());
      expect(effects.sent).toHaveLength(3);
      expect(dispatched).toEqual([inactivityEvents.closingMessageDone(closing())]);
      expect(notices).toEqual([expect.objectContaining({ kind: 'messageFailed', retryInMs: 2_000 })]);
      await run(wrapUp());
      expect(effects.wrapups).toEqual(['WR0001']);
    });

    it("stamps closed_at in Twilio's time when this PC's clock is known to run ahead", async () => {
      // A PC 5 minutes fast: reports join closed_at with the task's server-stamped events.
      const { run, effects, clock } = setup({ skewOffsetMs: 300_000 });
      clock.advanceTo(1_700_000_300_000);
      await run(wrapUp());
      expect(effects.recorded[0]?.outcome.closed_at).toBe('2023-11-14T22:13:20.000Z');
    });

    it("stamps closed_at in Twilio's time when this PC's clock is known to run behind", async () => {
      const { run, effects, clock } = setup({ skewOffsetMs: -90_000 });
      clock.advanceTo(1_699_999_910_000);
      await run(wrapUp());
      expect(effects.recorded[0]?.outcome.closed_at).toBe('2023-11-14T22:13:20.000Z');
    });

    it('honours a custom number of closing attempts', async () => {
      const { run, effects, dispatched } = setup({ ...withClosing, closingAttempts: 1 });
      effects.outcomes.push(new Error('down'));
      await run(closing());
      expect(dispatched).toEqual([inactivityEvents.closingMessageDone(closing())]);
    });
  });

  describe('wrap-up', () => {
    it('records the inactivity outcome in the task attributes once the wrap-up is confirmed', async () => {
      const { run, effects, clock } = setup({ timer: { phase: { kind: 'counting', deadlineAt: 0, warningsSent: 1 } } });
      clock.advanceTo(1_700_000_000_000);
      await run(wrapUp());
      expect(effects.recorded).toEqual([
        {
          reservationSid: 'WR0001',
          outcome: {
            reason: 'customer_inactive',
            closed_at: '2023-11-14T22:13:20.000Z',
            warnings_sent: 1,
            timer_sec: 35,
          },
          reportOutcome: null,
        },
      ]);
      expect(effects.wrapups).toEqual(['WR0001']);
    });

    it('confirms the wrap-up even when the attributes cannot be written, saying so once per chat', async () => {
      const { run, effects, warnings, dispatched } = setup();
      effects.outcomeFailure = new Error('TaskRouter refused the update');
      await run(wrapUp());
      expect(effects.wrapups).toEqual(['WR0001']);
      expect(dispatched).toContainEqual(inactivityEvents.wrapupConfirmed(wrapUp()));
      expect(effects.recorded).toHaveLength(1);
      expect(warnings.filter((warning) => warning.includes('could not record'))).toHaveLength(1);
    });

    it('counts in the outcome only warnings sent, not one skipped outside the window or cancelled by a plugin', async () => {
      const warned = { phase: { kind: 'counting', deadlineAt: 0, warningsSent: 1 } } as const;
      const skipped = setup({ timer: warned });
      await skipped.run({ kind: 'skipMessage', conversationSid: SID, cycle: 1, message: 'warning', warningIndex: 0 });
      await skipped.run(wrapUp());
      expect(skipped.effects.recorded[0]?.outcome.warnings_sent).toBe(0);

      const cancelled = setup({ timer: warned });
      cancelled.effects.cancelNext = true;
      await cancelled.run(warning());
      await cancelled.run(wrapUp());
      expect(cancelled.effects.recorded[0]?.outcome.warnings_sent).toBe(0);

      const sent = setup({ timer: warned });
      await sent.run(warning());
      await sent.run(wrapUp());
      expect(sent.effects.recorded[0]?.outcome.warnings_sent).toBe(1);
    });

    it('records the outcome once when Flex wrote it already, before another plugin completed the task', async () => {
      const { run, effects } = setup();
      const wrapupTask = effects.wrapupTask.bind(effects);
      effects.wrapupTask = async (reservationSid: string, recordOutcome: () => Promise<void>) => {
        await wrapupTask(reservationSid);
        await recordOutcome(); // a beforeCompleteTask listener, while WrapupTask's after-listeners run
      };
      await run(wrapUp());
      expect(effects.recorded).toHaveLength(1);
    });

    it('records nothing on a wrap-up that did not happen: refused, then retried and refused again', async () => {
      const { run, effects, clock } = setup();
      effects.leftAccepted = false;
      await run(wrapUp());
      clock.advance(2_000);
      await run(wrapUp());
      expect(effects.wrapups).toEqual(['WR0001', 'WR0001']);
      expect(effects.recorded).toEqual([]);
    });

    it('records nothing when someone else moved the task on first (WrapupTask rejected, task not accepted)', async () => {
      const { run, effects, dispatched } = setup();
      effects.outcomes.push(new Error('task is not accepted'));
      await run(wrapUp());
      expect(dispatched).toContainEqual(inactivityEvents.wrapupConfirmed(wrapUp()));
      expect(effects.recorded).toEqual([]);
    });

    it('confirms a wrap-up the task status shows, and tells the agent', async () => {
      const { run, effects, dispatched, notices } = setup();
      await run(wrapUp());
      expect(effects.wrapups).toEqual(['WR0001']);
      expect(dispatched).toEqual([
        inactivityEvents.wrapupRequested(wrapUp()),
        inactivityEvents.wrapupConfirmed(wrapUp()),
      ]);
      expect(notices).toEqual([{ kind: 'wrappedUp', task: TASK, timerMs: 35_000 }]);
    });

    it('does not trust WrapupTask resolving while the task stays accepted: failed, told once, retried later', async () => {
      const { clock, run, effects, dispatched, notices } = setup();
      effects.leftAccepted = false;
      await run(wrapUp());
      expect(dispatched).toEqual([inactivityEvents.wrapupRequested(wrapUp()), inactivityEvents.wrapupFailed(wrapUp())]);
      expect(notices).toEqual([
        { kind: 'wrapupFailed', task: TASK, reason: 'the task is still accepted', retryInMs: 2_000 },
      ]);
      clock.advanceTo(1_999);
      await run(wrapUp());
      expect(effects.wrapups).toHaveLength(1);
      clock.advanceTo(2_000);
      await run(wrapUp());
      expect(effects.wrapups).toHaveLength(2);
      expect(dispatched.map((event) => event.type)).toEqual([
        'inactivity/wrapupRequested',
        'inactivity/wrapupFailed',
        'inactivity/wrapupRequested',
        'inactivity/wrapupFailed',
      ]);
      expect(notices).toHaveLength(1);
      effects.leftAccepted = true;
      clock.advanceTo(7_000);
      await run(wrapUp());
      expect(dispatched.slice(-1)).toEqual([inactivityEvents.wrapupConfirmed(wrapUp())]);
      expect(notices.map((notice) => notice.kind)).toEqual(['wrapupFailed', 'wrappedUp']);
    });

    it('reports a rejected WrapupTask with its reason while the task is still accepted', async () => {
      const { run, effects, notices, dispatched } = setup();
      effects.leftAccepted = false;
      effects.outcomes.push(new Error('Network error'));
      await run(wrapUp());
      expect(notices).toEqual([expect.objectContaining({ kind: 'wrapupFailed', reason: 'Network error' })]);
      expect(dispatched.map((event) => event.type)).toEqual(['inactivity/wrapupRequested', 'inactivity/wrapupFailed']);
    });

    it('takes a rejection for a task that already left the accepted state as done (someone got there first)', async () => {
      const { run, effects, notices, dispatched } = setup();
      effects.leftAccepted = true;
      effects.outcomes.push(new Error('is not in accepted state'));
      await run(wrapUp());
      expect(notices.map((notice) => notice.kind)).toEqual(['wrappedUp']);
      expect(dispatched.map((event) => event.type)).toEqual([
        'inactivity/wrapupRequested',
        'inactivity/wrapupConfirmed',
      ]);
    });
  });
});
