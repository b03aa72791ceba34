/**
 * Every text the agent sees, as Flex strings (Handlebars templates) so admins can translate or reword them through
 * `manager.strings`. Ids carry the feature prefix so they never collide with Flex's or other plugins' strings.
 *
 * Nothing here depends on Flex: the components read these ids and the Flex wiring registers them, so both import this
 * module and neither has to import the other.
 */
export enum InactivityString {
  BadgeLabel = 'InactivityBadgeLabel',
  BadgeWaiting = 'InactivityBadgeWaiting',
  BadgePaused = 'InactivityBadgePaused',
  BadgeClosing = 'InactivityBadgeClosing',
  BadgeAwaitingHistory = 'InactivityBadgeAwaitingHistory',
  BadgeTransferPending = 'InactivityBadgeTransferPending',
  /** Said politely by screen readers when a warning is sent. */
  AnnounceWarning = 'InactivityAnnounceWarning',
  /** Said politely by screen readers when time is up and the chat moves to wrap-up. */
  AnnounceClosing = 'InactivityAnnounceClosing',
  /** Tooltip and accessible description of the pause button (its name when it shows only its icon). */
  ControlPause = 'InactivityControlPause',
  /** Tooltip and accessible description of the resume button (its name when it shows only its icon). */
  ControlResume = 'InactivityControlResume',
  /** Tooltip and accessible description of the extend button, whose name is its visible text ("+5 min"). */
  ControlExtend = 'InactivityControlExtend',
  /** Visible text and accessible name of the pause button: short, because the task canvas header is narrow. */
  ControlPauseLabel = 'InactivityControlPauseLabel',
  /** Visible text and accessible name of the resume button, short for the same reason. */
  ControlResumeLabel = 'InactivityControlResumeLabel',
  NotificationWrappedUp = 'InactivityNotificationWrappedUp',
  NotificationWrapupFailed = 'InactivityNotificationWrapupFailed',
  NotificationMessageFailed = 'InactivityNotificationMessageFailed',
  NotificationOutsideWindow = 'InactivityNotificationOutsideWindow',
}

/** English defaults. `{{...}}` are Handlebars values supplied where the string is used. */
export const englishStrings: Readonly<Record<InactivityString, string>> = {
  [InactivityString.BadgeLabel]: 'Customer inactivity: {{remaining}} left{{#if warned}}, customer warned{{/if}}',
  [InactivityString.BadgeWaiting]: 'Customer inactivity: not counting, the customer is waiting for a reply',
  [InactivityString.BadgePaused]: 'Customer inactivity: paused with {{remaining}} left',
  [InactivityString.BadgeClosing]: 'Customer inactivity: time is up, moving to wrap-up',
  [InactivityString.BadgeTransferPending]:
    'Customer inactivity: on hold while a transfer is pending{{#if counting}}, {{remaining}} left{{/if}}',
  [InactivityString.BadgeAwaitingHistory]: 'Customer inactivity: waiting for the chat history before counting',
  [InactivityString.AnnounceWarning]: 'Inactivity warning sent{{#if customerName}} to {{customerName}}{{/if}}',
  [InactivityString.AnnounceClosing]:
    'Customer inactivity: the chat{{#if customerName}} with {{customerName}}{{/if}} is moving to wrap-up',
  [InactivityString.ControlPause]: 'Pause inactivity timer',
  [InactivityString.ControlResume]: 'Resume inactivity timer',
  [InactivityString.ControlExtend]: 'Give the customer {{extension}} more',
  [InactivityString.ControlPauseLabel]: 'Pause timer',
  [InactivityString.ControlResumeLabel]: 'Resume timer',
  [InactivityString.NotificationWrappedUp]:
    'The chat with {{customerName}} was moved to wrap-up: no reply from the customer in {{timeout}}.',
  [InactivityString.NotificationWrapupFailed]:
    'Could not move the chat with {{customerName}} to wrap-up ({{reason}}). Retrying in {{retryIn}}.',
  [InactivityString.NotificationMessageFailed]:
    'Could not send the inactivity message to {{customerName}} ({{reason}}). Retrying in {{retryIn}}.',
  [InactivityString.NotificationOutsideWindow]:
    'The inactivity message to {{customerName}} was not sent: {{channel}} takes no message this long after the ' +
    "customer's last one. The chat still moves to wrap-up on time.",
};

/** The writable string table Flex exposes as `manager.strings`. */
export type StringTable = Record<string, string>;

/**
 * Adds our defaults to Flex's strings without overwriting a text that is already there, so a translation or an
 * admin's rewording loaded before this plugin wins.
 */
export function registerStrings(strings: StringTable): void {
  for (const [id, text] of Object.entries(englishStrings)) {
    if (strings[id] === undefined) strings[id] = text;
  }
}
