/**
 * The configuration the sandbox hands to `Manager.create`. Everything account-specific (ui_attributes, TaskRouter
 * sids, the plugin list) comes from the sandbox server through Flex's own HTTP calls, as it would from Twilio; the
 * page only says which account it is, taken from the token the server put in the page's query string.
 */
import type { Config } from '@twilio/flex-ui';
import { readTokenClaims } from '../fakes/taskrouter/tokenClaims';

/** Flex's own name for the query-string token (`?Token=<jwt>&Identity=...&Expiration=...&Roles=agent`). */
const TOKEN_PARAMETER = 'Token';
/** `?theme=dark` shows Flex's dark theme (Paste's dark tokens), as `theme.isLight: false` in a hosted Flex's config. */
const THEME_PARAMETER = 'theme';

export function buildFlexConfig(pageUrl: string): Config {
  const query = new URL(pageUrl).searchParams;
  const token = query.get(TOKEN_PARAMETER) ?? '';
  const { accountSid } = readTokenClaims(token);
  if (accountSid === '') {
    throw new Error(`The sandbox page needs a ?${TOKEN_PARAMETER}=<jwt> whose "sub" is the account sid`);
  }
  return {
    sso: { accountSid },
    // The plugin list is Flex's own plugin service request, answered by the sandbox server.
    pluginService: { enabled: true },
    ...(query.get(THEME_PARAMETER) === 'dark' ? { theme: { isLight: false } } : {}),
  };
}
