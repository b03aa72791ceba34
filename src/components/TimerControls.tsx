import type { ITask } from '@twilio/flex-ui';
import React from 'react';

import type { TimerPhase } from '../core/phase';
import { phaseAt } from '../core/phase';
import { remainingInWords } from '../core/remainingInWords';
import { InactivityString } from '../flex/strings';
import { TimerActionName } from '../flex/timerActions';
import type { TimerActionPayload } from '../flex/timerActions';
import type { NowSource } from '../runtime/ticker';
import type { AgentStrings } from './agentStrings';
import { stringOf } from './agentStrings';
import { fillTemplate } from './fillTemplate';
import { conversationSidOf } from './taskConversation';
import { useTimerView } from './useTimerView';

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
}

function samePhase(shown: TimerPhase, next: TimerPhase): boolean {
  return shown === next;
}

/** The agent can pause, resume or extend only a countdown that exists and is not over. */
function isAdjustable(phase: TimerPhase | null): phase is 'counting' | 'warned' | 'paused' {
  return phase === 'counting' || phase === 'warned' || phase === 'paused';
}

/** "+5 min", or "+30 s" for extensions under a minute. */
function shortExtension(ms: number): string {
  return ms >= 60_000 ? `+${Math.round(ms / 60_000)} min` : `+${Math.ceil(ms / 1000)} s`;
}

const buttonStyle: React.CSSProperties = {
  font: 'inherit',
  fontSize: '0.75rem',
  lineHeight: 1.5,
  padding: '0 0.5em',
  border: '1px solid currentColor',
  borderRadius: '4px',
  background: 'transparent',
  color: 'inherit',
  cursor: 'pointer',
};

/** Pause/Resume and "+N min" for the selected task's inactivity timer, through the plugin's Flex actions. */
export function TimerControls({ task, nowSource, extendMs, invoke, strings }: TimerControlsProps): JSX.Element | null {
  const conversationSid = conversationSidOf(task);
  // Only the phase matters here: the controls re-render on phase changes, not on every second.
  const phase = useTimerView(conversationSid ?? '', nowSource, phaseAt, samePhase);
  if (task === undefined || conversationSid === undefined || !isAdjustable(phase)) return null;

  const run = (action: string): void => {
    const fail = (error: unknown): void => console.error(`[inactivity] ${action} failed for ${conversationSid}`, error);
    try {
      invoke(action, { conversationSid }).catch(fail);
    } catch (error) {
      fail(error);
    }
  };
  const paused = phase === 'paused';
  const toggleLabel = stringOf(strings, paused ? InactivityString.ControlResume : InactivityString.ControlPause);
  const extensionMs = extendMs(task);
  const extendLabel = fillTemplate(stringOf(strings, InactivityString.ControlExtend), {
    extension: remainingInWords(extensionMs),
  });

  return (
    <span style={{ display: 'inline-flex', gap: '0.25em' }}>
      <button
        type="button"
        style={buttonStyle}
        aria-label={toggleLabel}
        title={toggleLabel}
        onClick={() => run(paused ? TimerActionName.Resume : TimerActionName.Pause)}
      >
        <span aria-hidden="true">{paused ? '▶' : '⏸'}</span>
      </button>
      {extensionMs > 0 && (
        <button
          type="button"
          style={buttonStyle}
          aria-label={extendLabel}
          title={extendLabel}
          onClick={() => run(TimerActionName.Extend)}
        >
          {shortExtension(extensionMs)}
        </button>
      )}
    </span>
  );
}
