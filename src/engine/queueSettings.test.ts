import { fakeTask } from '../flex/testing/fakeFlex';
import { startHarness } from '../flex/testing/engineHarness';

const T0 = 1_000_000;

/** Billing chats may sit for a minute, Sales chats for 20 s; every other queue has the top level's 35 s. */
const BY_QUEUE = {
  timer_sec: 35,
  warnings: [],
  queues: { Billing: { timer_sec: 60 }, Sales: { timer_sec: 20 } },
};

describe('engine: per-queue settings', () => {
  it("times each task with its queue's policy and wraps each up at its own time", async () => {
    const tasks = [
      fakeTask(1, { queueName: 'Billing' }),
      fakeTask(2, { queueName: 'Sales' }),
      fakeTask(3, { queueName: 'Everyone' }),
    ];
    const harness = startHarness({ tasks, customerInactivity: BY_QUEUE });
    await harness.advance(0);
    expect(['CH1', 'CH2', 'CH3'].map((sid) => harness.timer(sid)?.policy.timerMs)).toEqual([60_000, 20_000, 35_000]);
    await harness.advanceTo(T0 + 19_000);
    expect(harness.effects.wrapups).toEqual([]);
    await harness.advanceTo(T0 + 20_000);
    expect(harness.effects.wrapups).toEqual(['WR2']);
    await harness.advanceTo(T0 + 59_000);
    expect(harness.effects.wrapups).toEqual(['WR2', 'WR3']);
    await harness.advanceTo(T0 + 60_000);
    expect(harness.effects.wrapups).toEqual(['WR2', 'WR3', 'WR1']);
  });

  it('times email only in the queue that configures channels.email', async () => {
    const email = { channelType: 'email' };
    const harness = startHarness({
      tasks: [fakeTask(1, { queueName: 'Support' }, email), fakeTask(2, { queueName: 'Billing' }, email)],
      customerInactivity: { queues: { Support: { channels: { email: { timer_sec: 86_400 } } } } },
    });
    await harness.advance(0);
    expect(harness.timer('CH1')?.policy.timerMs).toBe(86_400_000);
    expect(harness.timer('CH2')).toBeUndefined();
  });

  it("drops a saved timer at reload when the admin has since turned its queue's timing off", async () => {
    const tasks = [fakeTask(1, { queueName: 'Billing' }), fakeTask(2, { queueName: 'Sales' })];
    const first = startHarness({ tasks, customerInactivity: BY_QUEUE });
    await first.advanceTo(T0 + 5_000);
    first.stop();
    const turnedOff = { ...BY_QUEUE, queues: { ...BY_QUEUE.queues, Billing: { enabled: false } } };
    const second = startHarness({ previous: first, customerInactivity: turnedOff });
    await second.advance(0);
    expect(second.timer('CH1')).toBeUndefined();
    expect(second.timer('CH2')?.phase).toMatchObject({ kind: 'counting', deadlineAt: T0 + 20_000 });
  });
});
