/**
 * The CI short form of the benchmarks (BENCHMARKS.md, items 1 and 5): the invariants they measure, asserted on
 * counts only, never on timings. The bundle ceiling is checked after the build by bench/bundleCeiling.ts.
 */
import { originalPolicy } from '../../src/core/testing/factories';
import { inactivityEvents } from '../../src/state/inactivityEvents';
import { ORIGINAL_CONFIG, startHarness } from '../../src/flex/testing/engineHarness';
import { fakeTask } from '../../src/flex/testing/fakeFlex';
import { renderBadges } from './support/renderBadges';
import { startWorld } from '../../bench/support/world';

const START = 1_000_000;
/** Nothing falls due for an hour: every tick of a minute is a quiet tick. */
const HOUR_TIMER = { timer_sec: 3_600, warning_sec: 60 };

describe('benchmarks/invariants: quiet ticks', () => {
  it('engine harness: no dispatch and no storage write on ticks where nothing is due, both once the warning falls due', async () => {
    const harness = startHarness({ startAt: START });
    await harness.advance(0);
    const dispatch = jest.spyOn(harness.store, 'dispatch');
    const writesBefore = harness.timerWrites();
    expect(harness.timer()?.phase).toEqual({ kind: 'counting', deadlineAt: START + 35_000, warningsSent: 0 });

    await harness.advanceTo(START + 19_000);
    expect(dispatch).not.toHaveBeenCalled();
    expect(harness.timerWrites()).toBe(writesBefore);

    // The warning falls due at 20 s: the same counters see it, and the saved timer carries it.
    await harness.advanceTo(START + 20_000);
    expect(dispatch).toHaveBeenCalledWith(expect.objectContaining({ type: 'inactivity/warningSent' }));
    expect(harness.timerWrites()).toBeGreaterThan(writesBefore);
    expect(harness.timer()?.phase).toMatchObject({ kind: 'counting', warningsSent: 1 });
    expect(harness.savedTimers()).toEqual([harness.timer()]);
    harness.stop();
  });

  it('runtime with rendered badges: a minute of ticks changes every badge but dispatches and writes nothing', async () => {
    const world = await startWorld({ customerInactivity: HOUR_TIMER, accepted: 3 });
    const badges = renderBadges(world, [1, 2, 3]);
    expect(world.storage.writes).toBeGreaterThan(0);
    const before = { dispatches: world.store.dispatchCount(), writes: world.storage.writes };
    expect(badges.texts()).toEqual(['1:00:00', '1:00:00', '1:00:00']);

    await badges.advance(60_000);

    expect(badges.texts()).toEqual(['59:00', '59:00', '59:00']);
    expect(world.store.dispatchCount()).toBe(before.dispatches);
    expect(world.storage.writes).toBe(before.writes);
    badges.unmount();
    world.stop();
  });
});

describe('benchmarks/invariants: nothing left behind', () => {
  it('engine harness: a task that ends leaves no watcher and no timer, only the engine listens', async () => {
    const harness = startHarness({ startAt: START, tasks: [fakeTask(1), fakeTask(2)] });
    await harness.advance(1_000);
    expect(harness.conversations.watcherCount()).toBe(2);

    // Task 1 runs to its wrap-up; task 2 is completed by the agent first.
    harness.tasks.set({ ...fakeTask(2), status: 'completed' });
    await harness.advanceTo(START + 36_000);

    expect(harness.effects.wrapups).toEqual(['WR1']);
    expect(harness.conversations.watcherCount()).toBe(0);
    expect(harness.timer('CH1')).toBeUndefined();
    expect(harness.timer('CH2')).toBeUndefined();
    expect(harness.ticker.listeners.size).toBe(1);
    expect(harness.tasks.listeners.size).toBe(1);
    harness.stop();
  });

  it('engine harness: after stop no listener, subscription or store subscription is left', async () => {
    const harness = startHarness({ startAt: START });
    await harness.advance(1_000);
    harness.stop();

    expect(harness.tasks.listeners.size).toBe(0);
    expect(harness.conversations.connectionListeners.size).toBe(0);
    expect(harness.conversations.watcherCount()).toBe(0);
    expect(harness.ticker.listeners.size).toBe(0);
    // A store subscription left behind would save this change to storage.
    const writes = harness.timerWrites();
    harness.store.dispatch(
      inactivityEvents.conversationTracked({
        conversationSid: 'CH9',
        reservationSid: 'WR9',
        taskSid: 'WT9',
        channelType: 'web',
        policy: originalPolicy(),
        at: START,
      }),
    );
    expect(harness.timerWrites()).toBe(writes);
  });

  it('runtime with rendered badges: a badge stops listening when its task ends, and stop releases the rest', async () => {
    const world = await startWorld({ customerInactivity: ORIGINAL_CONFIG, accepted: 1 });
    const badges = renderBadges(world, [1]);
    expect(world.badgeTicker.subscriptions.active).toBe(1);

    // The wrap-up at 35 s ends the task; Flex still shows its row (wrapping) until it is completed.
    await badges.advance(36_000);
    expect(world.effects.wrapups).toEqual(['WR1']);
    expect(world.listenerCounts()).toMatchObject({ badgeTickerSubscriptions: 0, messageWatchers: 0, trackedTimers: 0 });
    // The tab acts, so it follows leadership and listens to the other tabs, but mirrors no storage.
    const running = world.listenerCounts();
    expect(world.runtime.actingEngine()).toBeDefined();
    expect(running.leadershipSubscriptions).toBe(1);
    expect(running.tabChannelSubscriptions).toBeGreaterThan(0);
    expect(running.storageChangeListeners).toBe(0);

    badges.unmount();
    world.stop();
    expect(world.runtime.actingEngine()).toBeUndefined();
    expect(world.listenerCounts()).toEqual({
      taskListeners: 0,
      connectionListeners: 0,
      messageWatchers: 0,
      engineStoreSubscriptions: 0,
      engineTickerSubscriptions: 0,
      badgeTickerSubscriptions: 0,
      visibilityListeners: 0,
      leadershipSubscriptions: 0,
      tabChannelSubscriptions: 0,
      storageChangeListeners: 0,
      scheduledTimers: 0,
      trackedTimers: 0,
    });
  });
});
