import type { InactivityString } from '../flex/strings';
import { englishStrings } from '../flex/strings';

/** The agent-facing strings: `manager.strings` in Flex, absent in tests. */
export type AgentStrings = Readonly<Record<string, string>>;

/** A string by id from `strings` (an admin's wording or a translation), else its English default. */
export function stringOf(strings: AgentStrings | undefined, id: InactivityString): string {
  return strings?.[id] ?? englishStrings[id];
}

/**
 * Visible labels of the header buttons, kept short because the task canvas header is narrow. The buttons' accessible
 * names stay the full InactivityString texts (ControlPause, ControlResume, ControlExtend). The ids share our prefix,
 * so `manager.strings` can reword or translate these like any other of our strings.
 */
export enum ControlLabel {
  Pause = 'InactivityControlPauseLabel',
  Resume = 'InactivityControlResumeLabel',
}

const controlLabelDefaults: Readonly<Record<ControlLabel, string>> = {
  [ControlLabel.Pause]: 'Pause timer',
  [ControlLabel.Resume]: 'Resume timer',
};

/** A button label by id from `strings`, else its English default. */
export function controlLabelOf(strings: AgentStrings | undefined, id: ControlLabel): string {
  return strings?.[id] ?? controlLabelDefaults[id];
}
