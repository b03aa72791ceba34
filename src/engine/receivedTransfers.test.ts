import { fakeTask } from '../flex/testing/fakeFlex';
import { startHarness } from '../flex/testing/engineHarness';

// 35 s, one warning 15 s before the end. The harness's reservations are stamped with Twilio's time when created.
const T0 = 1_000_000;
const CONFIG = { timer_sec: 35, warning_sec: 15 };

/**
 * Agent B receives chat CH1 by a cold transfer from agent A, created at `transferredAt` (before B's reservation): Flex
 * lists the Interactions channel's transfers for B too (that is how it shows the transfer notes). B's reservation is
 * created at T0 and accepted at once.
 */
function receivedChat(listedAs: 'completed' | 'pending', transferredAt = T0 - 30_000) {
  const harness = startHarness({ customerInactivity: CONFIG, tasks: [fakeTask(1, { status: 'pending' })] });
  harness.transfers.set('CH1', listedAs, transferredAt);
  harness.tasks.set(fakeTask(1)); // accepted
  return harness;
}

/** This agent transfers CH1 (reservation WR1, created at T0) to a queue at T0 + 5 s; the queue routes it back. */
async function routedBack(listedAs: 'completed' | 'pending') {
  const harness = startHarness({ customerInactivity: CONFIG });
  await harness.advanceTo(T0 + 5_000);
  harness.transfers.set('CH1', 'pending', T0 + 5_000);
  await harness.advanceTo(T0 + 10_000);
  expect(harness.timer()?.phase.kind).toBe('transferPending');
  // The queue offers the chat to the same agent: a new reservation (created now) on the same conversation, accepted.
  harness.tasks.set(fakeTask(2, {}, { conversationSid: 'CH1', flexInteractionChannelSid: 'UO1' }));
  // The first reservation moves to wrap-up (cold transfer completed); Flex may or may not have reloaded the list.
  if (listedAs === 'completed') harness.transfers.set('CH1', 'completed', T0 + 5_000);
  harness.tasks.set({ ...fakeTask(1), status: 'wrapping' });
  return harness;
}

describe('engine: chats that reach this agent through a transfer', () => {
  it.each(['completed', 'pending'] as const)(
    'times a chat received by a cold transfer listed as %s: warned at 20 s, wrapped up at 35 s',
    async (listedAs) => {
      const harness = receivedChat(listedAs);
      await harness.advanceTo(T0 + 20_000);
      expect(harness.timer()?.phase.kind).toBe('counting');
      expect(harness.warningsSent()).toHaveLength(1);
      await harness.advanceTo(T0 + 34_000);
      expect(harness.effects.wrapups).toEqual([]);
      await harness.advanceTo(T0 + 35_000);
      expect(harness.effects.wrapups).toEqual(['WR1']);
    },
  );

  it("ignores the received transfer stamped in the reservation's own second", async () => {
    const harness = receivedChat('completed', T0);
    await harness.advanceTo(T0 + 35_000);
    expect(harness.effects.wrapups).toEqual(['WR1']);
  });

  it('still holds for a transfer the receiving agent starts, and ends with it when another agent takes the chat', async () => {
    const harness = receivedChat('completed');
    await harness.advanceTo(T0 + 10_000);
    harness.transfers.set('CH1', 'pending', T0 + 10_000); // B passes the chat on: Flex reloads the list
    await harness.advanceTo(T0 + 600_000);
    expect(harness.effects.wrapups).toEqual([]);
    expect(harness.timer()?.phase).toMatchObject({ kind: 'transferPending', held: { remainingMs: 25_000 } });
    harness.transfers.set('CH1', 'completed', T0 + 10_000);
    await harness.advance(60_000);
    expect(harness.timer()?.phase).toEqual({ kind: 'done' });
    expect(harness.effects.wrapups).toEqual([]);
  });

  it.each(['completed', 'pending'] as const)(
    'times the new reservation of a chat routed back to the same agent (earlier transfer listed as %s)',
    async (listedAs) => {
      const harness = await routedBack(listedAs);
      await harness.advanceTo(T0 + 44_000);
      expect(harness.timer()).toMatchObject({ reservationSid: 'WR2', phase: { kind: 'counting' } });
      expect(harness.effects.wrapups).toEqual([]);
      await harness.advanceTo(T0 + 45_000);
      expect(harness.effects.wrapups).toEqual(['WR2']);
    },
  );

  it('times a chat routed back after a reload, where Flex lists the earlier reservation transfer as completed', async () => {
    const first = await routedBack('completed');
    await first.advanceTo(T0 + 15_000);
    first.stop();
    const second = startHarness({ customerInactivity: CONFIG, previous: first });
    await second.advanceTo(T0 + 44_000);
    expect(second.timer()).toMatchObject({ reservationSid: 'WR2', phase: { kind: 'counting' } });
    await second.advanceTo(T0 + 45_000);
    expect(second.effects.wrapups).toEqual(['WR2']);
  });

  it('counts, as before, a listed transfer without a creation time: the received chat is left alone', async () => {
    const harness = startHarness({ customerInactivity: CONFIG, tasks: [fakeTask(1, { status: 'pending' })] });
    harness.transfers.set('CH1', 'completed');
    harness.tasks.set(fakeTask(1));
    await harness.advanceTo(T0 + 60_000);
    expect(harness.timer()?.phase).toEqual({ kind: 'done' });
    expect(harness.effects.wrapups).toEqual([]);
  });
});

describe('engine: a hold an earlier build put on a chat routed back', () => {
  it('ends at the next page load, and the countdown goes on from the time it held', async () => {
    // The earlier build counted every listed transfer; an undated one still does, which reproduces it here.
    const first = startHarness({ customerInactivity: CONFIG });
    await first.advanceTo(T0 + 5_000);
    first.transfers.set('CH1', 'pending');
    await first.advanceTo(T0 + 10_000);
    first.tasks.set(fakeTask(2, {}, { conversationSid: 'CH1', flexInteractionChannelSid: 'UO1' }));
    first.tasks.set({ ...fakeTask(1), status: 'wrapping' });
    await first.advanceTo(T0 + 100_000);
    expect(first.timer()).toMatchObject({ reservationSid: 'WR2', phase: { kind: 'transferPending' } });
    first.stop();
    // The page loads again, and Flex loads the chat's list anew: the transfer with the date Twilio gave it, before
    // the new reservation.
    const second = startHarness({ customerInactivity: CONFIG, previous: first });
    second.transfers.set('CH1', 'pending', T0 + 5_000);
    await second.advanceTo(T0 + 134_000);
    expect(second.timer()).toMatchObject({ reservationSid: 'WR2', phase: { kind: 'counting' } });
    expect(second.effects.wrapups).toEqual([]);
    await second.advanceTo(T0 + 135_000);
    expect(second.effects.wrapups).toEqual(['WR2']);
  });
});

describe("engine: another tab takes over while this agent's transfer of a received chat is pending", () => {
  it("keeps holding: the new tab's list, loaded long before, shows only the transfer that brought the chat", async () => {
    const tab1 = startHarness({ customerInactivity: CONFIG, tasks: [fakeTask(1, { status: 'pending' })] });
    const tab2 = startHarness({ customerInactivity: CONFIG, previous: tab1, leader: false });
    tab1.transfers.set('CH1', 'completed', T0 - 30_000); // both tabs loaded it with the chat
    tab1.tasks.set(fakeTask(1));
    await tab1.advanceTo(T0 + 10_000);
    tab1.transfers.set('CH1', 'pending', T0 + 10_000); // tab 1's Flex lists its own transfer anew
    await tab1.advanceTo(T0 + 20_000);
    expect(tab1.timer()?.phase.kind).toBe('transferPending');
    tab1.stop();
    tab2.transfers.set('CH1', 'completed', T0 - 30_000); // what tab 2's Flex still lists
    tab2.leadership.set(true);
    await tab2.advanceTo(T0 + 120_000);
    expect(tab2.effects.wrapups).toEqual([]);
    expect(tab2.timer()?.phase.kind).toBe('transferPending');
  });
});
