import type { Leadership } from '../runtime/leadership';
import type { ActingEngine, ActingEngineDeps } from './actingEngine';
import { startActingEngine } from './actingEngine';
import type { NoticeBoardDeps } from './agentNotices';
import { createNoticeBoard } from './agentNotices';
import { createIntentRouter } from './crossTabIntents';
import type { MirrorDeps } from './persistence';
import { startTimerMirror } from './persistence';
import type { TimerIntent } from './tabMessages';

/** Everything a tab's runtime is built from; the Flex build, the test harness and the benchmarks each supply it. */
export interface RuntimePorts extends Omit<ActingEngineDeps, 'isActing' | 'notify'>, MirrorDeps, NoticeBoardDeps {
  readonly leadership: Pick<Leadership, 'isLeader' | 'subscribe' | 'release'>;
}

/** One tab's share of the plugin: acting or mirroring, switching as leadership moves. */
export interface InactivityRuntime {
  /**
   * An agent control: applied here if this tab acts, else sent to the acting tab until one acknowledges it (or, if
   * none has within 10 s, abandoned with a warning).
   */
  submit(intent: Omit<TimerIntent, 'id'>): void;
  /** The acting engine while this tab acts (tests and benchmarks look inside), else undefined. */
  actingEngine(): ActingEngine | undefined;
  /** Resolves when the acting engine (if any) has no history read in flight. */
  whenIdle(): Promise<void>;
  /**
   * Resolves once, when every conversation this tab's first acting engine found at its start-up has had its history
   * read settle while connected: replayed, or failed and waiting for its retry. A tab that never acts never sees it;
   * one that stops acting during its start-up sees it then.
   */
  whenStartupReconciled(): Promise<void>;
  stop(): void;
}

/**
 * Composes a tab's runtime. Exactly one tab acts: it restores the saved timers, tracks tasks, sends warnings, wraps
 * up and is the only one to save. Every other tab mirrors what was saved and sends its agent controls to the acting
 * tab. Notices reach the agent in whichever tab is visible.
 */
export function composeInactivityRuntime(ports: RuntimePorts): InactivityRuntime {
  const isActing = (): boolean => ports.leadership.isLeader();
  const notices = createNoticeBoard(ports);
  let engine: ActingEngine | undefined;
  let stopMirror: (() => void) | undefined;
  const intents = createIntentRouter({
    ...ports,
    isActing,
    apply: (intent) => {
      if (engine === undefined) return false;
      engine.apply(intent);
      return true;
    },
  });
  let firstEngineStarted = (_started: ActingEngine): void => undefined;
  const firstEngine = new Promise<ActingEngine>((resolve) => {
    firstEngineStarted = resolve;
  });
  let stopWaitingForConnection = (): void => undefined;

  const stopMirroring = (): void => {
    stopMirror?.();
    stopMirror = undefined;
  };
  const stopActing = (): void => {
    engine?.stop();
    engine = undefined;
  };
  const becomeActing = (): void => {
    stopMirroring();
    if (engine === undefined) {
      engine = startActingEngine({ ...ports, isActing, notify: (notice) => notices.publish(notice) });
      // Only the first engine's start-up is followed: a later one is a change of leader, not the page starting.
      firstEngineStarted(engine);
      intents.startedActing();
    }
  };
  const becomeMirror = (): void => {
    stopActing();
    if (stopMirror !== undefined) return;
    stopMirror = startTimerMirror(ports);
  };
  const follow = (leader: boolean): void => (leader ? becomeActing() : becomeMirror());

  const nextConnection = (): Promise<void> =>
    new Promise((resolve) => {
      const stopListening = ports.conversations.onConnectionChanged((connected) => {
        if (!connected) return;
        stopListening();
        resolve();
      });
      stopWaitingForConnection = stopListening;
    });
  const reconcileStartup = async (): Promise<void> => {
    await (await firstEngine).whenStartupAttached();
    // A read under way when the connection dropped marks nothing reconciled; the engine reads again on reconnection.
    for (;;) {
      await engine?.whenIdle();
      if (ports.conversations.isConnected()) return;
      await nextConnection();
    }
  };
  let startupReconciled: Promise<void> | undefined;

  follow(isActing());
  const stopFollowing = ports.leadership.subscribe(follow);

  return {
    submit: (intent) => intents.submit({ ...intent, id: ports.newId() }),
    actingEngine: () => engine,
    whenIdle: async () => engine?.whenIdle(),
    whenStartupReconciled() {
      if (startupReconciled === undefined) startupReconciled = reconcileStartup();
      return startupReconciled;
    },
    stop() {
      stopWaitingForConnection();
      stopFollowing();
      intents.stop();
      notices.stop();
      stopActing();
      stopMirroring();
      ports.leadership.release();
      ports.channel.close();
    },
  };
}
