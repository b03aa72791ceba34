import type * as Flex from '@twilio/flex-ui';
import { FlexPlugin } from '@twilio/flex-plugin/dist/lib/flex-plugin';

import { readInactivityConfig } from './flex/readInactivityConfig';
import { registerInactivityNotifications } from './flex/notifications';
import { registerStrings } from './strings/inactivityStrings';
import type { FlexInactivityRuntime } from './flex/startInactivityRuntime';
import { startInactivityRuntime } from './flex/startInactivityRuntime';
import { INIT_MARK, performanceMarks } from './flex/startupMarks';
import { addCountdownBadge, addTimerControls } from './flex/taskViews';
import { registerInactivityMessageAction } from './flex/inactivityMessageAction';
import { conversationLookup } from './flex/flexGateways';
import { registerTimerActions } from './flex/timerActions';
import { systemClock } from './runtime/clock';
import { INACTIVITY_NAMESPACE, inactivityReducer } from './state/inactivitySlice';

export const PLUGIN_NAME = 'InactivityPlugin';

/** Flex entry point: `init` only wires things up, in this order, and each line names everything it touches. */
export default class InactivityPlugin extends FlexPlugin {
  private runtime: FlexInactivityRuntime | undefined;

  constructor() {
    super(PLUGIN_NAME);
  }

  /** Stops the ticker, listeners and tab lease; a second `init` (a hot reload) calls it first. */
  stop(): void {
    this.runtime?.stop();
    this.runtime = undefined;
  }

  init(flex: typeof Flex, manager: Flex.Manager): void {
    const marks = performanceMarks();
    marks.mark(INIT_MARK);
    const config = readInactivityConfig(manager, console);
    // Flex types its strings without an index signature; plugins add their own keys all the same.
    const stringTable = manager.strings as Flex.Strings & Record<string, string>;
    registerStrings(stringTable);
    registerInactivityNotifications(flex.Notifications);
    manager.store.addReducer?.(INACTIVITY_NAMESPACE, inactivityReducer);
    this.stop();
    const runtime = startInactivityRuntime(flex, manager, config, systemClock, marks);
    this.runtime = runtime;
    registerTimerActions({
      actions: flex.Actions,
      submit: (intent) => runtime.runtime.submit(intent),
      isTracked: runtime.isTracked,
    });
    registerInactivityMessageAction({
      actions: flex.Actions,
      conversation: conversationLookup(() => manager.conversationsClient),
    });
    addCountdownBadge(flex, runtime.ticker, stringTable);
    addTimerControls(flex, runtime, stringTable);
  }
}
