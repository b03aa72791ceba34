import { fakeTask } from '../flex/testing/fakeFlex';
import { startHarness } from '../flex/testing/engineHarness';

// The harness runs the original example (35 s, one warning 15 s before the end) from T0.
const T0 = 1_000_000;

describe('engine: a pending transfer', () => {
  it('holds the countdown: no warning and no wrap-up however long Flex lists the transfer as active', async () => {
    const harness = startHarness();
    await harness.advanceTo(T0 + 10_000);
    harness.transfers.set('CH1', 'pending');
    await harness.advanceTo(T0 + 3_600_000);
    expect(harness.warningsSent()).toEqual([]);
    expect(harness.effects.wrapups).toEqual([]);
    expect(harness.timer()?.phase).toEqual({
      kind: 'transferPending',
      held: { remainingMs: 25_000, warningsSent: 0, pausedByAgent: false },
    });
  });

  it('resumes from the held time when the transfer fails: nothing at 9.999 s after, the warning at 10 s', async () => {
    const harness = startHarness();
    await harness.advanceTo(T0 + 10_000);
    harness.transfers.set('CH1', 'pending');
    await harness.advanceTo(T0 + 600_000);
    harness.transfers.set('CH1', 'failed');
    await harness.advanceTo(T0 + 609_000);
    harness.clock.advanceTo(T0 + 609_999);
    harness.ticker.tick();
    expect(harness.warningsSent()).toEqual([]);
    await harness.advanceTo(T0 + 610_000);
    expect(harness.warningsSent()).toHaveLength(1);
    await harness.advanceTo(T0 + 625_000);
    expect(harness.effects.wrapups).toEqual(['WR1']);
  });

  it('never wraps up a chat another agent took: the transfer completes, then the reservation moves on', async () => {
    const harness = startHarness();
    await harness.advanceTo(T0 + 30_000);
    harness.transfers.set('CH1', 'pending');
    await harness.advanceTo(T0 + 40_000);
    harness.transfers.set('CH1', 'completed');
    await harness.advanceTo(T0 + 100_000);
    expect(harness.effects.wrapups).toEqual([]);
    expect(harness.timer()?.phase).toEqual({ kind: 'done' });
    harness.tasks.set(fakeTask(1, { status: 'wrapping' }));
    expect(harness.timer()).toBeUndefined();
    expect(harness.transfers.watcherCount('CH1')).toBe(0);
  });

  it('keeps holding across a reload while Flex still lists the transfer, and resumes when it fails after', async () => {
    const first = startHarness();
    await first.advanceTo(T0 + 20_000);
    expect(first.warningsSent()).toHaveLength(1);
    first.transfers.set('CH1', 'pending');
    await first.advanceTo(T0 + 25_000);
    first.stop();
    const second = startHarness({ previous: first });
    await second.advanceTo(T0 + 500_000);
    expect(second.effects.wrapups).toEqual([]);
    expect(second.timer()?.phase).toMatchObject({ kind: 'transferPending', held: { warningsSent: 1 } });
    second.transfers.set('CH1', 'failed');
    await second.advanceTo(T0 + 514_000);
    expect(second.effects.wrapups).toEqual([]);
    await second.advanceTo(T0 + 515_000);
    expect(second.effects.wrapups).toEqual(['WR1']);
    expect(second.warningsSent()).toEqual([]);
  });

  it('shows the hold in a tab that does not act, and only the acting tab writes it', async () => {
    const acting = startHarness();
    const mirror = startHarness({ previous: acting, leader: false });
    await acting.advanceTo(T0 + 5_000);
    acting.transfers.set('CH1', 'pending');
    await acting.advance(1_000);
    expect(mirror.timer()?.phase).toMatchObject({ kind: 'transferPending' });
    expect(acting.timerWriters()).toEqual([acting.tabNumber]);
  });

  it('counts a customer message during the transfer: a failed transfer then resumes with the full time', async () => {
    const harness = startHarness();
    await harness.advanceTo(T0 + 30_000);
    harness.transfers.set('CH1', 'pending');
    await harness.advanceTo(T0 + 40_000);
    harness.customerWrites(1, 'are you there?');
    await harness.advanceTo(T0 + 50_000);
    harness.transfers.set('CH1', 'failed');
    // The first cycle's warning went out at 20 s; the new cycle's is due 20 s after the transfer failed.
    await harness.advanceTo(T0 + 69_000);
    expect(harness.warningsSent()).toHaveLength(1);
    await harness.advanceTo(T0 + 70_000);
    expect(harness.warningsSent()).toHaveLength(2);
  });
});
