/**
 * How browser tests find a task's row in Flex's task list: the row element's class in Flex 2.17, and the attributes
 * the sandbox page (taskRowMarker.tsx) puts on it. Free of Flex imports so Node-side test code can use it.
 */
const TASK_ROW_CLASS = 'Twilio-TaskListBaseItem';
export const TASK_ROW_SELECTOR = `.${TASK_ROW_CLASS}`;
export const TASK_SID_ATTRIBUTE = 'data-task-sid';
export const RESERVATION_SID_ATTRIBUTE = 'data-reservation-sid';
/** The hidden element taskRowMarker.tsx adds, first, to the content of every row. */
export const ROW_MARKER_ATTRIBUTE = 'data-sandbox-row-marker';

/** CSS selector of the row of task `taskSid` (WT...). */
export function taskRowSelector(taskSid: string): string {
  return `${TASK_ROW_SELECTOR}[${TASK_SID_ATTRIBUTE}="${taskSid}"]`;
}

/** CSS selector of the row of reservation `reservationSid` (WR...). */
export function reservationRowSelector(reservationSid: string): string {
  return `${TASK_ROW_SELECTOR}[${RESERVATION_SID_ATTRIBUTE}="${reservationSid}"]`;
}

/**
 * XPath of the elements Flex renders for the row of task `taskSid` besides the marker: the row element and the
 * TaskListItem content children plugins add to it. Flex 2.17 renders those children as siblings of the row's
 * `.Twilio-TaskListBaseItem` element (before it or after it, by sort order), and every row's elements share one
 * parent: [list header, marker, content..., row, content..., marker, content..., row, ...]. So a row's elements are
 * the siblings from its marker (which sorts first) up to the next marker: each element whose nearest marker before
 * it is followed by this row. Never search the shared parent as a whole: that finds the first row's content.
 */
export function taskRowElementsXPath(taskSid: string): string {
  const sid = xpathString(taskSid);
  const marker = `preceding-sibling::*[@${ROW_MARKER_ATTRIBUTE}][1]`;
  const rowOfMarker = `following-sibling::*[${hasClass(TASK_ROW_CLASS)}][1][@${TASK_SID_ATTRIBUTE}=${sid}]`;
  return `//*[@${TASK_SID_ATTRIBUTE}=${sid}]/parent::*/*[not(@${ROW_MARKER_ATTRIBUTE})][${marker}/${rowOfMarker}]`;
}

function hasClass(name: string): string {
  return `contains(concat(" ", normalize-space(@class), " "), " ${name} ")`;
}

/** An XPath 1.0 string literal (sids never hold quotes; one that did would get the other kind). */
function xpathString(text: string): string {
  return text.includes('"') ? `'${text}'` : `"${text}"`;
}
