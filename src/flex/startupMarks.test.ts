import { fakeTask } from './testing/fakeFlex';
import type { Harness, HarnessOptions } from './testing/engineHarness';
import { flushPromises, startHarness } from './testing/engineHarness';
import type { StartupMarkName } from './startupMarks';
import { INIT_MARK, RECONCILED_MARK, markWhenStartupReconciled, performanceMarks } from './startupMarks';

/** A mark as the test saw it: its name and how many history reads were still unanswered then. */
interface SeenMark {
  readonly name: StartupMarkName;
  readonly readsInFlight: number;
}

/**
 * A page load as the plugin's init does it: the init mark, then the runtime (fakes), then the wait for the reconciled
 * mark. `prepare` sets the world up (held reads, unreachable conversations) before the page starts.
 */
function load(options: HarnessOptions & { prepare?: (world: Harness['world']) => void } = {}) {
  const before = startHarness({ tasks: [fakeTask(1), fakeTask(2)], ...options, leader: false });
  before.stop();
  options.prepare?.(before.world);
  const seen: SeenMark[] = [];
  const marks = {
    mark: (name: StartupMarkName) => seen.push({ name, readsInFlight: before.world.conversations.heldReadCount }),
  };
  marks.mark(INIT_MARK);
  const harness = startHarness({ ...options, previous: before, leader: options.leader ?? true });
  const stopMarking = markWhenStartupReconciled(harness.runtime, marks);
  const names = (): StartupMarkName[] => seen.map((mark) => mark.name);
  return { harness, seen, names, stopMarking, conversations: harness.conversations };
}

const holdReads = (world: Harness['world']): void => {
  world.conversations.holdHistoryReads = true;
};

describe('flex/startupMarks', () => {
  it('marks init, then reconciled once every start-up history read has answered, and only once', async () => {
    const { seen, names, conversations, harness } = load({ prepare: holdReads });
    await flushPromises();
    expect(conversations.heldReadCount).toBe(2);
    expect(names()).toEqual([INIT_MARK]);
    conversations.releaseHistoryReads();
    await flushPromises();
    expect(seen).toEqual([
      { name: INIT_MARK, readsInFlight: 0 },
      { name: RECONCILED_MARK, readsInFlight: 0 },
    ]);
    conversations.holdHistoryReads = false;
    conversations.setConnected(false);
    conversations.setConnected(true);
    await harness.advance(5_000);
    expect(names()).toEqual([INIT_MARK, RECONCILED_MARK]);
  });

  it('is not marked while one start-up conversation still has its read in flight', async () => {
    const { names, conversations } = load({
      prepare: (world) => {
        holdReads(world);
        world.conversations.unavailable.add('CH2');
      },
    });
    await flushPromises();
    conversations.releaseHistoryReads();
    await flushPromises();
    expect(names()).toEqual([INIT_MARK]);
    conversations.makeAvailable('CH2');
    await flushPromises();
    expect(conversations.heldReadCount).toBe(1);
    expect(names()).toEqual([INIT_MARK]);
    conversations.releaseHistoryReads();
    await flushPromises();
    expect(names()).toEqual([INIT_MARK, RECONCILED_MARK]);
  });

  it('marks reconciled when a start-up read fails (its timer waits for the retry), and not again after the retry', async () => {
    const { names, conversations, harness } = load({
      prepare: (world) => {
        world.conversations.historyFails = true;
      },
    });
    await flushPromises();
    expect(names()).toEqual([INIT_MARK, RECONCILED_MARK]);
    expect(harness.log.warnings.filter((warning) => warning.includes('could not read the history'))).toHaveLength(2);
    conversations.historyFails = false;
    await harness.advance(10_000);
    expect(names()).toEqual([INIT_MARK, RECONCILED_MARK]);
  });

  it('marks reconciled at once when no conversation is held at start-up', async () => {
    const { names } = load({ tasks: [] });
    await flushPromises();
    expect(names()).toEqual([INIT_MARK, RECONCILED_MARK]);
  });

  it('waits for the reads made on reconnection when the connection drops during start-up', async () => {
    const { names, conversations } = load({ prepare: holdReads });
    await flushPromises();
    conversations.setConnected(false);
    conversations.releaseHistoryReads();
    await flushPromises();
    expect(names()).toEqual([INIT_MARK]);
    conversations.setConnected(true);
    await flushPromises();
    expect(conversations.heldReadCount).toBe(2);
    expect(names()).toEqual([INIT_MARK]);
    conversations.releaseHistoryReads();
    await flushPromises();
    expect(names()).toEqual([INIT_MARK, RECONCILED_MARK]);
  });

  it('never marks reconciled in a tab that only mirrors', async () => {
    const { names, harness } = load({ leader: false });
    await harness.advance(5_000);
    expect(names()).toEqual([INIT_MARK]);
  });

  it('does not mark once the runtime was stopped, and leaves no connection listener behind', async () => {
    const { names, conversations, harness, stopMarking } = load({ prepare: holdReads });
    await flushPromises();
    conversations.setConnected(false);
    conversations.releaseHistoryReads();
    await flushPromises();
    stopMarking();
    harness.stop();
    conversations.setConnected(true);
    await flushPromises();
    expect(names()).toEqual([INIT_MARK]);
    expect(conversations.connectionListeners.size).toBe(0);
  });

  describe('performanceMarks', () => {
    it('marks on the page’s performance', () => {
      const mark = jest.fn();
      performanceMarks({ mark }).mark(INIT_MARK);
      expect(mark).toHaveBeenCalledWith('conversations-inactivity:init');
    });

    it('does nothing where performance.mark is missing or throws', () => {
      expect(() => performanceMarks({}).mark(RECONCILED_MARK)).not.toThrow();
      expect(() => performanceMarks(undefined).mark(RECONCILED_MARK)).not.toThrow();
      const throwing = jest.fn(() => {
        throw new Error('quota');
      });
      expect(() => performanceMarks({ mark: throwing }).mark(INIT_MARK)).not.toThrow();
      expect(throwing).toHaveBeenCalledTimes(1);
    });
  });
});
