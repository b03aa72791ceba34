import { fakeTask, queuedSince } from '../flex/testing/fakeFlex';
import { startHarness } from '../flex/testing/engineHarness';

const T0 = 1_000_000_000;
const CONFIG = { timer_sec: 300, warning_sec: 60 };

/**
 * A fresh profile whose PC clock is exactly right. The chat's task was created at T0 - 90 s and waited 85 s in the
 * queue: its reservation was created at T0 - 5 s and accepted at T0. Flex's task shows the reservation's dates and
 * the task's age, as Flex UI 2.17.1's does.
 */
function queuedChat(handedOverAtLoad: boolean) {
  const accepted = fakeTask(1, {
    dateCreated: new Date(T0 - 5_000),
    dateUpdated: new Date(T0),
    ...queuedSince(T0 - 90_000),
  });
  const harness = startHarness({
    startAt: T0,
    tasks: handedOverAtLoad ? [accepted] : [],
    customerInactivity: CONFIG,
  });
  if (!handedOverAtLoad) harness.tasks.set(accepted);
  return harness;
}

describe('engine: a chat that waited in the queue, on a fresh profile with a correct PC clock', () => {
  it.each([
    ['accepted live', false],
    ['found at page load', true],
  ])('a chat %s gets its full timer (300 s), not 300 s less its queue wait', async (_case, atLoad) => {
    const harness = queuedChat(atLoad);
    await harness.advance(0);
    // Twilio's time is never read as later than it is: the PC is not thought to be behind.
    expect(harness.world.skewMemory.offsetMs).toBeGreaterThanOrEqual(0);
    expect(harness.timer()?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 300_000 });
  });

  it('sends no warning before 240 s after the acceptance, and wraps up no earlier than 300 s', async () => {
    const harness = queuedChat(false);
    await harness.advanceTo(T0 + 240_000 - 1);
    expect(harness.warningsSent()).toHaveLength(0);
    await harness.advanceTo(T0 + 240_000);
    expect(harness.warningsSent()).toHaveLength(1);
    await harness.advanceTo(T0 + 300_000 - 1);
    expect(harness.effects.wrapups).toEqual([]);
    await harness.advanceTo(T0 + 300_000);
    expect(harness.effects.wrapups).toEqual(['WR1']);
  });
});
