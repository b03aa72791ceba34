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
    reportOutcome: null,
    ...overrides,
  };
}

/** Warnings given as seconds before the deadline, in any order; returned sorted as the parser sorts them. */
export function warningsAt(...beforeSec: number[]): WarningPolicy[] {
  return [...beforeSec]
    .sort((a, b) => b - a)
    .map((sec) => ({ beforeMs: sec * 1000, message: `warning ${sec}s before` }));
}

/** What a test may say about a tracked timer: the request's fields, and the policy's timer and start mode in short. */
export type TimerOverrides = Partial<TrackRequest> & Partial<Pick<ChannelPolicy, 'startOn' | 'timerMs'>>;

/** The track request of CH0001 under the original policy, with `overrides`. */
export function trackRequest(overrides: TimerOverrides = {}): TrackRequest {
  const { startOn, timerMs, policy, ...request } = overrides;
  const base = policy ?? originalPolicy();
  return {
    conversationSid: 'CH0001',
    reservationSid: 'WR0001',
    taskSid: 'WT0001',
    channelType: 'web',
    at: 0,
    ...request,
    policy: { ...base, startOn: startOn ?? base.startOn, timerMs: timerMs ?? base.timerMs },
  };
}

/** A timer tracked at `at` (default 0) under the original policy, its history already reconciled. */
export function trackedTimer(overrides: TimerOverrides = {}): ConversationTimer {
  return { ...startTimer(trackRequest(overrides)), history: 'reconciled' };
}
