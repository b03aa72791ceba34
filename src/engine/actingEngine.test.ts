import { fakeTask } from '../flex/testing/fakeFlex';
import type { TaskLike } from '../tasks/messagingTask';
import { ORIGINAL_CONFIG, flushPromises, startHarness } from '../flex/testing/engineHarness';

const T0 = 1_000_000;

describe('engine/actingEngine', () => {
  describe('which tasks are tracked', () => {
    it('tracks every accepted messaging task the worker already holds at start-up', async () => {
      const voice = fakeTask(3, {}, { conversationSid: undefined });
      const harness = startHarness({ tasks: [fakeTask(1), fakeTask(2, {}, { channelType: 'sms' }), voice] });
      await harness.advance(0);
      expect(harness.timer('CH1')).toBeDefined();
      expect(harness.timer('CH2')).toMatchObject({ channelType: 'sms' });
      expect(Object.keys(harness.store.getState().conversationsInactivity?.timers ?? {})).toHaveLength(2);
    });

    it('ignores a pending task until it is accepted, then starts the countdown at acceptance', async () => {
      const harness = startHarness({ tasks: [fakeTask(1, { status: 'pending' })] });
      await harness.advance(5_000);
      expect(harness.timer()).toBeUndefined();
      harness.tasks.set(fakeTask(1));
      expect(harness.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 5_000 + 35_000 });
    });

    it('leaves email alone unless the admin configures channels.email', async () => {
      const email = [fakeTask(1, {}, { channelType: 'email' })];
      const untouched = startHarness({ tasks: email });
      await untouched.advance(0);
      expect(untouched.timer()).toBeUndefined();
      const configured = startHarness({
        tasks: email,
        customerInactivity: { timer_sec: 86_400, channels: { email: {} } },
      });
      await configured.advance(0);
      expect(configured.timer()).toMatchObject({ channelType: 'email', policy: { timerMs: 86_400_000 } });
    });

    it('does not track channels the admin disabled', async () => {
      const harness = startHarness({
        customerInactivity: { ...{ timer_sec: 35 }, channels: { web: { enabled: false } } },
      });
      await harness.advance(0);
      expect(harness.timer()).toBeUndefined();
    });
  });

  describe('warning and wrap-up', () => {
    it('sends nothing at 19.999 s and exactly one warning at 20 s, with the time left and the name', async () => {
      const harness = startHarness();
      await harness.advanceTo(T0 + 19_000);
      harness.clock.advanceTo(T0 + 19_999);
      harness.ticker.tick();
      expect(harness.warningsSent()).toHaveLength(0);
      await harness.advanceTo(T0 + 34_000);
      expect(harness.warningsSent()).toEqual([
        {
          conversationSid: 'CH1',
          body: 'Closing in 15 seconds, Customer 1.',
          marker: { kind: 'warning', taskSid: 'WT1', cycleStartIndex: null, warningIndex: 0 },
        },
      ]);
    });

    it('acts at the exact due moment between two ticks, not at the next tick', async () => {
      const harness = startHarness({ tasks: [fakeTask(1, { status: 'pending' })] });
      await harness.advanceTo(T0 + 300);
      harness.tasks.set(fakeTask(1));
      // Ticks from here fall on whole seconds after T0, 700 ms after each due moment.
      harness.clock.advanceTo(T0 + 1_000);
      await harness.advanceTo(T0 + 20_999);
      const history = harness.conversations.history.get('CH1') ?? [];
      expect(history.map((message) => message.createdAt)).toEqual([T0 + 300 + 20_000]);
      await harness.advanceTo(T0 + 300 + 35_000);
      expect(harness.effects.wrapups).toEqual(['WR1']);
    });

    it('moves the task to wrap-up at 35 s through WrapupTask, tells the agent, and lets go of everything', async () => {
      const harness = startHarness();
      await harness.advanceTo(T0 + 34_000);
      expect(harness.effects.wrapups).toEqual([]);
      await harness.advanceTo(T0 + 35_000);
      expect(harness.effects.wrapups).toEqual(['WR1']);
      expect(harness.notices).toEqual([expect.objectContaining({ kind: 'wrappedUp', timerMs: 35_000 })]);
      expect(harness.timer()).toBeUndefined();
      expect(harness.conversations.watcherCount()).toBe(0);
      await harness.advance(60_000);
      expect(harness.effects.wrapups).toHaveLength(1);
    });

    it('sends the closing message before the wrap-up when one is configured', async () => {
      const harness = startHarness({
        customerInactivity: { timer_sec: 35, warnings: [], closing_message: 'Bye {{customerName}}' },
      });
      await harness.advanceTo(T0 + 36_000);
      expect(harness.effects.sent.map((sent) => sent.body)).toEqual(['Bye Customer 1']);
      expect(harness.effects.wrapups).toEqual(['WR1']);
    });
  });

  describe('customer activity', () => {
    it('restarts the countdown at each customer message', async () => {
      const harness = startHarness();
      await harness.advanceTo(T0 + 10_000);
      harness.customerWrites();
      await harness.advanceTo(T0 + 29_000);
      expect(harness.warningsSent()).toHaveLength(0);
      await harness.advanceTo(T0 + 30_000);
      expect(harness.warningsSent()).toHaveLength(1);
      await harness.advanceTo(T0 + 44_000);
      expect(harness.effects.wrapups).toEqual([]);
      await harness.advanceTo(T0 + 45_000);
      expect(harness.effects.wrapups).toEqual(['WR1']);
    });

    it.each([
      ['this agent', 'agent@example.com', 'MBagent'],
      ['another agent', 'other.agent@example.com', 'MBagent2'],
      ['a supervisor', 'supervisor@example.com', 'MBsupervisor'],
      ['a bot', 'bot', null],
      ['system', 'system', null],
    ])('does not reset the countdown for a message from %s', async (_who, author, participantSid) => {
      const harness = startHarness();
      await harness.advanceTo(T0 + 10_000);
      harness.someoneWrites(1, author, participantSid);
      await harness.advanceTo(T0 + 35_000);
      expect(harness.effects.wrapups).toEqual(['WR1']);
    });

    it('recognises the customer by address when the Interactions participants cannot be read', async () => {
      const harness = startHarness({ participantsKnown: false });
      await harness.advanceTo(T0 + 10_000);
      harness.someoneWrites(1, 'customer-1', 'MBunknown');
      await harness.advanceTo(T0 + 35_000);
      expect(harness.effects.wrapups).toEqual([]);
      expect(harness.log.warnings.join('\n')).toMatch(/could not read the participants of task WT1/);
    });
  });

  describe('agent_reply mode', () => {
    const agentReply = { timer_sec: 35, warning_sec: 15, start_on: 'agent_reply' };

    it('counts only from an agent message, ignores its own warning, and stops at the customer reply', async () => {
      const harness = startHarness({ customerInactivity: agentReply });
      await harness.advanceTo(T0 + 100_000);
      expect(harness.effects.sent).toHaveLength(0);
      harness.agentWrites();
      await harness.advanceTo(T0 + 120_000);
      expect(harness.warningsSent()).toHaveLength(1);
      harness.customerWrites();
      await harness.advanceTo(T0 + 500_000);
      expect(harness.effects.wrapups).toEqual([]);
      expect(harness.warningsSent()).toHaveLength(1);
    });
  });

  describe('reload', () => {
    it('keeps the countdown across a reload instead of restarting it', async () => {
      const first = startHarness();
      await first.advanceTo(T0 + 10_000);
      first.stop();
      const second = startHarness({ previous: first });
      expect(second.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 35_000 });
      await second.advanceTo(T0 + 35_000);
      expect(second.effects.wrapups).toEqual(['WR1']);
    });

    it('restarts from a customer message that arrived during the reload (from its own time)', async () => {
      const first = startHarness();
      await first.advanceTo(T0 + 10_000);
      first.stop();
      first.clock.advanceTo(T0 + 12_000);
      first.customerWrites(1, 'still here', true);
      first.clock.advanceTo(T0 + 14_000);
      const second = startHarness({ previous: first });
      await second.advance(0);
      expect(second.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 12_000 + 35_000 });
    });

    it('does not resend a warning already in the history', async () => {
      const first = startHarness();
      await first.advanceTo(T0 + 21_000);
      expect(first.warningsSent()).toHaveLength(1);
      first.stop();
      const second = startHarness({ previous: first });
      await second.advanceTo(T0 + 34_000);
      expect(second.warningsSent()).toHaveLength(0);
      expect(second.timer()?.phase).toMatchObject({ kind: 'counting', warningsSent: 1 });
    });

    it('wraps up at once, without a late warning, when time ran out while the page was closed', async () => {
      const first = startHarness();
      await first.advanceTo(T0 + 5_000);
      first.stop();
      first.clock.advanceTo(T0 + 600_000);
      const second = startHarness({ previous: first });
      await second.advance(1_000);
      expect(second.effects.wrapups).toEqual(['WR1']);
      expect(second.warningsSent()).toHaveLength(0);
    });

    it('wraps up on first load a chat accepted elsewhere whose time ran out while no Flex page was open', async () => {
      const accepted = fakeTask(1, { dateUpdated: new Date(T0 - 100_000) });
      const harness = startHarness({ tasks: [accepted] });
      await harness.advance(1_000);
      expect(harness.effects.wrapups).toEqual(['WR1']);
      expect(harness.warningsSent()).toHaveLength(0);
    });

    it('counts a chat accepted before the page loaded from its acceptance, not from the page load', async () => {
      const harness = startHarness({ tasks: [fakeTask(1, { dateUpdated: new Date(T0 - 10_000) })] });
      // A whole-second stamp is read as the last millisecond of its second: the countdown never starts before it.
      expect(harness.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 - 10_000 + 999 + 35_000 });
      await harness.advance(1_000);
      expect(harness.effects.wrapups).toEqual([]);
    });

    it('drops stored timers of tasks that ended while the page was closed', async () => {
      const first = startHarness();
      await first.advance(1_000);
      first.stop();
      first.tasks.tasks.delete('WR1');
      const second = startHarness({ previous: first });
      await second.advance(1_000);
      expect(second.timer()).toBeUndefined();
      expect(second.savedTimers()).toEqual([]);
    });
  });

  describe('clock skew', () => {
    /** Task 2, accepted at server time `acceptedAt` (a stamp with milliseconds), handed over by Flex at `heardAt`. */
    const acceptLate = async (
      harness: ReturnType<typeof startHarness>,
      acceptedAt: number,
      heardAt: number,
      createdAt = acceptedAt - 200,
    ) => {
      await harness.advanceTo(heardAt);
      harness.tasks.set(fakeTask(2, { dateCreated: new Date(createdAt), dateUpdated: new Date(acceptedAt) }));
      await harness.advance(0);
    };

    it('counts a chat accepted live from its acceptance, not from when a slow tab heard of it', async () => {
      const harness = startHarness();
      await acceptLate(harness, T0 + 5_234, T0 + 5_734);
      expect(harness.timer('CH2')?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 5_234 + 35_000 });
      await harness.advanceTo(T0 + 5_234 + 35_000 - 1);
      expect(harness.effects.wrapups).not.toContain('WR2');
      await harness.advanceTo(T0 + 5_234 + 35_000);
      expect(harness.effects.wrapups).toContain('WR2');
    });

    it('never starts a live countdown in the future of the page, whatever the stamp says', async () => {
      const harness = startHarness();
      // A stamp ten seconds ahead of Twilio's clock (as a faulty integration might write) on a task created just now.
      await acceptLate(harness, T0 + 15_234, T0 + 5_734, T0 + 5_534);
      expect(harness.timer('CH2')?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 5_734 + 35_000 });
    });

    it('takes a bound once per snapshot: a snapshot Flex hands over again does not raise the estimate', async () => {
      const harness = startHarness();
      await harness.advance(0);
      const estimate = harness.world.skewMemory.offsetMs;
      expect(estimate).not.toBeNull();
      const [seen] = harness.tasks.heldTasks();
      for (let k = 1; k <= 30; k += 1) {
        await harness.advanceTo(T0 + k * 100);
        harness.tasks.listeners.forEach((listener) => listener({ ...(seen as TaskLike) }));
      }
      expect(harness.world.skewMemory.offsetMs).toBe(estimate);
    });

    it('moves a countdown heard late on a fresh profile back to the acceptance once the clock is known', async () => {
      const harness = startHarness({ tasks: [] });
      // Nothing is known of the clock yet: the chat counts from when the page heard of it, 500 ms late.
      await acceptLate(harness, T0 + 5_234, T0 + 5_734);
      expect(harness.timer('CH2')?.phase).toMatchObject({ deadlineAt: T0 + 5_734 + 35_000 });
      // Another chat handed over at once (created, and its snapshot taken, the moment the page hears of it).
      await harness.advanceTo(T0 + 9_000);
      harness.tasks.set(fakeTask(3, { dateCreated: new Date(T0 + 9_000), dateUpdated: new Date(T0 + 9_000) }));
      await harness.advance(0);
      expect(harness.timer('CH2')?.phase).toMatchObject({ deadlineAt: T0 + 5_234 + 35_000 });
      await harness.advanceTo(T0 + 5_234 + 35_000 - 1);
      expect(harness.effects.wrapups).not.toContain('WR2');
      await harness.advanceTo(T0 + 5_234 + 35_000);
      expect(harness.effects.wrapups).toContain('WR2');
    });

    it('leaves a chat found at load on a fresh profile its countdown when the clock shows it was accepted long before', async () => {
      // A snapshot without a creation time tells nothing of the clock: the chat counts from the page load.
      const found = fakeTask(1, { dateCreated: new Date(Number.NaN), dateUpdated: new Date(T0 - 600_000) });
      const harness = startHarness({ tasks: [found] });
      await harness.advance(0);
      expect(harness.world.skewMemory.offsetMs).toBeNull();
      const started = harness.timer('CH1')?.cycleStartedAt;
      await harness.advanceTo(T0 + 9_000);
      harness.tasks.set(fakeTask(3, { dateCreated: new Date(T0 + 9_000), dateUpdated: new Date(T0 + 9_000) }));
      await harness.advance(0);
      expect(harness.timer('CH1')?.cycleStartedAt).toBe(started);
      expect(harness.effects.wrapups).toEqual([]);
    });

    it('never wraps up early on reload when the PC clock runs minutes ahead of Twilio', async () => {
      const first = startHarness({ serverBehindMs: 300_000 });
      await first.advanceTo(T0 + 5_000);
      first.customerWrites();
      first.stop();
      first.clock.advanceTo(T0 + 20_000);
      first.customerWrites(1, 'typed during the reload', true);
      first.clock.advanceTo(T0 + 30_000);
      const second = startHarness({ previous: first });
      await second.advanceTo(T0 + 54_000);
      expect(second.effects.wrapups).toEqual([]);
      expect(second.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 20_000 + 35_000 });
    });
  });

  describe('several tabs', () => {
    it('records a warning sent from another device, and does not send it again', async () => {
      const harness = startHarness();
      await harness.advanceTo(T0 + 19_000);
      harness.otherTabWarns(1, null);
      expect(harness.timer()?.phase).toMatchObject({ kind: 'counting', warningsSent: 1 });
      await harness.advanceTo(T0 + 34_000);
      expect(harness.effects.sent).toHaveLength(0);
    });
  });

  describe('connection', () => {
    it('never wraps up while disconnected, and reconciles before acting after reconnect', async () => {
      const harness = startHarness();
      await harness.advanceTo(T0 + 30_000);
      harness.conversations.setConnected(false);
      await harness.advanceTo(T0 + 50_000);
      expect(harness.effects.wrapups).toEqual([]);
      harness.customerWrites(1, 'typed while you were offline', true);
      harness.conversations.setConnected(true);
      await harness.advance(1_000);
      expect(harness.effects.wrapups).toEqual([]);
      expect(harness.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 50_000 + 35_000 });
    });
  });

  describe('failures', () => {
    it('retries a failed warning with backoff, tells the agent once, and sends it exactly once', async () => {
      const harness = startHarness();
      harness.effects.sendFailures = 2;
      await harness.advanceTo(T0 + 20_000);
      expect(harness.warningsSent()).toHaveLength(0);
      await harness.advanceTo(T0 + 30_000);
      expect(harness.warningsSent()).toHaveLength(1);
      expect(harness.notices.filter((notice) => notice.kind === 'messageFailed')).toHaveLength(1);
      await harness.advanceTo(T0 + 34_000);
      expect(harness.warningsSent()).toHaveLength(1);
    });

    it('does not trust a WrapupTask that resolved without wrapping up: it retries and tells the agent', async () => {
      const harness = startHarness();
      harness.effects.wrapupWorks = false;
      await harness.advanceTo(T0 + 35_000);
      expect(harness.notices).toContainEqual(
        expect.objectContaining({ kind: 'wrapupFailed', reason: 'the task is still accepted' }),
      );
      expect(harness.timer()?.phase).toEqual({ kind: 'expired', warningsSent: 1 });
      harness.effects.wrapupWorks = true;
      await harness.advanceTo(T0 + 40_000);
      expect(harness.effects.wrapups).toEqual(['WR1', 'WR1']);
      expect(harness.timer()).toBeUndefined();
    });

    it('retries a WrapupTask another plugin cancels only with the backoff, and tells the agent once', async () => {
      const harness = startHarness();
      harness.effects.wrapupCancelled = true;
      await harness.advanceTo(T0 + 35_000 + 120_000);
      // Asked at 35 s, then after 2, 5, 15, 30 and 60 s: six attempts in two minutes, not one a tick.
      expect(harness.effects.wrapups).toHaveLength(6);
      expect(harness.notices.filter((notice) => notice.kind === 'wrapupFailed')).toEqual([
        expect.objectContaining({ reason: 'Action WrapupTask cancelled by before event' }),
      ]);
      harness.effects.wrapupCancelled = false;
      await harness.advance(60_000);
      expect(harness.timer()).toBeUndefined();
    });

    it('acts on a conversation only once its messages are followed, then catches up from its history', async () => {
      const first = startHarness();
      await first.advance(1_000);
      first.stop();
      first.conversations.unavailable.add('CH1');
      first.clock.advanceTo(T0 + 90_000);
      first.customerWrites(1, 'written while the page reloaded', true);
      first.clock.advanceTo(T0 + 100_000);
      const second = startHarness({ previous: first });
      await second.advance(5_000);
      expect(second.effects.wrapups).toEqual([]);
      second.conversations.makeAvailable('CH1');
      await second.advance(1_000);
      expect(second.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 90_000 + 35_000 });
      await second.advanceTo(T0 + 125_000);
      expect(second.effects.wrapups).toEqual(['WR1']);
    });

    it('keeps a timer frozen while its history cannot be read, rather than wrapping up blind', async () => {
      const first = startHarness();
      await first.advance(1_000);
      first.stop();
      first.conversations.historyFails = true;
      first.clock.advanceTo(T0 + 100_000);
      const second = startHarness({ previous: first });
      await second.advance(5_000);
      expect(second.effects.wrapups).toEqual([]);
      expect(second.log.warnings.join('\n')).toMatch(/could not read the history of CH1/);
    });
  });

  describe('task lifecycle and cleanup', () => {
    it.each(['wrapping', 'completed', 'canceled'] as const)(
      'stops when the task becomes %s by any means',
      async (status) => {
        const harness = startHarness();
        await harness.advance(1_000);
        harness.tasks.set(fakeTask(1, { status }));
        expect(harness.timer()).toBeUndefined();
        expect(harness.conversations.watcherCount()).toBe(0);
        await harness.advance(60_000);
        expect(harness.effects.wrapups).toEqual([]);
      },
    );

    it('leaves no listener, watcher or subscription behind when stopped', async () => {
      const harness = startHarness({ tasks: [fakeTask(1), fakeTask(2)] });
      await harness.advance(1_000);
      harness.stop();
      expect(harness.conversations.watcherCount()).toBe(0);
      expect(harness.tasks.listeners.size).toBe(0);
      expect(harness.conversations.connectionListeners.size).toBe(0);
      expect(harness.ticker.listeners.size).toBe(0);
    });

    it('writes storage only when a timer changes, never on a quiet tick', async () => {
      const harness = startHarness();
      await harness.advance(1_000);
      const writes = harness.timerWrites();
      await harness.advance(10_000);
      expect(harness.timerWrites()).toBe(writes);
      harness.customerWrites();
      expect(harness.timerWrites()).toBe(writes + 1);
    });
  });

  describe('a wrap-up in flight', () => {
    it('keeps a customer message that arrives while WrapupTask is pending, and restarts from it when it fails', async () => {
      const harness = startHarness();
      harness.effects.wrapupWorks = false;
      harness.effects.holdNextWrapup();
      await harness.advanceTo(T0 + 35_000);
      expect(harness.timer()?.phase).toEqual({ kind: 'wrappingUp', heldMessage: null, warningsSent: 1 });
      await harness.advanceTo(T0 + 37_000);
      harness.customerWrites(1, 'sorry, I am here');
      expect(harness.timer()?.phase).toMatchObject({
        kind: 'wrappingUp',
        heldMessage: { at: T0 + 37_000 },
        warningsSent: 1,
      });
      harness.effects.finishHeldWrapup();
      await harness.advance(0);
      expect(harness.timer()?.phase).toEqual({ kind: 'counting', deadlineAt: T0 + 37_000 + 35_000, warningsSent: 0 });
      await harness.advanceTo(T0 + 71_000);
      expect(harness.effects.wrapups).toEqual(['WR1']);
    });

    it('wraps up again, once, a task still accepted after a reload during a pending wrap-up', async () => {
      const first = startHarness();
      first.effects.holdNextWrapup();
      await first.advanceTo(T0 + 35_000);
      expect(first.savedTimers()[0]?.phase.kind).toBe('wrappingUp');
      first.stop();
      const second = startHarness({ previous: first });
      await second.advance(2_000);
      expect(second.effects.wrapups).toEqual(['WR1']);
      expect(second.timer()).toBeUndefined();
    });

    it('releases the timer of a task no longer accepted after a reload during a pending wrap-up', async () => {
      const first = startHarness();
      first.effects.holdNextWrapup();
      await first.advanceTo(T0 + 35_000);
      first.stop();
      first.tasks.set({ ...fakeTask(1), status: 'wrapping' });
      const second = startHarness({ previous: first });
      await second.advance(2_000);
      expect(second.effects.wrapups).toEqual([]);
      expect(second.timer()).toBeUndefined();
    });
  });

  describe('history reads', () => {
    it('retries a failed history read with backoff, without waiting for a reconnect, and waits meanwhile', async () => {
      const harness = startHarness({ tasks: [] });
      harness.conversations.historyFails = true;
      harness.tasks.set(fakeTask(1));
      await harness.advanceTo(T0 + 40_000);
      expect(harness.timer()?.history).toBe('unread');
      expect(harness.effects.wrapups).toEqual([]);
      harness.conversations.historyFails = false;
      await harness.advanceTo(T0 + 100_000);
      expect(harness.timer()).toBeUndefined();
      expect(harness.effects.wrapups).toEqual(['WR1']);
      expect(harness.log.warnings.filter((warning) => warning.includes('history'))).toHaveLength(1);
    });

    it('reads at most 8 histories at a time after a reload with 20 chats, and reads them all', async () => {
      const tasks = Array.from({ length: 20 }, (_, i) => fakeTask(i + 1));
      const first = startHarness({ tasks });
      await first.advanceTo(T0 + 5_000);
      first.stop();
      first.conversations.holdHistoryReads = true;
      const second = startHarness({ previous: first });
      await flushPromises();
      const batches: number[] = [];
      while (first.conversations.heldReadCount > 0) {
        batches.push(first.conversations.heldReadCount);
        first.conversations.releaseHistoryReads();
        await flushPromises();
      }
      expect(batches).toEqual([8, 8, 4]);
      const histories = tasks.map((_, i) => second.timer(`CH${i + 1}`)?.history);
      expect(histories).toEqual(tasks.map(() => 'reconciled'));
    });

    it('does not let a read started before a disconnect mark the conversation reconciled after it', async () => {
      const harness = startHarness();
      await harness.advanceTo(T0 + 10_000);
      harness.conversations.holdHistoryReads = true;
      harness.conversations.setConnected(false);
      harness.conversations.setConnected(true);
      await flushPromises();
      harness.conversations.setConnected(false);
      harness.conversations.releaseHistoryReads();
      await harness.advance(0);
      expect(harness.timer()?.history).toBe('unread');
      harness.conversations.holdHistoryReads = false;
      harness.conversations.setConnected(true);
      await harness.advance(0);
      expect(harness.timer()?.history).toBe('reconciled');
    });
  });

  describe('reservations and configuration', () => {
    it('says when every chat found at its start has its history read under way (attached), or was let go', async () => {
      const first = startHarness({ tasks: [fakeTask(1), fakeTask(2), fakeTask(3)], leader: false });
      first.stop();
      first.world.conversations.unavailable.add('CH2');
      first.world.conversations.unavailable.add('CH3');
      const harness = startHarness({ previous: first });
      let attached = false;
      void harness.runtime
        .actingEngine()
        ?.whenStartupAttached()
        .then(() => (attached = true));
      await flushPromises();
      expect(attached).toBe(false);
      harness.conversations.makeAvailable('CH2');
      await flushPromises();
      expect(attached).toBe(false);
      harness.tasks.reload([fakeTask(1), fakeTask(2)]);
      await flushPromises();
      expect(attached).toBe(true);
    });

    it('tracks the chats of a rebuilt task list in one store change (each change costs every Flex subscriber)', async () => {
      const harness = startHarness({ tasks: [] });
      const timerCounts: number[] = [];
      harness.store.subscribe(() =>
        timerCounts.push(Object.keys(harness.store.getState().conversationsInactivity?.timers ?? {}).length),
      );
      harness.tasks.reload([fakeTask(1), fakeTask(2), fakeTask(3)]);
      await harness.advance(0);
      expect(timerCounts[0]).toBe(3);
      expect(['CH1', 'CH2', 'CH3'].map((sid) => harness.timer(sid)?.history)).toEqual([
        'reconciled',
        'reconciled',
        'reconciled',
      ]);
    });

    it('follows the tasks Flex holds after it rebuilt its task list without task events (worker ready again)', async () => {
      const harness = startHarness({ tasks: [fakeTask(1)] });
      await harness.advanceTo(T0 + 5_000);
      harness.tasks.reload([fakeTask(2, { dateUpdated: new Date(T0 + 3_000) })]);
      await harness.advance(0);
      expect(harness.timer('CH1')).toBeUndefined();
      expect(harness.timer('CH2')?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 3_999 + 35_000 });
      expect(harness.conversations.watchers.get('CH1')?.size ?? 0).toBe(0);
    });

    it('follows a second accepted reservation on the same conversation once the first one ends', async () => {
      const harness = startHarness();
      await harness.advanceTo(T0 + 5_000);
      harness.tasks.set(fakeTask(1, { sid: 'WR1b', taskSid: 'WT1b' }));
      harness.tasks.set({ ...fakeTask(1), status: 'completed' });
      await harness.advance(0);
      expect(harness.timer()).toMatchObject({ reservationSid: 'WR1b', taskSid: 'WT1b' });
      expect(harness.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 5_000 + 35_000 });
    });

    it('never mixes an old timer with new warnings after the admin changed the timer and the agent reloaded', async () => {
      const first = startHarness({ customerInactivity: { timer_sec: 60, warning_sec: 30 } });
      await first.advanceTo(T0 + 10_000);
      first.customerWrites();
      await first.advance(1_000);
      first.stop();
      const second = startHarness({ previous: first, customerInactivity: { timer_sec: 3_600, warning_sec: 600 } });
      await second.advanceTo(T0 + 20_000);
      // The running cycle keeps 60 s with its warning 30 s before the end.
      expect(second.warningsSent()).toHaveLength(0);
      await second.advanceTo(T0 + 41_000);
      expect(second.warningsSent()).toHaveLength(1);
      second.customerWrites(1, 'still here');
      await second.advance(5_000);
      // The next cycle runs wholly under the new policy: an hour, warned 10 minutes before the end.
      expect(second.warningsSent()).toHaveLength(1);
      expect(second.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 41_000 + 3_600_000 });
      await second.advanceTo(T0 + 41_000 + 3_000_000);
      expect(second.warningsSent()).toHaveLength(2);
    });

    it('leaves the reason for the wrap-up in the task attributes, beside what was there', async () => {
      const harness = startHarness({ tasks: [fakeTask(1, {}, { crmId: 'C-42' })] });
      await harness.advanceTo(T0 + 35_000);
      expect(harness.tasks.tasks.get('WR1')?.attributes).toMatchObject({
        crmId: 'C-42',
        conversationSid: 'CH1',
        inactivity: { reason: 'customer_inactive', warnings_sent: 1, timer_sec: 35 },
      });
      expect(harness.tasks.tasks.get('WR1')?.status).toBe('wrapping');
    });

    it('sets conversations.outcome for Flex Insights only when the admin asks, never over one already set', async () => {
      const asked = { ...ORIGINAL_CONFIG, report_outcome: 'Customer inactive' };
      const harness = startHarness({
        customerInactivity: asked,
        tasks: [fakeTask(1), fakeTask(2, {}, { conversations: { outcome: 'Resolved', queue: 'Billing' } })],
      });
      await harness.advanceTo(T0 + 35_000);
      expect(harness.tasks.tasks.get('WR1')?.attributes).toMatchObject({
        conversations: { outcome: 'Customer inactive' },
      });
      expect(harness.tasks.tasks.get('WR2')?.attributes).toMatchObject({
        conversations: { outcome: 'Resolved', queue: 'Billing' },
        inactivity: { reason: 'customer_inactive' },
      });
      const plain = startHarness();
      await plain.advanceTo(T0 + 35_000);
      expect(plain.tasks.tasks.get('WR1')?.attributes).not.toHaveProperty('conversations');
    });

    it('sends no WhatsApp warning outside the 24-hour window, tells the agent once, and still wraps up', async () => {
      const harness = startHarness({
        tasks: [],
        customerInactivity: { timer_sec: 60, warning_sec: 30, closing_message: 'Bye' },
      });
      harness.customerWrites(1, 'hello, anyone?', true);
      harness.clock.advanceTo(T0 + 86_390_000);
      harness.tasks.set(fakeTask(1, {}, { channelType: 'whatsapp' }));
      await harness.advance(20_000);
      expect(harness.timer()?.lastCustomerAt).toBe(T0);
      await harness.advance(45_000);
      expect(harness.effects.sent).toEqual([]);
      expect(harness.effects.wrapups).toEqual(['WR1']);
      expect(harness.notices.filter((notice) => notice.kind === 'messageOutsideWindow')).toHaveLength(1);
    });

    it('drops on load the stored timers of a channel the admin has disabled since', async () => {
      const first = startHarness({ tasks: [fakeTask(1), fakeTask(2, {}, { channelType: 'sms' })] });
      await first.advance(1_000);
      first.stop();
      const second = startHarness({
        previous: first,
        customerInactivity: { timer_sec: 35, channels: { sms: { enabled: false } } },
      });
      await second.advance(0);
      expect(second.timer('CH1')).toBeDefined();
      expect(second.timer('CH2')).toBeUndefined();
      expect(second.savedTimers().map((timer) => timer.conversationSid)).toEqual(['CH1']);
    });
  });
});
