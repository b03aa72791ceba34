import type { JSONObject } from '@twilio/conversations';

/**
 * The Flex actions the agent's timer controls invoke; other plugins may listen to before/after or replace them.
 * Apart from their registration (`flex/timerActions.ts`) so the controls that invoke them need not import the Flex
 * wiring, which imports the controls.
 */
export const TimerActionName = {
  Pause: 'PauseInactivityTimer',
  Resume: 'ResumeInactivityTimer',
  Extend: 'ExtendInactivityTimer',
} as const;

/** The name of one of the timer actions. */
export type TimerActionName = (typeof TimerActionName)[keyof typeof TimerActionName];

/** Payload of every timer action. */
export interface TimerActionPayload {
  readonly conversationSid: string;
}

/**
 * The Flex action the plugin sends its warnings and closing messages through. Other plugins can listen to
 * `beforeSendInactivityMessage` / `afterSendInactivityMessage`, cancel a message with `abort()`, or replace the body.
 */
export const SEND_INACTIVITY_MESSAGE = 'SendInactivityMessage';

/** Payload of `SendInactivityMessage`. */
export interface InactivityMessagePayload {
  readonly conversationSid: string;
  readonly body: string;
  /** The plugin's marker, so every tab and device recognises the message as the plugin's. */
  readonly messageAttributes: JSONObject;
}
