import { createClockSkew } from './clockSkew';

describe('core/clockSkew', () => {
  it('assumes the clocks agree before any observation', () => {
    const skew = createClockSkew();
    expect(skew.offsetMs()).toBeNull();
    expect(skew.toLocal(1_000)).toBe(1_000);
  });

  it('keeps the smallest receive bound: the least network delay seen', () => {
    const skew = createClockSkew();
    skew.observeReceived(300_500, 200); // PC 5 min ahead, 300 ms in transit
    skew.observeReceived(300_700, 600); // 100 ms in transit: a tighter bound
    skew.observeReceived(301_900, 1_000); // 900 ms in transit: looser, ignored
    expect(skew.offsetMs()).toBe(300_100);
    expect(skew.toLocal(5_000)).toBe(305_100);
  });

  it('starts from a remembered estimate and replaces it with its first observation', () => {
    const remembered: number[] = [];
    const skew = createClockSkew({ initialOffsetMs: 300_000, onEstimate: (offset) => remembered.push(offset) });
    expect(skew.toLocal(0)).toBe(300_000);
    skew.observeReceived(10_050, 10_000); // the clock was fixed meanwhile
    expect(skew.offsetMs()).toBe(50);
    expect(remembered).toEqual([50]);
  });
});
