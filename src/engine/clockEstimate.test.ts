import { fakeTask } from '../flex/testing/fakeFlex';
import { startHarness } from '../flex/testing/engineHarness';

const T0 = 1_000_000;

/** A task accepted live, as Flex reports it: its reservation stamped by Twilio's clock. */
function acceptLive(harness: ReturnType<typeof startHarness>, serverBehindMs: number): void {
  harness.tasks.set(fakeTask(1, { dateUpdated: new Date(harness.clock.now() - serverBehindMs) }));
}

describe('engine: clock estimate on a fresh profile (nothing remembered)', () => {
  it.each([
    ['5 minutes fast', 300_000],
    ['5 minutes slow', -300_000],
    ['2 hours fast', 7_200_000],
  ])(
    'with the PC clock %s, never wraps up before the full timer after accept and first message',
    async (_case, behind) => {
      const harness = startHarness({ tasks: [], serverBehindMs: behind, startAt: T0 + 10_000_000 });
      const start = harness.clock.now();
      harness.customerWrites(1, 'hello', true);
      acceptLive(harness, behind);
      await harness.advance(1_000);
      harness.customerWrites(1, 'are you there?');
      await harness.advanceTo(start + 1_000 + 34_000);
      expect(harness.effects.wrapups).toEqual([]);
      expect(harness.warningsSent()).toHaveLength(1);
      await harness.advanceTo(start + 1_000 + 36_000);
      expect(harness.effects.wrapups).toEqual(['WR1']);
    },
  );

  it.each([
    ['5 minutes fast', 300_000],
    ['2 hours fast', 7_200_000],
  ])(
    'with the PC clock %s, a chat accepted a moment before the page loaded gets its full timer',
    async (_case, behind) => {
      const loadAt = T0 + 10_000_000;
      const accepted = fakeTask(1, { dateUpdated: new Date(loadAt - 2_000 - behind) });
      const harness = startHarness({ tasks: [accepted], serverBehindMs: behind, startAt: loadAt });
      await harness.advance(1_000);
      expect(harness.effects.wrapups).toEqual([]);
      await harness.advanceTo(loadAt + 32_000);
      expect(harness.effects.wrapups).toEqual([]);
    },
  );

  it('is not skewed for good by one message stamped hours wrong', async () => {
    const harness = startHarness({ tasks: [], startAt: T0 + 10_000_000 });
    const start = harness.clock.now();
    acceptLive(harness, 0);
    await harness.advance(1_000);
    for (let i = 0; i < 5; i += 1) {
      harness.customerWrites(1, `message ${i}`);
      await harness.advance(1_000);
    }
    // An integration posts through REST with a time-zone bug: created "3 hours from now".
    harness.conversations.add('CH1', {
      author: 'system',
      participantSid: null,
      createdAt: harness.clock.now() + 3 * 3_600_000,
      attributes: {},
    });
    for (let i = 0; i < 5; i += 1) {
      harness.customerWrites(1, `later ${i}`);
      await harness.advance(1_000);
    }
    // Reconnect: the history read must still see the customer's last message as recent.
    harness.conversations.setConnected(false);
    await harness.advance(3_000);
    harness.customerWrites(1, 'typed while you were offline', true);
    harness.conversations.setConnected(true);
    await harness.advance(1_000);
    expect(harness.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: start + 14_000 + 35_000 });
  });
});
