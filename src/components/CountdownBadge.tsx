import type { ITask } from '@twilio/flex-ui';
import React, { useLayoutEffect, useRef } from 'react';

import { MINUTE, remainingInWords } from '../core/remainingInWords';
import type { NowSource } from '../runtime/ticker';
import { InactivityString } from '../strings/inactivityStrings';
import { messagingTaskFacts } from '../tasks/messagingTask';
import { conversationSidOf } from '../tasks/taskConversation';
import type { AgentStrings } from './agentStrings';
import { stringOf } from './agentStrings';
import type { TimerTheme } from './badgeLook';
import { badgeLookOf, lookColors, lookShapes } from './badgeLook';
import { fillTemplate } from './fillTemplate';
import { TimerIcon } from './timerIcons';
import type { BadgeModel } from './badgeModel';
import { useCountdown } from './useCountdown';

/** What Flex (task, theme) and the plugin's wiring (the rest) give the badge. */
export interface CountdownBadgeProps {
  /** Passed by Flex to TaskListItem / TaskCanvasHeader children. */
  readonly task?: ITask;
  readonly nowSource: NowSource;
  /** Passed by Flex; its Paste tokens color the badge. */
  readonly theme?: TimerTheme;
  /** `manager.strings`; our English defaults fill any gap. */
  readonly strings?: AgentStrings;
  /** `inline` unless given. */
  readonly placement?: BadgePlacement;
}

/** The spoken label; `remaining` is what it says of the time left ("45 seconds", "2 minutes"). */
function ariaLabelOf(
  model: Pick<BadgeModel, 'phase' | 'warningsSent' | 'remainingMs'>,
  remaining: string,
  strings: AgentStrings | undefined,
): string {
  switch (model.phase) {
    case 'counting':
    case 'warned':
      return fillTemplate(stringOf(strings, InactivityString.BadgeLabel), {
        remaining,
        warned: model.warningsSent > 0,
      });
    case 'paused':
      return fillTemplate(stringOf(strings, InactivityString.BadgePaused), { remaining });
    case 'transferPending':
      return fillTemplate(stringOf(strings, InactivityString.BadgeTransferPending), {
        remaining,
        counting: model.remainingMs !== null,
      });
    case 'waiting':
      return fillTemplate(stringOf(strings, InactivityString.BadgeWaiting), {});
    case 'awaitingHistory':
      return fillTemplate(stringOf(strings, InactivityString.BadgeAwaitingHistory), {});
    case 'expired':
    case 'wrappingUp':
    case 'done':
      return fillTemplate(stringOf(strings, InactivityString.BadgeClosing), {});
  }
}

/**
 * Where the badge is drawn. `inline`: a pill in the text flow. `taskListRow`: over the top right corner of the task
 * list row it belongs to (see `rowAnchorStyle`).
 */
export type BadgePlacement = 'inline' | 'taskListRow';

const pillStyle: React.CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: '4px',
  boxSizing: 'border-box',
  // 20 px in all: the line height of the row's first line, so the pill sits on it like a word of the same line.
  height: '20px',
  padding: '0 6px',
  borderRadius: '100px',
  borderWidth: '1px',
  fontSize: '12px',
  fontWeight: 600,
  lineHeight: '16px',
  whiteSpace: 'nowrap',
  // Digits of equal width, so the pill does not jitter as seconds change.
  fontVariantNumeric: 'tabular-nums',
};

/**
 * Flex 2.17.1 renders a TaskListItem's Content children with no container, as siblings of the row element
 * (`.Twilio-TaskListBaseItem`) in the task list, so a child cannot be laid out inside the row. Added before the row
 * (a negative sortOrder), the badge sits in a zero-height, full-width anchor whose top edge is the row's top edge;
 * from there it is placed over the row's top right corner, where the first line (the customer's name) ends. The
 * anchor takes no space, so Flex's own row layout is untouched.
 */
const rowAnchorStyle: React.CSSProperties = {
  display: 'block',
  position: 'relative',
  height: 0,
  alignSelf: 'stretch',
};

/**
 * The row's first line starts 8 px below its top, and its text ends 12 px before its right edge (Flex's 8 px side
 * padding plus the empty actions area). The pill must paint over the row, which comes later in the DOM and is
 * positioned: hence the z-index. It lets clicks through, so clicking it selects the row like any other point of it.
 */
const rowCornerStyle: React.CSSProperties = {
  position: 'absolute',
  top: '8px',
  right: '12px',
  zIndex: 1,
  pointerEvents: 'none',
};

/** Read by screen readers, not shown. Not `display: none`, which would silence a live region. */
const visuallyHidden: React.CSSProperties = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

/** The class of Flex 2.x's focusable task list row (role="button"), which the badge sits just before. */
const ROW_CLASS = 'Twilio-TaskListBaseItem';

/**
 * The countdown in minutes, as the description (aria-describedby) of the row Flex renders after the badge, so a screen
 * reader moving through the task list hears it with the row. Memoized on its text, which changes at most once a
 * minute (or with the phase): a second tick does not render it.
 */
const RowDescription = React.memo(function RowDescription({ id, text }: { id: string; text: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  // Runs when the text changes, too: Flex may have re-created its row element since.
  useLayoutEffect(() => {
    let row = ref.current?.parentElement?.nextElementSibling ?? null;
    while (row !== null && !row.classList.contains(ROW_CLASS)) row = row.nextElementSibling;
    if (row === null) return undefined;
    const described = row;
    const others = (): string =>
      (described.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter((token) => token !== id)
        .join(' ');
    described.setAttribute('aria-describedby', `${others()} ${id}`.trim());
    return () => {
      const left = others();
      if (left.trim() === '') described.removeAttribute('aria-describedby');
      else described.setAttribute('aria-describedby', left);
    };
  }, [id, text]);
  return (
    <span id={id} ref={ref} hidden>
      {text}
    </span>
  );
});

/**
 * A polite live region that speaks only when a warning is sent and when the chat moves to wrap-up: `id` names that
 * event. What is there when the badge mounts (a reload, a row scrolled back) is not news and is not spoken.
 */
const Announcement = React.memo(function Announcement({ id, text }: { id: string; text: string }) {
  // Null once the event differs from the one at mount: every later event is news, even one with the same id.
  const mountedWith = useRef<string | null>(id);
  if (mountedWith.current !== id) mountedWith.current = null;
  return (
    <span aria-live="polite" style={visuallyHidden}>
      {mountedWith.current === null && text !== '' && <span key={id}>{text}</span>}
    </span>
  );
});

/** The event to announce: the latest warning of the cycle, or the wrap-up; none otherwise. */
function announcementOf(
  model: BadgeModel,
  strings: AgentStrings | undefined,
  task: ITask | undefined,
): [string, string] {
  const closing = model.phase === 'expired' || model.phase === 'wrappingUp';
  if (!closing && model.warningsSent === 0) return ['', ''];
  const customerName = task === undefined ? undefined : messagingTaskFacts(task)?.customerName;
  const [id, template] = closing
    ? ['closing', InactivityString.AnnounceClosing]
    : [`warning${model.warningsSent}`, InactivityString.AnnounceWarning];
  return [id, fillTemplate(stringOf(strings, template), { customerName })];
}

/** The spoken label with the time left rounded up to whole minutes: it changes at most once a minute. */
function minuteLabelOf(model: BadgeModel, strings: AgentStrings | undefined): string {
  const minutes = model.remainingMinutes;
  return ariaLabelOf(model, remainingInWords(minutes === null ? 0 : minutes * MINUTE), strings);
}

function CountdownBadgeView({
  task,
  nowSource,
  theme,
  strings,
  placement = 'inline',
}: CountdownBadgeProps): JSX.Element | null {
  const conversationSid = conversationSidOf(task) ?? '';
  const { model, textRef } = useCountdown(conversationSid, nowSource);
  // Once Flex confirms the wrap-up the conversation is settled: nothing is left to count.
  if (model === null || model.phase === 'done') return null;
  const [announcementId, announcement] = announcementOf(model, strings, task);
  const look = badgeLookOf(model);
  const colors = lookColors(look, theme);
  const shape = lookShapes[look];
  const pill = (
    <span
      role="timer"
      aria-live="off"
      aria-label={ariaLabelOf(model, model.remainingWords ?? remainingInWords(0), strings)}
      data-phase={model.phase}
      data-look={look}
      style={{
        ...pillStyle,
        ...(placement === 'taskListRow' ? rowCornerStyle : undefined),
        backgroundColor: colors.background,
        color: colors.text,
        borderColor: colors.border,
        borderStyle: shape.borderStyle,
      }}
    >
      <TimerIcon name={shape.icon} />
      {/* Its text is written by useCountdown after every render and, without one, on ticks that change only it. */}
      <span aria-hidden="true" ref={textRef} />
    </span>
  );
  const spoken = <Announcement id={announcementId} text={announcement} />;
  return placement === 'taskListRow' ? (
    <span data-placement={placement} style={rowAnchorStyle}>
      {pill}
      {spoken}
      <RowDescription id={`inactivity-${conversationSid}`} text={minuteLabelOf(model, strings)} />
    </span>
  ) : (
    <>
      {pill}
      {spoken}
    </>
  );
}

/** The inactivity countdown of a task's conversation as a small pill; nothing when the conversation is not tracked. */
export const CountdownBadge = React.memo(CountdownBadgeView);
CountdownBadge.displayName = 'CountdownBadge';
