import type * as Flex from '@twilio/flex-ui';
import { FlexPlugin } from '@twilio/flex-plugin';

export const PLUGIN_NAME = 'InactivityPlugin';

/** Flex entry point: `init` only wires things up, from the list of initializers below. */
export default class InactivityPlugin extends FlexPlugin {
  constructor() {
    super(PLUGIN_NAME);
  }

  init(_flex: typeof Flex, _manager: Flex.Manager): void {
    // Initializers are added as the Flex integration lands.
  }
}
