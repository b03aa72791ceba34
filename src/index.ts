// The FlexPlugin module itself, not the package index: the index also pulls in loadJS, loadCSS and the runtime-URL
// helpers (about 2 KB of the bundle), which this plugin never uses.
import * as FlexPlugin from '@twilio/flex-plugin/dist/lib/flex-plugin';

import InactivityPlugin from './InactivityPlugin';

FlexPlugin.loadPlugin(InactivityPlugin);
