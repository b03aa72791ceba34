/**
 * Flex alone, for the ticking bench in Chromium: a plugin that registers with Flex and does nothing, so the page
 * runs exactly what Flex runs with N accepted chats and no plugin rows. Bundled with esbuild
 * (bench/browser/originalPlugin.ts): it has no React, no JSX, nothing the toolchain would compile differently.
 */
import type * as Flex from '@twilio/flex-ui';
import * as FlexPlugin from '@twilio/flex-plugin';

/** What @twilio/flex-plugin logs from the constructor: "loading EmptyPlugin@… plugin". */
const EMPTY_PLUGIN_NAME = 'EmptyPlugin';

class EmptyPlugin extends FlexPlugin.FlexPlugin {
  constructor() {
    super(EMPTY_PLUGIN_NAME);
  }

  init(_flex: typeof Flex, _manager: Flex.Manager): void {
    // Nothing: the floor.
  }
}

FlexPlugin.loadPlugin(EmptyPlugin);
