import { SKEW_WINDOW, createClockSkew, estimateOffset, latestInstantOf } from './clockSkew';

describe('core/clockSkew', () => {
  it('counts a server time as now while nothing is known: never earlier than a correct clock would', () => {
    const skew = createClockSkew();
    expect(skew.offsetMs()).toBeNull();
    expect(skew.localTimeOf(1_000, 500_000)).toBe(500_000);
  });

  it('keeps the lowest receive bound: the least network delay seen', () => {
    const skew = createClockSkew();
    skew.observeReceived(300_500, 200); // PC 5 min ahead, 300 ms in transit
    skew.observeReceived(300_700, 600); // 100 ms in transit: a tighter bound
    skew.observeReceived(301_900, 1_000); // 900 ms in transit: looser, ignored
    expect(skew.offsetMs()).toBe(300_100);
    expect(skew.localTimeOf(5_000, 1_000_000)).toBe(305_100);
  });

  it("gives Twilio's time of a local instant by the estimate, the local instant itself while nothing is known", () => {
    const skew = createClockSkew();
    expect(skew.serverTimeOf(1_000_000)).toBe(1_000_000);
    skew.observeReceived(300_100, 0); // PC 5 min ahead, 100 ms in transit
    expect(skew.serverTimeOf(1_000_000)).toBe(699_900);
  });

  it('never places a server time in the future', () => {
    const skew = createClockSkew();
    skew.observeReceived(300_100, 0);
    expect(skew.localTimeOf(10_000, 305_000)).toBe(305_000);
  });

  it('starts from a remembered estimate and replaces it with what this page observes', () => {
    const remembered: number[] = [];
    const skew = createClockSkew({ initialOffsetMs: 300_000 });
    skew.onEstimateChanged((offset) => remembered.push(offset));
    expect(skew.localTimeOf(0, 1_000_000)).toBe(300_000);
    skew.observeReceived(10_050, 10_000); // the clock was fixed meanwhile
    expect(skew.offsetMs()).toBe(50);
    expect(remembered).toEqual([50]);
  });

  it('tells each subscriber every new estimate, and nothing after it unsubscribes', () => {
    const skew = createClockSkew();
    const heard: number[] = [];
    const unsubscribe = skew.onEstimateChanged((offset) => heard.push(offset));
    skew.observeReceived(10_400, 10_000);
    skew.observeReceived(20_500, 20_000); // a higher bound: the estimate stays, nobody is told
    skew.observeReceived(30_100, 30_000);
    unsubscribe();
    skew.observeReceived(40_050, 40_000);
    expect(heard).toEqual([400, 100]);
  });

  it('drops a bound far below the others: one timestamp hours in the future does not drag the estimate', () => {
    const skew = createClockSkew();
    [1_000, 2_000, 3_000].forEach((at) => skew.observeReceived(at + 200, at));
    skew.observeReceived(4_000, 4_000 + 3 * 3_600_000);
    expect(skew.offsetMs()).toBe(200);
  });

  it('with two disagreeing bounds, keeps the higher one: erring late only gives the customer more time', () => {
    expect(estimateOffset([300_000, 300_000 - 2 * 3_600_000])).toBe(300_000);
    expect(estimateOffset([300_500, 300_100])).toBe(300_100);
  });

  it('follows a corrected PC clock once old bounds leave the window (the estimate may rise)', () => {
    const skew = createClockSkew();
    for (let i = 0; i < SKEW_WINDOW; i += 1) skew.observeReceived(i * 1_000 + 100, i * 1_000);
    expect(skew.offsetMs()).toBe(100);
    for (let i = 0; i < SKEW_WINDOW; i += 1) skew.observeReceived(i * 1_000 + 300_100, i * 1_000);
    expect(skew.offsetMs()).toBe(300_100);
  });

  describe('latestInstantOf', () => {
    it('reads a whole-second stamp as the last millisecond of its second', () => {
      expect(latestInstantOf(Date.parse('2026-12-04T10:15:00Z'))).toBe(Date.parse('2026-12-04T10:15:00.999Z'));
    });

    it('keeps a stamp with milliseconds as it is', () => {
      expect(latestInstantOf(Date.parse('2026-12-04T10:15:00.001Z'))).toBe(Date.parse('2026-12-04T10:15:00.001Z'));
      expect(latestInstantOf(Date.parse('2026-12-04T10:15:00.999Z'))).toBe(Date.parse('2026-12-04T10:15:00.999Z'));
    });
  });
});
