import type { InactivityConfig } from '../config/policy';
import type { ConversationTimer } from '../core/conversationTimer';
import { isTimed } from '../config/policy';
import { inactivityEvents } from '../state/inactivityEvents';
import { selectInactivity } from '../state/selectors';
import { restorableTimers } from '../state/storedTimers';
import type { TimerStore } from '../state/timerStorage';
import type { StorageChanges } from '../runtime/browserTabs';
import { isAccepted, messagingTaskFacts } from '../tasks/messagingTask';
import type { InactivityStore, TaskGateway } from './ports';

/**
 * The acting tab is the only writer of the timers: it saves them whenever they change (and once now). The first change
 * of a task is saved at once and the task's further changes together at the end of its microtasks, so a burst of
 * dispatches costs two writes instead of one each. Returns the way to stop, which saves what is still pending.
 */
export function startTimerWriter(store: InactivityStore, timerStore: TimerStore, isActing: () => boolean): () => void {
  let last: unknown;
  let flushQueued = false;
  let stopped = false;
  const timersNow = (): Readonly<Record<string, ConversationTimer>> => selectInactivity(store.getState()).timers;
  // Flex's store changes on every Flex action: only a change of our timers is worth asking leadership about (a
  // storage read with the lease), and a tab whose lead lapsed must not overwrite what the new acting tab saves.
  const save = (): void => {
    const timers = timersNow();
    if (timers === last || !isActing()) return;
    last = timers;
    timerStore.save(timers);
  };
  // A microtask still runs before the page can be unloaded: deferring to it loses nothing a reload could restore. A
  // promise rather than queueMicrotask, which fake clocks (Jest's included) hold back until they are advanced.
  const flush = (): void => {
    flushQueued = false;
    if (!stopped) save();
  };
  const onChange = (): void => {
    if (flushQueued || timersNow() === last) return;
    save();
    flushQueued = true;
    void Promise.resolve().then(flush);
  };
  save();
  const unsubscribe = store.subscribe(onChange);
  return () => {
    unsubscribe();
    if (flushQueued) save();
    stopped = true;
  };
}

export interface MirrorDeps {
  readonly store: InactivityStore;
  readonly timerStore: TimerStore;
  readonly storageChanges: StorageChanges;
  /** The storage key the acting tab writes the timers to. */
  readonly timersKey: string;
}

/**
 * A tab that does not act shows exactly what the acting tab saved: now, and after every write the acting tab makes.
 * It never writes the timers itself. Returns the way to stop.
 */
export function startTimerMirror({ store, timerStore, storageChanges, timersKey }: MirrorDeps): () => void {
  const mirror = (): void => {
    store.dispatch(inactivityEvents.timersMirrored({ timers: timerStore.load() }));
  };
  mirror();
  return storageChanges.onChange(timersKey, mirror);
}

/**
 * Start-up of the acting tab: it continues from what the previous acting tab saved (a pause or an extension made a
 * moment ago included), keeping only what still applies.
 */
export function restoreTimers(
  store: InactivityStore,
  timerStore: TimerStore,
  tasks: Pick<TaskGateway, 'heldTasks'>,
  config: InactivityConfig,
): void {
  // Whether a task is still timed depends on its queue too, which only the task knows: checked here, per task.
  const timed = new Set(
    tasks
      .heldTasks()
      .filter((task) => {
        const facts = messagingTaskFacts(task);
        return isAccepted(task) && facts !== null && isTimed(config, facts);
      })
      .map((task) => task.sid),
  );
  const timers = restorableTimers(timerStore.load(), timed);
  store.dispatch(inactivityEvents.timersRestored({ timers }));
}
