import type { ITask } from '@twilio/flex-ui';
import React from 'react';

import { remainingInWords } from '../core/remainingInWords';
import { InactivityString } from '../flex/strings';
import type { NowSource } from '../runtime/ticker';
import type { AgentStrings } from './agentStrings';
import { stringOf } from './agentStrings';
import type { TimerTheme } from './badgeLook';
import { badgeLookOf, lookColors } from './badgeLook';
import { fillTemplate } from './fillTemplate';
import { conversationSidOf } from './taskConversation';
import type { BadgeModel } from './useCountdown';
import { useCountdown } from './useCountdown';

export interface CountdownBadgeProps {
  /** Passed by Flex to TaskListItem / TaskCanvasHeader children. */
  readonly task?: ITask;
  readonly nowSource: NowSource;
  /** Passed by Flex; its Paste tokens color the badge. */
  readonly theme?: TimerTheme;
  /** `manager.strings`; our English defaults fill any gap. */
  readonly strings?: AgentStrings;
}

function ariaLabelOf(model: BadgeModel, strings: AgentStrings | undefined): string {
  const remaining = remainingInWords(model.remainingMs ?? 0);
  switch (model.phase) {
    case 'counting':
    case 'warned':
      return fillTemplate(stringOf(strings, InactivityString.BadgeLabel), {
        remaining,
        warned: model.warningsSent > 0,
      });
    case 'paused':
      return fillTemplate(stringOf(strings, InactivityString.BadgePaused), { remaining });
    case 'waiting':
      return fillTemplate(stringOf(strings, InactivityString.BadgeWaiting), {});
    case 'expired':
    case 'wrappingUp':
    case 'done':
      return fillTemplate(stringOf(strings, InactivityString.BadgeClosing), {});
  }
}

const pillStyle: React.CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: '0.25em',
  padding: '0 0.5em',
  borderRadius: '100px',
  borderWidth: '1px',
  borderStyle: 'solid',
  fontSize: '0.75rem',
  fontWeight: 600,
  lineHeight: 1.5,
  whiteSpace: 'nowrap',
  // Digits of equal width, so the pill does not jitter as seconds change.
  fontVariantNumeric: 'tabular-nums',
};

function CountdownBadgeView({ task, nowSource, theme, strings }: CountdownBadgeProps): JSX.Element | null {
  const model = useCountdown(conversationSidOf(task) ?? '', nowSource);
  // Once Flex confirms the wrap-up the conversation is settled: nothing is left to count.
  if (model === null || model.phase === 'done') return null;
  const look = badgeLookOf(model);
  const colors = lookColors(look, theme);
  return (
    <span
      role="timer"
      aria-live="off"
      aria-label={ariaLabelOf(model, strings)}
      data-phase={model.phase}
      data-look={look}
      style={{ ...pillStyle, backgroundColor: colors.background, color: colors.text, borderColor: colors.border }}
    >
      {model.phase === 'paused' && <span aria-hidden="true">⏸</span>}
      <span aria-hidden="true">{model.text}</span>
    </span>
  );
}

/** The inactivity countdown of a task's conversation as a small pill; nothing when the conversation is not tracked. */
export const CountdownBadge = React.memo(CountdownBadgeView);
CountdownBadge.displayName = 'CountdownBadge';
