import type * as Flex from '@twilio/flex-ui';

import { TimerActionName } from '../actions/timerActionNames';
import type { TimerIntent } from '../engine/tabMessages';
import { conversationSidIn } from './actionPayload';

export interface TimerActionDeps {
  readonly actions: Pick<typeof Flex.Actions, 'registerAction'>;
  /** Hands the control to the acting tab (this one or another). */
  readonly submit: (intent: Omit<TimerIntent, 'id'>) => void;
  /** Whether the conversation has a timer in this tab's view (its own or mirrored). */
  readonly isTracked: (conversationSid: string) => boolean;
}

/**
 * Registers Pause/Resume/ExtendInactivityTimer with Flex's Actions framework. Each validates its payload and hands
 * the control to the acting tab, which applies it once with its own clock; registering again replaces the bodies.
 */
export function registerTimerActions({ actions, submit, isTracked }: TimerActionDeps): void {
  /** An action body: a throw while validating rejects the invocation. */
  const register = (action: TimerActionName, kind: TimerIntent['kind']): void => {
    actions.registerAction(
      action,
      (payload: unknown) =>
        new Promise<void>((resolve) => {
          const conversationSid = conversationSidIn(action, payload);
          if (!isTracked(conversationSid)) {
            throw new Error(`${action}: conversation ${conversationSid} is not tracked`);
          }
          submit({ kind, conversationSid });
          resolve();
        }),
    );
  };

  register(TimerActionName.Pause, 'pause');
  register(TimerActionName.Resume, 'resume');
  register(TimerActionName.Extend, 'extend');
}
