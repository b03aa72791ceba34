/**
 * The strings moved to `src/strings/inactivityStrings.ts`, outside `flex/`, so the components can use them without
 * importing the Flex wiring that imports the components. Kept so existing imports of this path keep working.
 */
export { englishStrings, InactivityString, registerStrings } from '../strings/inactivityStrings';
export type { StringTable } from '../strings/inactivityStrings';
