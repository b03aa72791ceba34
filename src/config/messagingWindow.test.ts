import { isWithinMessagingWindow, messagingWindowOf } from './messagingWindow';

const DAY = 24 * 60 * 60 * 1_000;

describe('config/messagingWindow', () => {
  it('knows the 24-hour customer-service window of WhatsApp, and no window elsewhere', () => {
    expect(messagingWindowOf('whatsapp')).toBe(DAY);
    expect(messagingWindowOf('web')).toBeNull();
    expect(messagingWindowOf('sms')).toBeNull();
    expect(messagingWindowOf('constructor')).toBeNull();
  });

  it('lets a WhatsApp message out at 23:59:59 after the customer wrote, not at 24:00:00', () => {
    expect(isWithinMessagingWindow('whatsapp', 1_000, 1_000 + DAY - 1_000)).toBe(true);
    expect(isWithinMessagingWindow('whatsapp', 1_000, 1_000 + DAY)).toBe(false);
  });

  it('never closes a channel without a window', () => {
    expect(isWithinMessagingWindow('sms', 0, 10 * DAY)).toBe(true);
  });
});
