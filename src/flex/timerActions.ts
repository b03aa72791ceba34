import type * as Flex from '@twilio/flex-ui';

import type { InactivityEvent } from '../state/inactivityEvents';
import { inactivityEvents } from '../state/inactivityEvents';

/** The Flex actions the agent's timer controls invoke; other plugins may listen to before/after or replace them. */
export const TimerActionName = {
  Pause: 'PauseInactivityTimer',
  Resume: 'ResumeInactivityTimer',
  Extend: 'ExtendInactivityTimer',
} as const;

export type TimerActionName = (typeof TimerActionName)[keyof typeof TimerActionName];

/** Payload of every timer action. */
export interface TimerActionPayload {
  readonly conversationSid: string;
}

export interface TimerActionDeps {
  readonly actions: Pick<typeof Flex.Actions, 'registerAction'>;
  readonly dispatch: (event: InactivityEvent) => void;
  readonly now: () => number;
  /** The extension for a tracked conversation (from its channel policy); null when it is not tracked. */
  readonly extendMsFor: (conversationSid: string) => number | null;
}

/** The conversation sid of an action payload; throws (so the invocation rejects) naming the action and the field. */
function conversationSidIn(action: TimerActionName, payload: unknown): string {
  const sid =
    typeof payload === 'object' && payload !== null
      ? (payload as { conversationSid?: unknown }).conversationSid
      : undefined;
  if (typeof sid !== 'string' || sid === '') {
    throw new Error(`${action}: payload.conversationSid must be a non-empty string`);
  }
  return sid;
}

/**
 * Registers Pause/Resume/ExtendInactivityTimer with Flex's Actions framework. Each validates its payload and
 * dispatches the matching inactivity event stamped with `now()`; registering again replaces the bodies.
 */
export function registerTimerActions({ actions, dispatch, now, extendMsFor }: TimerActionDeps): void {
  /** An action body: a throw while validating or building the event rejects the invocation. */
  const register = (action: TimerActionName, eventFor: (conversationSid: string) => InactivityEvent): void => {
    actions.registerAction(
      action,
      (payload: unknown) =>
        new Promise<void>((resolve) => {
          dispatch(eventFor(conversationSidIn(action, payload)));
          resolve();
        }),
    );
  };

  register(TimerActionName.Pause, (conversationSid) => inactivityEvents.timerPaused({ conversationSid, at: now() }));
  register(TimerActionName.Resume, (conversationSid) => inactivityEvents.timerResumed({ conversationSid, at: now() }));
  register(TimerActionName.Extend, (conversationSid) => {
    const byMs = extendMsFor(conversationSid);
    if (byMs === null) {
      throw new Error(`${TimerActionName.Extend}: conversation ${conversationSid} is not tracked`);
    }
    return inactivityEvents.timerExtended({ conversationSid, at: now(), byMs });
  });
}
