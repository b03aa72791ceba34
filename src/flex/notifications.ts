import type { Notification, NotificationType } from '@twilio/flex-ui';

import { remainingInWords } from '../core/remainingInWords';
import type { AgentNotice } from '../engine/commandRunner';
import { InactivityString } from '../strings/inactivityStrings';

/** The slice of Flex's `Notifications` manager the plugin uses. */
export interface NotificationsLike {
  readonly registeredNotifications: Map<string, Notification>;
  registerNotification(notification: Notification): void;
  showNotification(id: string, context?: object): unknown;
}

type NoticeKind = AgentNotice['kind'];

/** Notification ids are the string ids: Flex renders a `content` that names a string as that template. */
const NOTIFICATION_OF: Readonly<Record<NoticeKind, { id: InactivityString; type: `${NotificationType}` }>> = {
  wrappedUp: { id: InactivityString.NotificationWrappedUp, type: 'information' },
  wrapupFailed: { id: InactivityString.NotificationWrapupFailed, type: 'error' },
  messageFailed: { id: InactivityString.NotificationMessageFailed, type: 'warning' },
  messageOutsideWindow: { id: InactivityString.NotificationOutsideWindow, type: 'information' },
};

/** Registers our notifications once; Flex throws on a duplicate id, which a plugin reload would otherwise cause. */
export function registerInactivityNotifications(notifications: NotificationsLike): void {
  for (const { id, type } of Object.values(NOTIFICATION_OF)) {
    if (notifications.registeredNotifications.has(id)) continue;
    notifications.registerNotification({ id, content: id, type: type as NotificationType, timeout: 8_000 });
  }
}

/** The Handlebars context of a notice: names and durations in words. */
function contextOf(notice: AgentNotice): Record<string, string> {
  const customerName = notice.task.customerName ?? 'the customer';
  if (notice.kind === 'wrappedUp') return { customerName, timeout: remainingInWords(notice.timerMs) };
  if (notice.kind === 'messageOutsideWindow') return { customerName, channel: notice.task.channelType };
  return { customerName, reason: notice.reason, retryIn: remainingInWords(notice.retryInMs) };
}

/** Shows a notice to the agent as a Flex notification. */
export function showAgentNotice(notifications: Pick<NotificationsLike, 'showNotification'>, notice: AgentNotice): void {
  notifications.showNotification(NOTIFICATION_OF[notice.kind].id, contextOf(notice));
}
