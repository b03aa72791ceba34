import * as React from 'react';
import type * as Flex from '@twilio/flex-ui';

import { CountdownBadge } from '../components/CountdownBadge';
import { TimerControls } from '../components/TimerControls';
import type { NowSource } from '../runtime/ticker';
import { messagingTaskFacts } from '../tasks/messagingTask';
import type { FlexInactivityRuntime } from './startInactivityRuntime';

type Strings = Record<string, string>;

/** Content children get Flex's child props; `task` is there for task list items and the task canvas header. */
function isMessagingTaskRow(props: { task?: Flex.ITask }): boolean {
  return props.task !== undefined && messagingTaskFacts(props.task) !== null;
}

/**
 * Adds the countdown to every messaging row of the task list. `Content.add` with an `if` reaches webchat, SMS,
 * WhatsApp and any other channel's rows without replacing what Flex or other plugins put there.
 *
 * Flex lays TaskListItem's Content children out as siblings of the row element, not inside it, and Flex's row itself
 * has sortOrder 0. The badge goes just before the row (sortOrder -1) and, with the `taskListRow` placement, draws
 * itself over the row's top right corner, on the line of the customer's name; after the row it would hang below it.
 */
export function addCountdownBadge(
  flex: Pick<typeof Flex, 'TaskListItem'>,
  nowSource: NowSource,
  strings: Strings,
): () => void {
  return flex.TaskListItem.Content.add(
    <CountdownBadge
      key="conversations-inactivity-badge"
      nowSource={nowSource}
      strings={strings}
      placement="taskListRow"
    />,
    { if: isMessagingTaskRow, sortOrder: -1 },
  );
}

/**
 * Adds pause/resume and extend to the header of a selected messaging task. Flex's header children are, by sortOrder,
 * the channel icon (0), the name and status (1) and the Complete/End button (2); at 1 the controls come after the
 * name (an equal sortOrder keeps Flex's child first) and before the button, where actions on the task belong.
 */
export function addTimerControls(
  flex: Pick<typeof Flex, 'TaskCanvasHeader' | 'Actions'>,
  runtime: Pick<FlexInactivityRuntime, 'ticker' | 'extendMsFor'>,
  strings: Strings,
): () => void {
  const extendMs = (task: Flex.ITask): number => runtime.extendMsFor(task) ?? 0;
  return flex.TaskCanvasHeader.Content.add(
    <TimerControls
      key="conversations-inactivity-controls"
      nowSource={runtime.ticker}
      extendMs={extendMs}
      invoke={(action, payload) => flex.Actions.invokeAction(action, payload)}
      strings={strings}
    />,
    { if: isMessagingTaskRow, sortOrder: 1 },
  );
}
