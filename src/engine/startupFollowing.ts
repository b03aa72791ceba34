import type { ConversationGateway } from './ports';

/**
 * The conversations an acting engine's start-up begins to follow, and when each has been attached. The engine starts
 * a conversation's history read in the very call that tells it the conversation is attached, so once every one of
 * them is attached (or let go), the reads still to settle are all in flight: the engine's `whenIdle()` covers them.
 */
export interface StartupFollowing {
  /** The gateway to give the engine: passes everything on, noting what is watched while {@link collect} runs. */
  readonly conversations: ConversationGateway;
  /** Runs an engine's start-up, noting the conversations it starts to watch; only the first call notes any. */
  collect<T>(start: () => T): T;
  /** Resolves once every conversation noted has been attached or stopped being watched (at once if none was). */
  allAttached(): Promise<void>;
}

/** Wraps `conversations` so the first engine start-up run through {@link StartupFollowing.collect} is followed. */
export function followStartup(conversations: ConversationGateway): StartupFollowing {
  let phase: 'before' | 'collecting' | 'collected' = 'before';
  const unattached = new Set<symbol>();
  let resolveAttached = (): void => undefined;
  const attached = new Promise<void>((resolve) => {
    resolveAttached = resolve;
  });
  const settle = (watch: symbol): void => {
    unattached.delete(watch);
    if (phase === 'collected' && unattached.size === 0) resolveAttached();
  };

  return {
    conversations: {
      watch(sid, onMessage, onAttached) {
        if (phase !== 'collecting') return conversations.watch(sid, onMessage, onAttached);
        const watch = Symbol(sid);
        unattached.add(watch);
        const stop = conversations.watch(sid, onMessage, () => {
          try {
            onAttached();
          } finally {
            settle(watch);
          }
        });
        return () => {
          stop();
          settle(watch);
        };
      },
      recentMessages: (sid, count) => conversations.recentMessages(sid, count),
      isConnected: () => conversations.isConnected(),
      onConnectionChanged: (listener) => conversations.onConnectionChanged(listener),
      identity: () => conversations.identity(),
    },
    collect(start) {
      if (phase !== 'before') return start();
      phase = 'collecting';
      try {
        return start();
      } finally {
        phase = 'collected';
        if (unattached.size === 0) resolveAttached();
      }
    },
    allAttached: () => attached,
  };
}
