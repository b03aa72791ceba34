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
