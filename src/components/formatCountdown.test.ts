import { formatCountdown } from './formatCountdown';

describe('components/formatCountdown', () => {
  it.each([
    [0, '0:00'],
    [1, '0:01'],
    [999, '0:01'],
    [1_000, '0:01'],
    [1_001, '0:02'],
    [15_000, '0:15'],
    [15_999, '0:16'],
    [59_999, '1:00'],
    [60_000, '1:00'],
    [725_000, '12:05'],
    [3_599_000, '59:59'],
    [3_599_001, '1:00:00'],
    [3_600_000, '1:00:00'],
    [3_661_000, '1:01:01'],
    [36_000_000, '10:00:00'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });

  it.each([[-1], [-60_000], [Number.NaN], [Number.POSITIVE_INFINITY]])('%p reads 0:00', (ms) => {
    expect(formatCountdown(ms)).toBe('0:00');
  });
});
