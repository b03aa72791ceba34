import type * as Flex from '@twilio/flex-ui';
import { FlexPlugin } from '@twilio/flex-plugin';

import { readInactivityConfig } from './flex/readInactivityConfig';
import { registerInactivityNotifications } from './flex/notifications';
import { registerStrings } from './flex/strings';
import type { InactivityRuntime } from './flex/startInactivityRuntime';
import { startInactivityRuntime } from './flex/startInactivityRuntime';
import { addCountdownBadge, addTimerControls } from './flex/taskViews';
import { registerTimerActions } from './flex/timerActions';
import { systemClock } from './runtime/clock';
import type { InactivityEvent } from './state/inactivityEvents';
import { INACTIVITY_NAMESPACE, inactivityReducer } from './state/inactivitySlice';

export const PLUGIN_NAME = 'InactivityPlugin';

/** Flex entry point: `init` only wires things up, in this order, and each line names everything it touches. */
export default class InactivityPlugin extends FlexPlugin {
  private runtime: InactivityRuntime | undefined;

  constructor() {
    super(PLUGIN_NAME);
  }

  /** Stops the ticker, listeners and tab lease; a second `init` (a hot reload) calls it first. */
  stop(): void {
    this.runtime?.stop();
    this.runtime = undefined;
  }

  init(flex: typeof Flex, manager: Flex.Manager): void {
    const config = readInactivityConfig(manager, console);
    // Flex types its strings without an index signature; plugins add their own keys all the same.
    const stringTable = manager.strings as Flex.Strings & Record<string, string>;
    registerStrings(stringTable);
    registerInactivityNotifications(flex.Notifications);
    manager.store.addReducer?.(INACTIVITY_NAMESPACE, inactivityReducer);
    this.stop();
    const runtime = startInactivityRuntime(flex, manager, config, systemClock);
    this.runtime = runtime;
    registerTimerActions({
      actions: flex.Actions,
      dispatch: (event: InactivityEvent) => manager.store.dispatch(event),
      now: () => systemClock.now(),
      extendMsFor: runtime.extendMsFor,
    });
    addCountdownBadge(flex, runtime.ticker, stringTable);
    addTimerControls(flex, runtime, stringTable);
  }
}
