import * as FlexPlugin from '@twilio/flex-plugin';

import InactivityPlugin from './InactivityPlugin';

FlexPlugin.loadPlugin(InactivityPlugin);
