import * as FlexPlugin from '@twilio/flex-plugin';

import OriginalInactivityPlugin from './OriginalPlugin';

FlexPlugin.loadPlugin(OriginalInactivityPlugin);
