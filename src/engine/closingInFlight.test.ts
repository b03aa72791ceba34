import type { InactivityMarker } from '../core/inactivityMarker';
import { flushPromises, startHarness } from '../flex/testing/engineHarness';

// The original example with a closing message: 35 s, one warning 15 s before the end, then "Closing this chat now."
const T0 = 1_000_000;
const WITH_CLOSING = { timer_sec: 35, warning_sec: 15, closing_message: 'Closing this chat now.' };

type Harness = ReturnType<typeof startHarness>;

/** Holds the first closing message on its way (a real send takes a moment); returns the way to let it arrive. */
function holdFirstClosingMessage(harness: Harness): () => void {
  const send = harness.effects.sendMessage.bind(harness.effects);
  const held: Array<() => void> = [];
  let holding = true;
  harness.effects.sendMessage = (sid: string, body: string, attributes: Record<string, InactivityMarker>) => {
    const marker = Object.values(attributes)[0];
    if (marker?.kind !== 'closing' || !holding) return send(sid, body, attributes);
    holding = false;
    return new Promise((resolve, reject) => held.push(() => void send(sid, body, attributes).then(resolve, reject)));
  };
  return () => held.splice(0).forEach((arrive) => arrive());
}

const closingMessages = (harness: Harness): number =>
  harness.effects.sent.filter((sent) => sent.marker?.kind === 'closing').length;

describe('engine: a pause or a transfer that lands while the closing message is on its way', () => {
  it('keeps the chat paused, and on resume wraps it up without telling the customer twice', async () => {
    const harness = startHarness({ customerInactivity: WITH_CLOSING });
    const arrive = holdFirstClosingMessage(harness);
    await harness.advanceTo(T0 + 35_000); // the closing message is on its way
    harness.runtime.submit({ kind: 'pause', conversationSid: 'CH1' });
    arrive();
    await flushPromises();
    expect(harness.timer()?.phase.kind).toBe('paused');
    await harness.advance(60_000);
    expect(harness.effects.wrapups).toEqual([]);
    harness.runtime.submit({ kind: 'resume', conversationSid: 'CH1' });
    await harness.advance(2_000);
    expect(closingMessages(harness)).toBe(1);
    expect(harness.effects.wrapups).toEqual(['WR1']);
  });

  it('a transfer listed meanwhile that then fails leads to the wrap-up, not a second closing message', async () => {
    const harness = startHarness({ customerInactivity: WITH_CLOSING });
    const arrive = holdFirstClosingMessage(harness);
    await harness.advanceTo(T0 + 35_000);
    harness.transfers.set('CH1', 'pending');
    arrive();
    await harness.advance(10_000);
    expect(harness.effects.wrapups).toEqual([]);
    harness.transfers.set('CH1', 'failed');
    await harness.advance(2_000);
    expect(closingMessages(harness)).toBe(1);
    expect(harness.effects.wrapups).toEqual(['WR1']);
  });

  it('keeps the more time the agent gives after such a pause: resuming counts it down, no wrap-up at once', async () => {
    const harness = startHarness({ customerInactivity: { ...WITH_CLOSING, extend_sec: 300 } });
    const arrive = holdFirstClosingMessage(harness);
    await harness.advanceTo(T0 + 35_000);
    harness.runtime.submit({ kind: 'pause', conversationSid: 'CH1' });
    arrive();
    await flushPromises();
    harness.runtime.submit({ kind: 'extend', conversationSid: 'CH1' });
    harness.runtime.submit({ kind: 'resume', conversationSid: 'CH1' });
    await harness.advance(299_000);
    expect(harness.effects.wrapups).toEqual([]);
    await harness.advance(2_000);
    expect(harness.effects.wrapups).toEqual(['WR1']);
  });
});
