import type { ITask } from '@twilio/flex-ui';
import React, { useLayoutEffect, useRef, useState } from 'react';

import { TimerActionName } from '../actions/timerActionNames';
import type { TimerActionPayload } from '../actions/timerActionNames';
import type { TimerPhase } from '../core/phase';
import { phaseAt } from '../core/phase';
import { remainingInWords } from '../core/remainingInWords';
import type { NowSource } from '../runtime/ticker';
import { InactivityString } from '../strings/inactivityStrings';
import { conversationSidOf } from '../tasks/taskConversation';
import type { AgentStrings } from './agentStrings';
import { stringOf } from './agentStrings';
import type { TimerTheme } from './badgeLook';
import { tokenOf } from './badgeLook';
import { fillTemplate } from './fillTemplate';
import { TimerIcon } from './timerIcons';
import { useTimerView } from './useTimerView';

/** What Flex (task, theme) and the plugin's wiring (the rest) give the controls. */
export interface TimerControlsProps {
  /** Passed by Flex to TaskCanvasHeader children. */
  readonly task?: ITask;
  readonly nowSource: NowSource;
  /** How much the extend button gives, from the task's channel policy. */
  readonly extendMs: (task: ITask) => number;
  /** `Actions.invokeAction`, so other plugins' before/after listeners and replacements apply. */
  readonly invoke: (action: string, payload: TimerActionPayload) => Promise<unknown>;
  /** `manager.strings`; our English defaults fill any gap. */
  readonly strings?: AgentStrings;
  /** Passed by Flex; its Paste tokens color the buttons. */
  readonly theme?: TimerTheme;
}

/**
 * The agent can pause, resume or extend only a countdown that exists, is not over and is trusted. While the history
 * is being read, a customer message may be found that restarts the countdown: a pause or an extension then would
 * adjust a deadline that is about to be replaced.
 */
function isAdjustable(phase: TimerPhase | null): phase is 'counting' | 'warned' | 'paused' {
  return phase === 'counting' || phase === 'warned' || phase === 'paused';
}

/** "+5 min", or "+30 s" for extensions under a minute. */
function shortExtension(ms: number): string {
  return ms >= 60_000 ? `+${Math.round(ms / 60_000)} min` : `+${Math.ceil(ms / 1000)} s`;
}

/** The colors of a button at rest or hovered: those of a Paste secondary button, from the theme's tokens. */
interface ButtonLook {
  readonly background: string;
  readonly text: string;
  readonly border: string;
}

function buttonLooks(theme: TimerTheme | undefined): { readonly rest: ButtonLook; readonly hover: ButtonLook } {
  return {
    rest: {
      background: tokenOf(theme, 'backgroundColors', 'colorBackgroundBody', 'rgb(255, 255, 255)'),
      text: tokenOf(theme, 'textColors', 'colorText', 'rgb(18, 28, 45)'),
      border: tokenOf(theme, 'borderColors', 'colorBorder', 'rgb(136, 145, 170)'),
    },
    hover: {
      background: tokenOf(theme, 'backgroundColors', 'colorBackgroundPrimaryWeakest', 'rgb(235, 244, 255)'),
      text: tokenOf(theme, 'textColors', 'colorTextPrimary', 'rgb(2, 99, 224)'),
      border: tokenOf(theme, 'borderColors', 'colorBorderPrimary', 'rgb(2, 99, 224)'),
    },
  };
}

/**
 * The two buttons form one segmented group: they share the border between them (the second overlaps the first by
 * 1 px) and only the group's outer corners are rounded. 28 px high, below the header's 38 px Complete/End button, so
 * the primary action stays the most prominent.
 */
const groupStyle: React.CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  alignSelf: 'center',
  flexShrink: 0,
  margin: '0 8px',
};

const buttonBaseStyle: React.CSSProperties = {
  position: 'relative',
  display: 'inline-flex',
  alignItems: 'center',
  gap: '4px',
  boxSizing: 'border-box',
  height: '28px',
  margin: 0,
  padding: '0 10px',
  borderWidth: '1px',
  borderStyle: 'solid',
  fontFamily: 'inherit',
  fontSize: '12px',
  fontWeight: 600,
  lineHeight: '16px',
  whiteSpace: 'nowrap',
  cursor: 'pointer',
};

interface ControlButtonProps {
  readonly label: string;
  readonly position: 'first' | 'last' | 'only';
  readonly radius: string;
  readonly looks: ReturnType<typeof buttonLooks>;
  readonly onClick: () => void;
  readonly children: React.ReactNode;
}

/** One button of the group; it tracks hover itself because inline styles cannot express `:hover`. */
function ControlButton({ label, position, radius, looks, onClick, children }: ControlButtonProps): JSX.Element {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const look = hovered ? looks.hover : looks.rest;
  const roundStart = position === 'first' || position === 'only';
  const roundEnd = position === 'last' || position === 'only';
  // The name is the visible text (WCAG 2.5.3, label in name), or the title when only the icon shows; the longer
  // title is the tooltip and the description.
  return (
    <button
      type="button"
      title={label}
      onClick={onClick}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      style={{
        ...buttonBaseStyle,
        marginLeft: roundStart ? 0 : '-1px',
        // The hovered or focused button's border and focus ring are drawn over its neighbor's shared edge.
        zIndex: hovered || focused ? 1 : undefined,
        borderRadius: `${roundStart ? radius : 0} ${roundEnd ? radius : 0} ${roundEnd ? radius : 0} ${roundStart ? radius : 0}`,
        backgroundColor: look.background,
        color: look.text,
        borderColor: look.border,
      }}
    >
      {children}
    </button>
  );
}

/**
 * Width of the header row (Flex's name and status, our group, the Complete/End button) below which the toggle shows
 * its icon alone. Flex's default layout gives the task canvas a quarter to a third of the window: the header is ~610 px
 * wide on a 1920 px screen but ~290-350 px on 1280-1400 px ones, where the text labels would squeeze Flex's name and
 * status to nothing.
 * 440 px leaves that status line (~130 px) room next to the full labels (~200 px) and the button (~100 px).
 */
export const COMPACT_BELOW_PX = 440;

/** Whether the parent row of `ref` is narrower than COMPACT_BELOW_PX, following its resizes. */
function useCompactRow(ref: React.RefObject<HTMLElement>): boolean {
  const [compact, setCompact] = useState(false);
  useLayoutEffect(() => {
    const row = ref.current?.parentElement;
    // No ResizeObserver (an old browser, jsdom): keep the full labels.
    if (row === null || row === undefined || typeof ResizeObserver === 'undefined') return undefined;
    const update = (): void => setCompact(row.clientWidth < COMPACT_BELOW_PX);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(row);
    return () => observer.disconnect();
  }, [ref]);
  return compact;
}

interface ControlGroupProps {
  readonly paused: boolean;
  /** What the extend button gives; 0 when the policy gives no extension, and the button is left out. */
  readonly extensionMs: number;
  readonly strings: AgentStrings | undefined;
  readonly theme: TimerTheme | undefined;
  /** Invokes one of the plugin's timer actions. */
  readonly run: (action: TimerActionName) => void;
}

/** The buttons, mounted only while the timer is adjustable, so its size tracking starts with the group itself. */
function ControlGroup({ paused, extensionMs, strings, theme, run }: ControlGroupProps): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const compact = useCompactRow(ref);
  const looks = buttonLooks(theme);
  const radius = tokenOf(theme, 'radii', 'borderRadius20', '4px');
  const hasExtend = extensionMs > 0;
  return (
    <div ref={ref} style={groupStyle} data-compact={compact}>
      <ControlButton
        label={stringOf(strings, paused ? InactivityString.ControlResume : InactivityString.ControlPause)}
        position={hasExtend ? 'first' : 'only'}
        radius={radius}
        looks={looks}
        onClick={() => run(paused ? TimerActionName.Resume : TimerActionName.Pause)}
      >
        <TimerIcon name={paused ? 'play' : 'pause'} />
        {!compact && (
          <span>
            {stringOf(strings, paused ? InactivityString.ControlResumeLabel : InactivityString.ControlPauseLabel)}
          </span>
        )}
      </ControlButton>
      {hasExtend && (
        <ControlButton
          label={fillTemplate(stringOf(strings, InactivityString.ControlExtend), {
            extension: remainingInWords(extensionMs),
          })}
          position="last"
          radius={radius}
          looks={looks}
          onClick={() => run(TimerActionName.Extend)}
        >
          {shortExtension(extensionMs)}
        </ControlButton>
      )}
    </div>
  );
}

/** Pause/Resume and "+N min" for the selected task's inactivity timer, through the plugin's Flex actions. */
export function TimerControls({
  task,
  nowSource,
  extendMs,
  invoke,
  strings,
  theme,
}: TimerControlsProps): JSX.Element | null {
  const conversationSid = conversationSidOf(task);
  // Only the phase matters here: the controls re-render on phase changes, not on every second.
  const phase = useTimerView(conversationSid ?? '', nowSource, phaseAt, Object.is).view;
  if (task === undefined || conversationSid === undefined || !isAdjustable(phase)) return null;

  const run = (action: TimerActionName): void => {
    const fail = (error: unknown): void => console.error(`[inactivity] ${action} failed for ${conversationSid}`, error);
    try {
      invoke(action, { conversationSid }).catch(fail);
    } catch (error) {
      fail(error);
    }
  };
  return (
    <ControlGroup paused={phase === 'paused'} extensionMs={extendMs(task)} strings={strings} theme={theme} run={run} />
  );
}
