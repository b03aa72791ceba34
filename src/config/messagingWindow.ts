import { hasOwn } from './hasOwn';

/**
 * Channels that accept free-form business messages only within a window after the customer's last message. A
 * warning or closing message due later would be refused (WhatsApp: Twilio error 63016), so it is not sent; the
 * wrap-up still happens. The one place such rules live: another channel with a window joins by adding a line.
 */
export const CUSTOMER_SERVICE_WINDOWS_MS: Readonly<Record<string, number>> = {
  whatsapp: 24 * 60 * 60 * 1_000,
};

/** The window of `channelType` in ms, or null when the channel has none. */
export function messagingWindowOf(channelType: string): number | null {
  return hasOwn(CUSTOMER_SERVICE_WINDOWS_MS, channelType) ? (CUSTOMER_SERVICE_WINDOWS_MS[channelType] as number) : null;
}

/**
 * Whether a free-form message may go out at `at` on `channelType`, the customer having last written at
 * `lastCustomerAt`. The window is half-open: at exactly 24:00:00 after the customer's message it has closed.
 */
export function isWithinMessagingWindow(channelType: string, lastCustomerAt: number, at: number): boolean {
  const windowMs = messagingWindowOf(channelType);
  return windowMs === null || at < lastCustomerAt + windowMs;
}
