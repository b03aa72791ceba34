import type * as Flex from '@twilio/flex-ui';

import type { InactivityConfig } from '../config/policy';
import { policyForChannel } from '../config/policy';
import type { Clock } from '../runtime/clock';
import type { Leadership } from '../runtime/leadership';
import { defaultLeadershipEnvironment, electLeader } from '../runtime/leadership';
import type { Ticker } from '../runtime/ticker';
import { createTicker } from '../runtime/ticker';
import type { InactivityEvent } from '../state/inactivityEvents';
import type { StateWithInactivity } from '../state/selectors';
import { storageKeyFor } from '../state/storedTimers';
import { createTimerStore } from '../state/timerStorage';
import { createClockSkew } from './clockSkew';
import { createCommandRunner } from './commandRunner';
import { flexCommandEffects, flexConversationGateway, flexTaskGateway } from './flexGateways';
import type { InactivityEngine, InactivityStore } from './inactivityEngine';
import { startInactivityEngine } from './inactivityEngine';
import { showAgentNotice } from './notifications';

/** One tick a second: badges show whole seconds and commands are due on whole seconds of the admin's settings. */
const TICK_MS = 1_000;

/** What the rest of the plugin (badges, controls, actions) shares with the engine. */
export interface InactivityRuntime {
  readonly ticker: Ticker;
  readonly engine: InactivityEngine;
  readonly leadership: Leadership;
  readonly extendMsFor: (conversationSid: string) => number | null;
  stop(): void;
}

/** The account and worker a page belongs to: timers and the tab lease are scoped by both. */
function scopeOf(manager: Flex.Manager): { accountSid: string; workerSid: string } {
  const accountSid = manager.serviceConfiguration?.account_sid ?? 'unknown-account';
  const workerSid = manager.workerClient?.sid ?? manager.user?.identity ?? 'unknown-worker';
  return { accountSid, workerSid };
}

/** A skew estimate that survives reloads: the first reconciliation after a reload needs it most. */
function rememberedClockSkew(key: string) {
  const read = (): number | null => {
    try {
      const value = Number(window.localStorage.getItem(key));
      return Number.isFinite(value) && window.localStorage.getItem(key) !== null ? value : null;
    } catch {
      return null;
    }
  };
  const write = (offsetMs: number): void => {
    try {
      window.localStorage.setItem(key, String(Math.round(offsetMs)));
    } catch {
      // Without storage the estimate is relearnt from the next live message; timers are warned about elsewhere.
    }
  };
  return createClockSkew({ initialOffsetMs: read(), onEstimate: write });
}

/** Flex's store seen through our slice: Flex types its state without the reducers plugins add. */
function inactivityStoreOf(manager: Flex.Manager): InactivityStore {
  return {
    getState: () => manager.store.getState() as Flex.FlexState & StateWithInactivity,
    dispatch: (event) => manager.store.dispatch(event),
    subscribe: (listener) => manager.store.subscribe(listener),
  };
}

/**
 * Wires the engine to the real Flex: its store, events, Conversations client and actions, the browser's storage,
 * Web Locks and a worker-driven ticker. The composition root: every other module receives its collaborators.
 */
export function startInactivityRuntime(
  flex: typeof Flex,
  manager: Flex.Manager,
  config: InactivityConfig,
  clock: Clock,
): InactivityRuntime {
  const { accountSid, workerSid } = scopeOf(manager);
  const key = storageKeyFor(accountSid, workerSid);
  const ticker = createTicker({ clock, intervalMs: TICK_MS });
  const leadership = electLeader({
    name: `${key}/leader`,
    clock,
    warn: console.warn,
    ...defaultLeadershipEnvironment(),
  });
  const tasks = flexTaskGateway(manager);
  const store = inactivityStoreOf(manager);
  const engine = startInactivityEngine({
    store,
    config,
    clock,
    ticker,
    tasks,
    conversations: flexConversationGateway(() => manager.conversationsClient, clock),
    leadership,
    timerStore: createTimerStore({ storage: () => window.localStorage, key, warn: console.warn }),
    skew: rememberedClockSkew(`${key}/clock-offset`),
    createRunner: (contextOf) =>
      createCommandRunner({
        effects: flexCommandEffects(flex.Actions, tasks),
        dispatch: (event: InactivityEvent) => store.dispatch(event),
        contextOf,
        clock,
        notify: (notice) => showAgentNotice(flex.Notifications, notice),
        log: console,
      }),
    log: console,
  });
  return {
    ticker,
    engine,
    leadership,
    extendMsFor: (sid) => {
      const context = engine.contextOf(sid);
      return context === undefined ? null : policyForChannel(config, context.task.channelType).extendMs;
    },
    stop() {
      engine.stop();
      ticker.stop();
      leadership.release();
    },
  };
}
