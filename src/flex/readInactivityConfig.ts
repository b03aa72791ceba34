import type { Manager } from '@twilio/flex-ui';

import { parseInactivityConfig } from '../config/parseInactivityConfig';
import type { InactivityConfig } from '../config/policy';

/** Flex types `ui_attributes` as its own config; admins' custom keys such as ours sit beside it. */
type UiAttributesWithInactivity = { readonly customerInactivity?: unknown };

/**
 * Reads and validates `ui_attributes.customerInactivity`, logging every problem once, each naming the key, the
 * value and what was used instead. Never throws: a broken configuration degrades to defaults, not to a dead plugin.
 */
export function readInactivityConfig(
  manager: Pick<Manager, 'serviceConfiguration'>,
  log: Pick<Console, 'warn' | 'info'>,
): InactivityConfig {
  // Whatever Flex loaded: `?.` also reads undefined from a null or non-object ui_attributes.
  const uiAttributes = manager.serviceConfiguration?.ui_attributes as UiAttributesWithInactivity | null | undefined;
  const { config, problems } = parseInactivityConfig(uiAttributes?.customerInactivity);
  for (const problem of problems) {
    log[problem.level === 'error' ? 'warn' : 'info'](`Inactivity configuration: ${problem.message}`);
  }
  return config;
}
