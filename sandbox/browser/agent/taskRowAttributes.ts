/**
 * How browser tests find a task's row in Flex's task list: the row element's class in Flex 2.17, and the attributes
 * the sandbox page (taskRowMarker.tsx) puts on it. Free of Flex imports so Node-side test code can use it.
 */
export const TASK_ROW_SELECTOR = '.Twilio-TaskListBaseItem';
export const TASK_SID_ATTRIBUTE = 'data-task-sid';
export const RESERVATION_SID_ATTRIBUTE = 'data-reservation-sid';

/** CSS selector of the row of task `taskSid` (WT...). */
export function taskRowSelector(taskSid: string): string {
  return `${TASK_ROW_SELECTOR}[${TASK_SID_ATTRIBUTE}="${taskSid}"]`;
}

/** CSS selector of the row of reservation `reservationSid` (WR...). */
export function reservationRowSelector(reservationSid: string): string {
  return `${TASK_ROW_SELECTOR}[${RESERVATION_SID_ATTRIBUTE}="${reservationSid}"]`;
}
