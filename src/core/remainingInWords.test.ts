import { remainingInWords } from './remainingInWords';

describe('core/remainingInWords', () => {
  it.each([
    [0, '1 second'],
    [1, '1 second'],
    [1_000, '1 second'],
    [1_001, '2 seconds'],
    [15_000, '15 seconds'],
    [59_999, '60 seconds'],
    [60_000, '1 minute'],
    [61_000, '1 minute'],
    [90_000, '2 minutes'],
    [120_000, '2 minutes'],
    [3_600_000, '1 hour'],
    [5_400_000, '1 hour 30 minutes'],
    [7_260_000, '2 hours 1 minute'],
    [-5, '1 second'],
    [Number.NaN, '1 second'],
  ])('%d ms reads "%s"', (ms, words) => {
    expect(remainingInWords(ms)).toBe(words);
  });
});
