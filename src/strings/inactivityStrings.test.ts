import type { StringTable } from './inactivityStrings';
import { englishStrings, InactivityString, registerStrings } from './inactivityStrings';

/** Flex's string table with one of Flex's own strings in it. */
function flexStrings(extra: StringTable = {}): StringTable {
  return { TaskHeaderLine: '{{task.defaultFrom}}', ...extra };
}

describe('strings/inactivityStrings', () => {
  it('adds every missing string with its English default', () => {
    const strings = flexStrings();
    registerStrings(strings);
    for (const id of Object.values(InactivityString)) expect(strings[id]).toBe(englishStrings[id]);
  });

  it("never overwrites a text that is already there (a translation or an admin's wording)", () => {
    const strings = flexStrings({
      [InactivityString.BadgeLabel]: 'Inactividad: quedan {{remaining}}',
      [InactivityString.ControlPause]: '',
    });
    registerStrings(strings);
    expect(strings[InactivityString.BadgeLabel]).toBe('Inactividad: quedan {{remaining}}');
    expect(strings[InactivityString.ControlPause]).toBe('');
    expect(strings[InactivityString.ControlResume]).toBe(englishStrings[InactivityString.ControlResume]);
  });

  it("leaves Flex's own strings alone and adds only prefixed keys", () => {
    const strings = flexStrings();
    registerStrings(strings);
    expect(strings.TaskHeaderLine).toBe('{{task.defaultFrom}}');
    const added = Object.keys(strings).filter((key) => key !== 'TaskHeaderLine');
    expect(added).toHaveLength(Object.keys(InactivityString).length);
    expect(added.every((key) => key.startsWith('Inactivity'))).toBe(true);
  });

  it("registers the buttons' short visible labels under the ids they always had, so existing rewordings apply", () => {
    const strings = flexStrings({ InactivityControlPauseLabel: 'Pausar' });
    registerStrings(strings);
    expect(strings.InactivityControlPauseLabel).toBe('Pausar');
    expect(strings.InactivityControlResumeLabel).toBe('Resume timer');
  });

  it('is idempotent', () => {
    const once = flexStrings();
    registerStrings(once);
    const twice = { ...once };
    registerStrings(twice);
    expect(twice).toEqual(once);
  });
});
