import * as React from 'react';
import type * as Flex from '@twilio/flex-ui';

import { CountdownBadge } from '../components/CountdownBadge';
import { TimerControls } from '../components/TimerControls';
import type { NowSource } from '../runtime/ticker';
import { messagingTaskFacts } from './messagingTask';
import type { InactivityRuntime } from './startInactivityRuntime';

type Strings = Record<string, string>;

/** Content children get Flex's child props; `task` is there for task list items and the task canvas header. */
function isMessagingTaskRow(props: { task?: Flex.ITask }): boolean {
  return props.task !== undefined && messagingTaskFacts(props.task) !== null;
}

/**
 * Adds the countdown to every messaging row of the task list. `Content.add` with an `if` reaches webchat, SMS,
 * WhatsApp and any other channel's rows without replacing what Flex or other plugins put there.
 */
export function addCountdownBadge(
  flex: Pick<typeof Flex, 'TaskListItem'>,
  nowSource: NowSource,
  strings: Strings,
): () => void {
  return flex.TaskListItem.Content.add(
    <CountdownBadge key="conversations-inactivity-badge" nowSource={nowSource} strings={strings} />,
    { if: isMessagingTaskRow, sortOrder: 100 },
  );
}

/** Adds pause/resume and extend to the header of a selected messaging task. */
export function addTimerControls(
  flex: Pick<typeof Flex, 'TaskCanvasHeader' | 'Actions'>,
  runtime: Pick<InactivityRuntime, 'ticker' | 'extendMsFor'>,
  strings: Strings,
): () => void {
  const extendMs = (task: Flex.ITask): number => {
    const facts = messagingTaskFacts(task);
    return (facts && runtime.extendMsFor(facts.conversationSid)) ?? 0;
  };
  return flex.TaskCanvasHeader.Content.add(
    <TimerControls
      key="conversations-inactivity-controls"
      nowSource={runtime.ticker}
      extendMs={extendMs}
      invoke={(action, payload) => flex.Actions.invokeAction(action, payload)}
      strings={strings}
    />,
    { if: isMessagingTaskRow, sortOrder: -1 },
  );
}
