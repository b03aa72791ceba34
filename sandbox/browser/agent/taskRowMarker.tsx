/**
 * Gives each row of Flex's task list stable attributes for browser tests: `data-task-sid` (WT...) and
 * `data-reservation-sid` (WR...). Flex's rows carry no sid of their own, so a hidden child added through
 * `TaskListItem.Content` (which receives the row's task) writes them onto its row. Only the sandbox page adds it;
 * the plugin under test neither sees nor needs it.
 *
 * Flex renders a TaskListItem's content children without a container, as siblings of the row element; with the
 * lowest sort order the marker comes first, so its row is the next row-classed sibling.
 */
import * as React from 'react';
import { TaskListItem, type ITask } from '@twilio/flex-ui';
import {
  RESERVATION_SID_ATTRIBUTE,
  ROW_MARKER_ATTRIBUTE as MARKER_ATTRIBUTE,
  TASK_ROW_SELECTOR,
  TASK_SID_ATTRIBUTE,
} from './taskRowAttributes';

function rowAfter(marker: Element): Element | null {
  for (let next = marker.nextElementSibling; next !== null; next = next.nextElementSibling) {
    if (next.matches(TASK_ROW_SELECTOR)) return next;
    if (next.hasAttribute(MARKER_ATTRIBUTE)) return null;
  }
  return null;
}

function TaskSidMarker({ task }: { task?: ITask }): React.ReactElement {
  const ref = React.useRef<HTMLSpanElement>(null);
  const taskSid = task?.taskSid ?? '';
  const reservationSid = task?.sid ?? '';
  // Runs after every render: Flex may re-create the row element while the marker stays.
  React.useLayoutEffect(() => {
    const row = ref.current === null ? null : rowAfter(ref.current);
    if (row === null) return undefined;
    row.setAttribute(TASK_SID_ATTRIBUTE, taskSid);
    row.setAttribute(RESERVATION_SID_ATTRIBUTE, reservationSid);
    return () => {
      row.removeAttribute(TASK_SID_ATTRIBUTE);
      row.removeAttribute(RESERVATION_SID_ATTRIBUTE);
    };
  });
  return <span ref={ref} hidden {...{ [MARKER_ATTRIBUTE]: '' }} />;
}

/** Adds the marker to every task list row; returns Flex's cleanup function. */
export function markTaskRows(): () => void {
  return TaskListItem.Content.add(<TaskSidMarker key="sandbox-task-row-marker" />, {
    sortOrder: Number.MIN_SAFE_INTEGER,
  });
}
