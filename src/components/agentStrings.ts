import type { InactivityString } from '../strings/inactivityStrings';
import { englishStrings } from '../strings/inactivityStrings';

/** The agent-facing strings: `manager.strings` in Flex, absent in tests. */
export type AgentStrings = Readonly<Record<string, string>>;

/** A string by id from `strings` (an admin's wording or a translation), else its English default. */
export function stringOf(strings: AgentStrings | undefined, id: InactivityString): string {
  return strings?.[id] ?? englishStrings[id];
}
