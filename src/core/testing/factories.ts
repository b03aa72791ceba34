import type { ChannelPolicy, WarningPolicy } from '../../config/policy';
import type { ConversationTimer, TrackRequest } from '../conversationTimer';
import { startTimer } from '../conversationTimer';

/** The original plugin's example configuration: 35 s, one warning 15 s before the end. */
export function originalPolicy(overrides: Partial<ChannelPolicy> = {}): ChannelPolicy {
  return {
    enabled: true,
    timerMs: 35_000,
    startOn: 'customer_message',
    warnings: [{ beforeMs: 15_000, message: 'Closing in {{remaining}}' }],
    closingMessage: null,
    extendMs: 300_000,
    ...overrides,
  };
}

/** Warnings given as seconds before the deadline, in any order; returned sorted as the parser sorts them. */
export function warningsAt(...beforeSec: number[]): WarningPolicy[] {
  return [...beforeSec]
    .sort((a, b) => b - a)
    .map((sec) => ({ beforeMs: sec * 1000, message: `warning ${sec}s before` }));
}

/** A timer tracked at `at` (default 0) under the original policy's timer, its history already reconciled. */
export function trackedTimer(overrides: Partial<TrackRequest> = {}): ConversationTimer {
  const timer = startTimer({
    conversationSid: 'CH0001',
    reservationSid: 'WR0001',
    taskSid: 'WT0001',
    channelType: 'web',
    startOn: 'customer_message',
    timerMs: 35_000,
    at: 0,
    ...overrides,
  });
  return { ...timer, history: 'reconciled' };
}
