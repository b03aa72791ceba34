import { flushPromises, startHarness } from '../flex/testing/engineHarness';
import { PAGE_STALL_MS } from './actingEngine';

const T0 = 1_000_000;
const FIVE_MINUTES = { timer_sec: 300, warning_sec: 60 };

/** The PC sleeps from now for `ms`: no tick runs, the customer writes 1 minute in, and the message is not delivered. */
async function sleepsWhileCustomerWrites(harness: ReturnType<typeof startHarness>, ms: number): Promise<void> {
  const asleepAt = harness.clock.now();
  harness.clock.advanceTo(asleepAt + 60_000);
  harness.customerWrites(1, 'still here!', true); // in the conversation, but the page's socket is dead
  harness.clock.advanceTo(asleepAt + ms);
  harness.ticker.tick(); // the first tick after waking, before the Conversations client notices its dead socket
  await harness.advance(1_000);
}

describe('engine: a page that stalled (laptop asleep, page frozen)', () => {
  it('reads every history again before acting: the reply sent while the PC slept restarts the countdown', async () => {
    const harness = startHarness({ customerInactivity: FIVE_MINUTES });
    await harness.advanceTo(T0 + 100_000);
    // Asleep past the deadline (T0 + 300 s); the reply (T0 + 160 s) gives the customer until T0 + 460 s.
    await sleepsWhileCustomerWrites(harness, 210_000);
    expect(harness.warningsSent()).toEqual([]);
    expect(harness.effects.wrapups).toEqual([]);
    expect(harness.timer()?.phase).toMatchObject({ kind: 'counting' });
    expect(harness.timer()?.cycle).toBe(2);
  });

  it('wraps up on waking a chat whose customer stayed silent as soon as its history is read, not a tick later', async () => {
    const harness = startHarness({ customerInactivity: FIVE_MINUTES });
    await harness.advanceTo(T0 + 100_000);
    harness.ticker.wakeAt(null); // asleep: not even the due wake-up runs until the first tick after waking
    harness.clock.advanceTo(T0 + 700_000);
    harness.ticker.tick();
    expect(harness.effects.wrapups).toEqual([]);
    await flushPromises(); // the history read answers; no further tick
    expect(harness.effects.wrapups).toEqual(['WR1']);
  });

  it('takes a gap up to the stall threshold as ordinary throttling, and one just over it as a stall', async () => {
    const readsAfterGap = async (gapMs: number): Promise<number> => {
      const harness = startHarness({ customerInactivity: FIVE_MINUTES });
      await harness.advanceTo(T0 + 10_000);
      harness.conversations.holdHistoryReads = true; // each read stays pending, so it can be counted
      harness.clock.advanceTo(T0 + 10_000 + gapMs);
      harness.ticker.tick();
      await flushPromises();
      return harness.conversations.heldReadCount;
    };
    expect(await readsAfterGap(PAGE_STALL_MS)).toBe(0);
    expect(await readsAfterGap(PAGE_STALL_MS + 1)).toBe(1);
  });
});
