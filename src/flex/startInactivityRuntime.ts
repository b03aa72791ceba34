import type * as Flex from '@twilio/flex-ui';

import type { InactivityConfig } from '../config/policy';
import { policyFor } from '../config/policy';
import type { InactivityRuntime } from '../engine/inactivityRuntime';
import { composeInactivityRuntime } from '../engine/inactivityRuntime';
import type { TabMessage } from '../engine/tabMessages';
import { browserStorageChanges, browserTabChannel, randomId } from '../runtime/browserTabs';
import { documentVisibility } from '../runtime/pageVisibility';
import type { Clock } from '../runtime/clock';
import { browserStorage } from '../runtime/keyValueStorage';
import { defaultLeadershipEnvironment, electLeader } from '../runtime/leadership';
import type { Ticker } from '../runtime/ticker';
import { createTicker } from '../runtime/ticker';
import { rememberedClockSkew } from '../state/rememberedClockSkew';
import type { StateWithInactivity } from '../state/selectors';
import { selectTimer } from '../state/selectors';
import { storageKeyFor } from '../state/storedTimers';
import { createTimerStore } from '../state/timerStorage';
import { messagingTaskFacts } from '../tasks/messagingTask';
import { flexCommandEffects, flexConversationGateway, flexTaskGateway } from './flexGateways';
import { flexTransferGateway } from './flexTransfers';
import { inactivityStoreOf } from './inactivityStore';
import { showAgentNotice } from './notifications';
import type { StartupMarks } from './startupMarks';
import { markWhenStartupReconciled } from './startupMarks';

/** One tick a second: badges show whole seconds and commands are due on whole seconds of the admin's settings. */
const TICK_MS = 1_000;

/** What the plugin's views and actions share with the runtime of this tab. */
export interface FlexInactivityRuntime {
  readonly ticker: Ticker;
  readonly runtime: InactivityRuntime;
  /** What "more time" gives on a task, from its channel's policy; null for tasks the plugin does not time. */
  readonly extendMsFor: (task: Flex.ITask) => number | null;
  /** Whether the conversation has a timer in this tab's view (its own or mirrored). */
  readonly isTracked: (conversationSid: string) => boolean;
  stop(): void;
}

/** The storage key of the account and worker a page belongs to: timers and the tab lease are scoped by both. */
function storageKeyOf(manager: Flex.Manager): string {
  return storageKeyFor(
    manager.serviceConfiguration?.account_sid ?? 'unknown-account',
    manager.workerClient?.sid ?? manager.user?.identity ?? 'unknown-worker',
  );
}

/**
 * Builds this tab's runtime from the real Flex (store, events, Conversations client, actions, notifications) and the
 * browser (localStorage, storage events, BroadcastChannel, Web Locks, a Worker-driven ticker), and marks in `marks`
 * when the conversations found at start-up are reconciled.
 */
export function startInactivityRuntime(
  flex: typeof Flex,
  manager: Flex.Manager,
  config: InactivityConfig,
  clock: Clock,
  marks: StartupMarks,
): FlexInactivityRuntime {
  const key = storageKeyOf(manager);
  const ticker = createTicker({ clock, intervalMs: TICK_MS });
  const tasks = flexTaskGateway(manager);
  const runtime = composeInactivityRuntime({
    store: inactivityStoreOf(manager.store),
    config,
    clock,
    ticker,
    tasks,
    conversations: flexConversationGateway(() => manager.conversationsClient, clock),
    transfers: flexTransferGateway(manager.store),
    timerStore: createTimerStore({ storage: browserStorage, key, warn: console.warn }),
    skew: rememberedClockSkew(browserStorage, `${key}/clock-offset`),
    effects: flexCommandEffects(flex.Actions, tasks),
    log: console,
    leadership: electLeader({
      name: `${key}/leader`,
      clock,
      ticks: ticker,
      warn: console.warn,
      ...defaultLeadershipEnvironment(),
    }),
    timersKey: key,
    storageChanges: browserStorageChanges,
    channel: browserTabChannel<TabMessage>(`${key}/tabs`, console.warn),
    visibility: documentVisibility,
    showNotice: (notice) => showAgentNotice(flex.Notifications, notice),
    newId: randomId,
  });
  const stopMarking = markWhenStartupReconciled(runtime, marks);
  const timerOf = (conversationSid: string) =>
    selectTimer(manager.store.getState() as Flex.FlexState & StateWithInactivity, conversationSid);
  return {
    ticker,
    runtime,
    extendMsFor(task) {
      const facts = messagingTaskFacts(task);
      if (facts === null) return null;
      // The extension of the policy the conversation's cycle runs under, so the label says what the button gives.
      return (timerOf(facts.conversationSid)?.policy ?? policyFor(config, facts)).extendMs;
    },
    isTracked: (conversationSid) => timerOf(conversationSid) !== undefined,
    stop() {
      stopMarking();
      runtime.stop();
      ticker.stop();
    },
  };
}
