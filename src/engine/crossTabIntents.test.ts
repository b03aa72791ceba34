import { flushPromises } from '../flex/testing/engineHarness';
import { FakeBrowser } from '../flex/testing/fakeBrowser';
import { FakeClock } from '../runtime/testing/fakeClock';
import { INTENT_RETRY_MS, INTENT_STALE_AFTER_MS, createIntentRouter } from './crossTabIntents';
import type { TabMessage, TimerIntent } from './tabMessages';

const T0 = 1_000_000;
const PAUSE: TimerIntent = { kind: 'pause', conversationSid: 'CH1', id: 'intent-1' };

/** Tabs of one browser sharing a fake clock, and a listening tab that records every message posted. */
function world() {
  const clock = new FakeClock(T0);
  const browser = new FakeBrowser();
  const listener = browser.tab().channel<TabMessage>();
  const messages: TabMessage[] = [];
  listener.subscribe((message) => messages.push(message));

  const tab = (options: { acting: boolean; engineRunning?: boolean }) => {
    const state = { acting: options.acting, engineRunning: options.engineRunning ?? true };
    const applied: TimerIntent[] = [];
    const warnings: string[] = [];
    const router = createIntentRouter({
      channel: browser.tab().channel<TabMessage>(),
      isActing: () => state.acting,
      apply: (intent) => state.engineRunning && applied.push(intent) > 0,
      clock,
      log: { warn: (message: string) => warnings.push(message) },
    });
    /** The tab starts acting, as the runtime tells its router once its engine runs. */
    const startActing = (): void => {
      state.acting = true;
      router.startedActing();
    };
    return { state, applied, warnings, router, startActing };
  };

  return {
    clock,
    messages,
    tab,
    /** Posts as another tab would. */
    post: (message: TabMessage) => listener.post(message),
    posted: (kind: TabMessage['kind']) => messages.filter((message) => message.kind === kind),
    async advance(ms: number): Promise<void> {
      clock.advance(ms);
      await flushPromises();
    },
  };
}

describe('engine/crossTabIntents', () => {
  it('applies an intent from another tab in the acting tab once, and acknowledges every delivery', async () => {
    const { tab, post, posted } = world();
    const acting = tab({ acting: true });
    post({ kind: 'intent', intent: PAUSE, submittedAt: T0 });
    post({ kind: 'intent', intent: PAUSE, submittedAt: T0 });
    await flushPromises();
    expect(acting.applied).toEqual([PAUSE]);
    expect(posted('intentApplied')).toEqual([
      { kind: 'intentApplied', id: 'intent-1' },
      { kind: 'intentApplied', id: 'intent-1' },
    ]);
  });

  it('a tab that does not act neither applies nor acknowledges', async () => {
    const { tab, post, posted } = world();
    const mirror = tab({ acting: false });
    post({ kind: 'intent', intent: PAUSE, submittedAt: T0 });
    await flushPromises();
    expect(mirror.applied).toEqual([]);
    expect(posted('intentApplied')).toEqual([]);
  });

  it('applies a control used in the acting tab at once, without posting it', async () => {
    const { tab, messages } = world();
    const acting = tab({ acting: true });
    acting.router.submit(PAUSE);
    await flushPromises();
    expect(acting.applied).toEqual([PAUSE]);
    expect(messages).toEqual([]);
  });

  it('does not post an acknowledged intent again', async () => {
    const { tab, posted, advance } = world();
    const acting = tab({ acting: true });
    const submitting = tab({ acting: false });
    submitting.router.submit(PAUSE);
    await flushPromises();
    expect(acting.applied).toEqual([PAUSE]);
    await advance(3 * INTENT_STALE_AFTER_MS);
    expect(posted('intent')).toHaveLength(1);
    expect(acting.applied).toEqual([PAUSE]);
    expect(submitting.warnings).toEqual([]);
  });

  it('posts an unacknowledged intent again every second while no tab acts', async () => {
    const { tab, posted, advance } = world();
    const submitting = tab({ acting: false });
    submitting.router.submit(PAUSE);
    await advance(INTENT_RETRY_MS - 1);
    expect(posted('intent')).toHaveLength(1);
    await advance(1);
    expect(posted('intent')).toEqual([
      { kind: 'intent', intent: PAUSE, submittedAt: T0 },
      { kind: 'intent', intent: PAUSE, submittedAt: T0 },
    ]);
  });

  it('posts a waiting intent again as soon as another tab starts acting, which applies it once', async () => {
    const { tab, posted, advance } = world();
    const submitting = tab({ acting: false });
    const next = tab({ acting: false });
    submitting.router.submit(PAUSE);
    await flushPromises();
    next.startActing();
    await flushPromises();
    expect(next.applied).toEqual([PAUSE]);
    await advance(INTENT_STALE_AFTER_MS);
    expect(posted('intent')).toHaveLength(2);
    expect(next.applied).toEqual([PAUSE]);
    expect(submitting.warnings).toEqual([]);
  });

  it('the submitting tab that starts acting applies its waiting intent at once and tells the others', async () => {
    const { tab, posted, advance } = world();
    const submitting = tab({ acting: false });
    submitting.router.submit(PAUSE);
    await advance(2_500);
    submitting.startActing();
    expect(submitting.applied).toEqual([PAUSE]);
    await advance(INTENT_STALE_AFTER_MS);
    expect(submitting.applied).toEqual([PAUSE]);
    expect(posted('intent')).toHaveLength(3);
    expect(posted('intentApplied')).toEqual([{ kind: 'intentApplied', id: 'intent-1' }]);
    expect(submitting.warnings).toEqual([]);
  });

  it('keeps an intent waiting while the tab acts without a running engine, and applies it once the engine runs', async () => {
    const { tab, advance } = world();
    const starting = tab({ acting: true, engineRunning: false });
    starting.router.submit(PAUSE);
    expect(starting.applied).toEqual([]);
    starting.state.engineRunning = true;
    starting.router.startedActing();
    expect(starting.applied).toEqual([PAUSE]);
    await advance(INTENT_STALE_AFTER_MS);
    expect(starting.applied).toEqual([PAUSE]);
  });

  it('abandons an intent no tab acknowledged within 10 s with one warning, and never applies it after', async () => {
    const { tab, posted, advance } = world();
    const submitting = tab({ acting: false });
    const next = tab({ acting: false });
    submitting.router.submit(PAUSE);
    await advance(INTENT_STALE_AFTER_MS - 1);
    expect(submitting.warnings).toEqual([]);
    await advance(1);
    expect(submitting.warnings).toEqual([
      'Inactivity: the pause asked for CH1 was not applied: no tab acted on it within 10 s, so it was abandoned.',
    ]);
    expect(posted('intent')).toHaveLength(10);
    next.startActing();
    submitting.startActing();
    await advance(INTENT_STALE_AFTER_MS);
    expect([...next.applied, ...submitting.applied]).toEqual([]);
    expect(posted('intent')).toHaveLength(10);
    expect(submitting.warnings).toHaveLength(1);
  });

  it('names the control and the conversation of an abandoned intent', async () => {
    const { tab, advance } = world();
    const submitting = tab({ acting: false });
    submitting.router.submit({ kind: 'extend', conversationSid: 'CH7', id: 'intent-7' });
    await advance(INTENT_STALE_AFTER_MS);
    expect(submitting.warnings).toEqual([expect.stringMatching(/the more time asked for CH7 was not applied/)]);
  });

  it('an acting tab refuses an intent submitted 10 s ago or more, and applies one submitted later', async () => {
    const { tab, post, posted, clock } = world();
    const acting = tab({ acting: true });
    const late = { ...PAUSE, id: 'intent-late' };
    post({ kind: 'intent', intent: PAUSE, submittedAt: clock.now() - INTENT_STALE_AFTER_MS });
    post({ kind: 'intent', intent: late, submittedAt: clock.now() - INTENT_STALE_AFTER_MS + 1 });
    await flushPromises();
    expect(acting.applied).toEqual([late]);
    expect(posted('intentApplied')).toEqual([{ kind: 'intentApplied', id: 'intent-late' }]);
  });

  it('applies an intent from a tab that sends no submission time (the previous version)', async () => {
    const { tab, post } = world();
    const acting = tab({ acting: true });
    post(JSON.parse(JSON.stringify({ kind: 'intent', intent: PAUSE })) as TabMessage);
    await flushPromises();
    expect(acting.applied).toEqual([PAUSE]);
  });

  it('a tab that heard an intent acknowledged drops it when it acts later and it comes again', async () => {
    const { tab, post, posted } = world();
    const acting = tab({ acting: true });
    const next = tab({ acting: false });
    post({ kind: 'intent', intent: PAUSE, submittedAt: T0 });
    await flushPromises();
    acting.router.stop();
    acting.state.acting = false;
    next.startActing();
    post({ kind: 'intent', intent: PAUSE, submittedAt: T0 });
    await flushPromises();
    expect(acting.applied).toEqual([PAUSE]);
    expect(next.applied).toEqual([]);
    expect(posted('intentApplied')).toHaveLength(2);
  });

  it('stop leaves no timer and posts nothing more', async () => {
    const { tab, posted, advance, clock } = world();
    const submitting = tab({ acting: false });
    submitting.router.submit(PAUSE);
    submitting.router.submit({ ...PAUSE, id: 'intent-2' });
    submitting.router.stop();
    expect(clock.pendingTimers()).toBe(0);
    await advance(INTENT_STALE_AFTER_MS);
    expect(posted('intent')).toHaveLength(2);
    expect(submitting.warnings).toEqual([]);
  });
});
