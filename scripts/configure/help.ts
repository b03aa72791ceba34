import { DEFAULT_TIMEOUT_SEC } from './parseCommand';
import { EXIT_CODE_MEANINGS } from './exitCodes';

const USAGE = `Usage: npm run configure -- <command> [options]

Reads and changes ui_attributes.customerInactivity in your account's Flex Configuration, checked by the same
validator the plugin uses. Every other key of ui_attributes is left exactly as it is.

Commands:
  show                       Print the account's customerInactivity, every problem the plugin would report, and a
                             table of the settings each queue and channel gets.
  validate --file <path>     Check a JSON file offline (no credentials, no network).
  set [flags] | --file <path>
                             Change customerInactivity: fetch, change, validate, show the diff, ask, then write.

Flags of set (each changes one key; keys you do not name are kept):
  --timer <seconds>          timer_sec
  --warning <seconds>        warning_sec  (replaces a "warnings" list on the same level)
  --message <text>           warning_message  (idem)
  --closing-message <text>   closing_message
  --no-closing-message       closing_message: null (send nothing)
  --start-on <mode>          start_on: customer_message or agent_reply
  --report-outcome <text>    report_outcome: conversations.outcome written at an inactivity wrap-up
  --channel <type>           apply the flags above to channels.<type> (web, sms, whatsapp, ...) instead
  --queue <name>             apply them to queues.<name> (a TaskRouter queue name) instead; with --channel,
                             to queues.<name>.channels.<type>. Most specific wins, key by key: top level <
                             channel < queue < queue's channel
  --file <path>              replace customerInactivity with the file's (the bare object, or {"customerInactivity": ...})
  --yes, -y                  write without asking (required when stdin is not a terminal)

Connection (show, set):
  --api-base-url <url>       instead of https://flex-api.twilio.com (also FLEX_API_BASE_URL), e.g. a proxy
  --timeout <seconds>        per request, default ${DEFAULT_TIMEOUT_SEC}

Credentials (environment only):
  TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET.

Before writing, set reads the configuration again; if anyone changed ui_attributes since the first read, nothing
is written (exit 8): run the command again.`;

/** The `--help` text, exit codes included. */
export function helpText(): string {
  const codes = EXIT_CODE_MEANINGS.map(([code, meaning]) => `  ${String(code).padStart(2)}  ${meaning}`);
  return `${USAGE}\n\nExit codes:\n${codes.join('\n')}`;
}
