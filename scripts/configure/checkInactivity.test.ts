/** @jest-environment node */
import { parseInactivityConfig } from '../../src/config/parseInactivityConfig';
import { checkInactivity } from './checkInactivity';
import { sameJson } from './jsonValue';

describe('checkInactivity', () => {
  it('accepts a valid configuration', () => {
    const raw = { timer_sec: 60, warning_sec: 15 };
    expect(checkInactivity(raw)).toEqual({
      hasErrors: false,
      problemCount: 0,
      report: 'No problems found.',
      config: parseInactivityConfig(raw).config,
    });
  });

  it("lists every problem in the plugin's own words, errors first", () => {
    const check = checkInactivity({ timer_secs: 60, timer_sec: '35', start_on: 'never' });
    expect(check.hasErrors).toBe(true);
    expect(check.problemCount).toBe(3);
    expect(check.report.split('\n')).toEqual([
      '2 errors, 1 notice:',
      '[error] customerInactivity.timer_sec ("35") must be a number of seconds, got a string; using the default 300.',
      expect.stringMatching(/^\[error\] customerInactivity\.start_on \("never"\) must be/) as string,
      expect.stringMatching(/^\[notice\] customerInactivity\.timer_secs is not a known key/) as string,
    ]);
  });

  it('treats notices alone as valid', () => {
    expect(checkInactivity(undefined)).toMatchObject({ hasErrors: false, problemCount: 1 });
  });
});

describe('sameJson', () => {
  it('ignores key order but not values or array order', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
  });
});
