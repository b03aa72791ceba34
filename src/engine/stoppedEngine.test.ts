import { flushPromises, startHarness } from '../flex/testing/engineHarness';

const T0 = 1_000_000;
const CONFIG = { timer_sec: 300, warning_sec: 60 };

describe('engine: the check a stall defers until the histories are read', () => {
  it('does not bring a stopped engine back to life when its tab leads again', async () => {
    const harness = startHarness({ customerInactivity: CONFIG });
    await harness.advanceTo(T0 + 10_000);
    const oldEngine = harness.runtime.actingEngine();
    harness.conversations.holdHistoryReads = true;
    harness.clock.advanceTo(T0 + 60_000); // PC asleep 50 s
    harness.ticker.tick(); // stall: re-reads held (dead socket), act deferred to whenIdle
    await flushPromises();
    expect(harness.conversations.heldReadCount).toBe(1);
    // Leadership lapses and comes back to this tab (a lock or lease hiccup after waking): a new engine acts.
    harness.leadership.set(false);
    harness.leadership.set(true);
    const newEngine = harness.runtime.actingEngine();
    expect(newEngine).not.toBe(oldEngine);
    await flushPromises();
    // Ticks go on for the new engine; the old engine's reads stay pending over 30 s.
    for (let t = 61_000; t <= 100_000; t += 1_000) {
      harness.clock.advanceTo(T0 + t);
      harness.ticker.tick();
      await flushPromises();
    }
    const watchersBefore = harness.transfers.watcherCount('CH1');
    const convWatchersBefore = harness.conversations.watcherCount();
    harness.conversations.holdHistoryReads = false;
    harness.conversations.releaseHistoryReads();
    await flushPromises();
    await flushPromises();
    // The stopped engine's deferred check must not run: it would see a stall and track every chat a second time.
    expect({
      transfers: harness.transfers.watcherCount('CH1'),
      conversations: harness.conversations.watcherCount(),
    }).toEqual({
      transfers: watchersBefore,
      conversations: convWatchersBefore,
    });
  });
});
