/** @jest-environment node */
import { CliError } from './cliError';
import { parseConfigFile } from './configFile';
import { ExitCode } from './exitCodes';

describe('parseConfigFile', () => {
  it('reads the bare customerInactivity object', () => {
    expect(parseConfigFile('{"timer_sec": 60}', 'c.json')).toEqual({ inactivity: { timer_sec: 60 }, ignoredKeys: [] });
  });

  it('unwraps {"customerInactivity": ...} and lists the keys it ignores', () => {
    const text = '{"colorTheme": {}, "customerInactivity": {"timer_sec": 60}, "other": 1}';
    expect(parseConfigFile(text, 'c.json')).toEqual({
      inactivity: { timer_sec: 60 },
      ignoredKeys: ['colorTheme', 'other'],
    });
  });

  it('keeps non-object JSON for the validator to report', () => {
    expect(parseConfigFile('null', 'c.json').inactivity).toBeNull();
    expect(parseConfigFile('{"customerInactivity": "x"}', 'c.json').inactivity).toBe('x');
  });

  it('accepts a byte order mark', () => {
    expect(parseConfigFile('\uFEFF{"timer_sec": 60}', 'c.json').inactivity).toEqual({ timer_sec: 60 });
  });

  it('rejects text that is not JSON with the invalid-config exit code', () => {
    const parse = () => parseConfigFile('{"timer_sec": 60,}', 'c.json');
    expect(parse).toThrow(CliError);
    expect(parse).toThrow(/^c\.json is not valid JSON \(.+\); nothing was checked\.$/);
    try {
      parse();
    } catch (error) {
      expect((error as CliError).exitCode).toBe(ExitCode.InvalidConfig);
    }
  });
});
