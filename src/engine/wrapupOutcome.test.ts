import { flushPromises, startHarness } from '../flex/testing/engineHarness';

// The harness runs the original example (35 s, one warning 15 s before the end) from T0.
const T0 = 1_000_000;
const REPORTING = { timer_sec: 35, warning_sec: 15, report_outcome: 'Customer inactive' };

function attributesOf(harness: ReturnType<typeof startHarness>): Record<string, unknown> {
  return harness.tasks.tasks.get('WR1')?.attributes as Record<string, unknown>;
}

function outcomeOf(attributes: Record<string, unknown>): unknown {
  return (attributes.conversations as Record<string, unknown> | undefined)?.outcome;
}

describe('engine: the inactivity outcome is recorded on the wrap-up that happened', () => {
  it('asks Flex for the wrap-up at the deadline without first waiting on a slow attribute write', async () => {
    const harness = startHarness({ customerInactivity: REPORTING });
    const write = harness.tasks.updateAttributes.bind(harness.tasks);
    const heldWrites: Array<() => void> = [];
    harness.tasks.updateAttributes = (sid, update) =>
      new Promise((resolve, reject) => heldWrites.push(() => void write(sid, update).then(resolve, reject)));
    await harness.advanceTo(T0 + 34_999);
    expect(harness.effects.wrapups).toEqual([]);
    await harness.advanceTo(T0 + 35_000);
    expect(harness.effects.wrapups).toEqual(['WR1']);
    heldWrites.splice(0).forEach((finish) => finish());
    await flushPromises();
    expect(attributesOf(harness).inactivity).toMatchObject({ reason: 'customer_inactive', warnings_sent: 1 });
    expect(outcomeOf(attributesOf(harness))).toBe('Customer inactive');
  });

  it('writes the outcome onto the task once it is in wrap-up, where the agent and Insights find it', async () => {
    const harness = startHarness({ customerInactivity: REPORTING });
    const statusesWhenWritten: unknown[] = [];
    const write = harness.tasks.updateAttributes.bind(harness.tasks);
    harness.tasks.updateAttributes = (sid, update) => {
      statusesWhenWritten.push(harness.tasks.statusOf(sid));
      return write(sid, update);
    };
    await harness.advanceTo(T0 + 36_000);
    expect(statusesWhenWritten).toEqual(['wrapping']);
    expect(attributesOf(harness).inactivity).toMatchObject({ reason: 'customer_inactive', timer_sec: 35 });
  });

  it('leaves no outcome on a chat whose wrap-up Twilio refused and whose customer then wrote: it goes on', async () => {
    const harness = startHarness({ customerInactivity: REPORTING });
    harness.effects.wrapupWorks = false;
    harness.effects.holdNextWrapup();
    await harness.advanceTo(T0 + 35_000);
    harness.customerWrites(1, 'still here');
    harness.effects.finishHeldWrapup();
    await flushPromises();
    expect(harness.timer()?.phase.kind).toBe('counting');
    expect(attributesOf(harness).inactivity).toBeUndefined();
    expect(outcomeOf(attributesOf(harness))).toBeUndefined();
  });

  it('leaves no outcome when another plugin cancels WrapupTask and its transfer then moves the task on', async () => {
    const harness = startHarness({ customerInactivity: REPORTING });
    harness.effects.wrapupCancelled = true; // e.g. a transfer plugin vetoing the wrap-up while its transfer runs
    await harness.advanceTo(T0 + 36_000);
    expect(harness.effects.wrapups).toEqual(['WR1']);
    const task = harness.tasks.tasks.get('WR1');
    if (task === undefined) throw new Error('the harness holds WR1');
    harness.tasks.set({ ...task, status: 'wrapping' }); // the backend's wrap-up after the transfer completed
    await flushPromises();
    expect(attributesOf(harness).inactivity).toBeUndefined();
    expect(outcomeOf(attributesOf(harness))).toBeUndefined();
  });

  it('counts the warnings the customer got when a closing message came after them', async () => {
    const harness = startHarness({ customerInactivity: { ...REPORTING, closing_message: 'Closing this chat now.' } });
    await harness.advanceTo(T0 + 40_000);
    expect(harness.warningsSent()).toHaveLength(1);
    expect(harness.effects.wrapups).toEqual(['WR1']);
    expect(attributesOf(harness).inactivity).toMatchObject({ warnings_sent: 1 });
  });
});
