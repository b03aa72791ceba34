import { FakeClock } from './fakeClock';

describe('runtime/testing/fakeClock', () => {
  it('starts at the given time and stays there until advanced', () => {
    const clock = new FakeClock(1_000);
    expect(clock.now()).toBe(1_000);
    clock.advance(250);
    expect(clock.now()).toBe(1_250);
    clock.advanceTo(5_000);
    expect(clock.now()).toBe(5_000);
  });

  it('fires a timeout at its exact due time, not a millisecond before', () => {
    const clock = new FakeClock();
    const seenAt: number[] = [];
    clock.setTimeout(() => seenAt.push(clock.now()), 20_000);
    clock.advanceTo(19_999);
    expect(seenAt).toEqual([]);
    clock.advanceTo(25_000);
    expect(seenAt).toEqual([20_000]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('fires due callbacks in deadline order, each seeing its own due time as now()', () => {
    const clock = new FakeClock();
    const log: string[] = [];
    clock.setTimeout(() => log.push(`late@${clock.now()}`), 300);
    clock.setInterval(() => log.push(`every@${clock.now()}`), 100);
    clock.setTimeout(() => log.push(`early@${clock.now()}`), 150);
    clock.advance(300);
    expect(log).toEqual(['every@100', 'early@150', 'every@200', 'late@300', 'every@300']);
  });

  it('fires callbacks due at the same moment in the order they were scheduled', () => {
    const clock = new FakeClock();
    const log: string[] = [];
    clock.setTimeout(() => log.push('first'), 10);
    clock.setTimeout(() => log.push('second'), 10);
    clock.advance(10);
    expect(log).toEqual(['first', 'second']);
  });

  it('orders a repeating interval by when it was last rescheduled, not when it was first created', () => {
    const clock = new FakeClock();
    const log: string[] = [];
    clock.setInterval(() => log.push(`every@${clock.now()}`), 100);
    clock.setTimeout(() => log.push(`once@${clock.now()}`), 200);
    clock.advance(200);
    expect(log).toEqual(['every@100', 'once@200', 'every@200']);
  });

  it('fires timers scheduled by a callback when they fall due within the same advance', () => {
    const clock = new FakeClock();
    const seenAt: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => seenAt.push(clock.now()), 50), 100);
    clock.advance(200);
    expect(seenAt).toEqual([150]);
  });

  it('lets an interval clear itself from its own callback', () => {
    const clock = new FakeClock();
    let calls = 0;
    const handle = clock.setInterval(() => {
      calls += 1;
      if (calls === 2) clock.clearInterval(handle);
    }, 10);
    clock.advance(100);
    expect(calls).toBe(2);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('counts pending timers and intervals, and forgets cleared ones', () => {
    const clock = new FakeClock();
    const timeout = clock.setTimeout(() => undefined, 10);
    const interval = clock.setInterval(() => undefined, 10);
    expect(clock.pendingTimers()).toBe(2);
    clock.clearTimeout(timeout);
    clock.clearInterval(interval);
    clock.clearInterval('not a handle');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('does not fire a cleared timeout', () => {
    const clock = new FakeClock();
    const callback = jest.fn();
    clock.clearTimeout(clock.setTimeout(callback, 10));
    clock.advance(100);
    expect(callback).not.toHaveBeenCalled();
  });

  it('treats negative and NaN delays as 0, firing on the next advance', () => {
    const clock = new FakeClock(500);
    const seenAt: number[] = [];
    clock.setTimeout(() => seenAt.push(clock.now()), -5);
    clock.setTimeout(() => seenAt.push(clock.now()), Number.NaN);
    clock.advance(0);
    expect(seenAt).toEqual([500, 500]);
  });

  it('refuses to go back in time', () => {
    const clock = new FakeClock(1_000);
    expect(() => clock.advanceTo(999)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(clock.now()).toBe(1_000);
  });
});
