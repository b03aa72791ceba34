import type { Notification } from '@twilio/flex-ui';
import { Notifications, NotificationType } from '@twilio/flex-ui';

import type { AgentNotice } from '../engine/commandRunner';
import type { MessagingTaskFacts } from '../tasks/messagingTask';
import type { NotificationsLike } from './notifications';
import { registerInactivityNotifications, showAgentNotice } from './notifications';
import { InactivityString } from '../strings/inactivityStrings';

const IDS = [
  InactivityString.NotificationWrappedUp,
  InactivityString.NotificationWrapupFailed,
  InactivityString.NotificationMessageFailed,
];

function task(customerName: string | undefined): MessagingTaskFacts {
  return {
    reservationSid: 'WR1',
    taskSid: 'WT1',
    conversationSid: 'CH1',
    channelType: 'web',
    customerName,
    interactionChannelSid: 'UO1',
    customerAddresses: [],
  };
}

/**
 * Flex's real Notifications, with every call recorded on the way through. (jest.spyOn cannot be used: Flex wraps
 * whatever is assigned to its managers' methods, so the spy it returns is not a mock.)
 */
function recordingNotifications() {
  const registered: Notification[] = [];
  const shown: Array<{ id: string; context: object | undefined }> = [];
  const notifications: NotificationsLike = {
    registeredNotifications: Notifications.registeredNotifications,
    registerNotification: (notification) => {
      registered.push(notification);
      Notifications.registerNotification(notification);
    },
    showNotification: (id, context) => {
      shown.push({ id, context });
      return Notifications.showNotification(id, context);
    },
  };
  return { notifications, registered, shown };
}

/** What showAgentNotice asked Flex to show. */
function shown(notice: AgentNotice): { id: string; context: object | undefined } {
  const recording = recordingNotifications();
  showAgentNotice(recording.notifications, notice);
  expect(recording.shown).toHaveLength(1);
  return recording.shown[0] ?? { id: '', context: undefined };
}

// Flex's Notifications is one registry for the whole page (here: this test file): register once, as the plugin does.
beforeAll(() => registerInactivityNotifications(Notifications));

beforeEach(() => {
  // A shown notification dismisses itself after its timeout: keep those timers out of the real clock.
  jest.useFakeTimers();
});

afterEach(() => {
  jest.clearAllTimers();
  jest.useRealTimers();
});

describe('flex/notifications', () => {
  it('registers the three notifications, each named by its string id so Flex renders the template', () => {
    for (const id of IDS) {
      expect(Notifications.registeredNotifications.get(id)).toMatchObject({ id, content: id, timeout: 8_000 });
    }
    expect(Notifications.registeredNotifications.get(InactivityString.NotificationWrappedUp)?.type).toBe(
      NotificationType.information,
    );
    expect(Notifications.registeredNotifications.get(InactivityString.NotificationWrapupFailed)?.type).toBe(
      NotificationType.error,
    );
    expect(Notifications.registeredNotifications.get(InactivityString.NotificationMessageFailed)?.type).toBe(
      NotificationType.warning,
    );
  });

  it('registering again (a plugin reload) does not throw, although Flex throws on duplicate ids', () => {
    // Flex also logs this one to console.error, through a console proxy a jest spy cannot silence.
    expect(() =>
      Notifications.registerNotification({ id: InactivityString.NotificationWrappedUp, content: 'x' }),
    ).toThrow('Notification already registered');
    const recording = recordingNotifications();
    expect(() => registerInactivityNotifications(recording.notifications)).not.toThrow();
    expect(recording.registered).toEqual([]);
  });

  it('registers only the ids that are missing', () => {
    const added: Notification[] = [];
    registerInactivityNotifications({
      registeredNotifications: new Map([[InactivityString.NotificationWrappedUp, { id: 'other', content: 'x' }]]),
      registerNotification: (notification) => {
        added.push(notification);
      },
      showNotification: () => null,
    });
    expect(added.map((notification) => notification.id)).toEqual([
      InactivityString.NotificationWrapupFailed,
      InactivityString.NotificationMessageFailed,
      InactivityString.NotificationOutsideWindow,
    ]);
  });

  it('shows the outside-the-window notice with the name and the channel', () => {
    expect(shown({ kind: 'messageOutsideWindow', task: { ...task('Jane'), channelType: 'whatsapp' } })).toEqual({
      id: InactivityString.NotificationOutsideWindow,
      context: { customerName: 'Jane', channel: 'whatsapp' },
    });
  });

  it('shows the wrap-up notice with the name and the timeout in words', () => {
    expect(shown({ kind: 'wrappedUp', task: task('Jane'), timerMs: 300_000 })).toEqual({
      id: InactivityString.NotificationWrappedUp,
      context: { customerName: 'Jane', timeout: '5 minutes' },
    });
  });

  it('shows a failed wrap-up with the reason and the retry delay, calling a nameless customer "the customer"', () => {
    const notice: AgentNotice = {
      kind: 'wrapupFailed',
      task: task(undefined),
      reason: 'the task is still accepted',
      retryInMs: 2_000,
    };
    expect(shown(notice)).toEqual({
      id: InactivityString.NotificationWrapupFailed,
      context: { customerName: 'the customer', reason: 'the task is still accepted', retryIn: '2 seconds' },
    });
  });

  it('shows a failed message under its own id', () => {
    const notice: AgentNotice = { kind: 'messageFailed', task: task('Jane'), reason: 'offline', retryInMs: 90_000 };
    expect(shown(notice)).toEqual({
      id: InactivityString.NotificationMessageFailed,
      context: { customerName: 'Jane', reason: 'offline', retryIn: '2 minutes' },
    });
  });

  it('reaches the real Flex notification list with its context', () => {
    showAgentNotice(Notifications, { kind: 'wrappedUp', task: task('Jane'), timerMs: 35_000 });
    expect(Notifications.activeNotifications).toContainEqual(
      expect.objectContaining({
        id: InactivityString.NotificationWrappedUp,
        context: { customerName: 'Jane', timeout: '35 seconds' },
      }),
    );
  });
});
