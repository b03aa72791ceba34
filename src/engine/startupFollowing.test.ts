import { FakeConversations } from '../flex/testing/fakeFlex';
import { followStartup } from './startupFollowing';

/** A gateway where CH1 and CH2 cannot be reached yet, and whether `allAttached` has resolved. */
function setUp() {
  const gateway = new FakeConversations();
  gateway.unavailable.add('CH1');
  gateway.unavailable.add('CH2');
  const startup = followStartup(gateway);
  const state = { attached: false };
  void startup.allAttached().then(() => {
    state.attached = true;
  });
  const watch = (sid: string, onAttached: () => void = () => undefined): (() => void) =>
    startup.conversations.watch(sid, () => undefined, onAttached);
  return { gateway, startup, state, watch };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

describe('engine/startupFollowing', () => {
  it('resolves once every conversation watched during the first start-up is attached, after its own callback', async () => {
    const { gateway, startup, state, watch } = setUp();
    const order: string[] = [];
    startup.collect(() => {
      watch('CH1', () => order.push('CH1 attached'));
      watch('CH2', () => order.push('CH2 attached'));
    });
    void startup.allAttached().then(() => order.push('all attached'));
    gateway.makeAvailable('CH1');
    await settle();
    expect(state.attached).toBe(false);
    gateway.makeAvailable('CH2');
    await settle();
    expect(order).toEqual(['CH1 attached', 'CH2 attached', 'all attached']);
  });

  it('counts a conversation let go before it attached as settled', async () => {
    const { startup, state, watch } = setUp();
    const stop = startup.collect(() => watch('CH1'));
    await settle();
    expect(state.attached).toBe(false);
    stop();
    await settle();
    expect(state.attached).toBe(true);
  });

  it('ignores what later start-ups and watches outside a start-up follow', async () => {
    const { startup, state, watch } = setUp();
    watch('CH1');
    startup.collect(() => undefined);
    startup.collect(() => watch('CH2'));
    await settle();
    expect(state.attached).toBe(true);
  });

  it('passes everything else on to the gateway', async () => {
    const { gateway, startup } = setUp();
    gateway.add('CH3', { author: 'a', participantSid: null, createdAt: 1, attributes: {} });
    expect(await startup.conversations.recentMessages('CH3', 5)).toHaveLength(1);
    expect(startup.conversations.identity()).toBe('agent@example.com');
    const heard: boolean[] = [];
    const stop = startup.conversations.onConnectionChanged((connected) => heard.push(connected));
    gateway.setConnected(false);
    stop();
    expect([heard, startup.conversations.isConnected()]).toEqual([[false], false]);
  });
});
