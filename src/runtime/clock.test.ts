import { systemClock } from './clock';

describe('runtime/clock', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('reads Date.now at call time, so fake timers installed after import are honoured', () => {
    jest.useFakeTimers('modern');
    jest.setSystemTime(1_234_567);
    expect(systemClock.now()).toBe(1_234_567);
  });

  it('schedules and cancels timeouts through the current global timers', () => {
    jest.useFakeTimers('modern');
    const fired = jest.fn();
    const cancelled = jest.fn();
    systemClock.setTimeout(fired, 100);
    systemClock.clearTimeout(systemClock.setTimeout(cancelled, 100));
    jest.advanceTimersByTime(99);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('repeats intervals until cleared', () => {
    jest.useFakeTimers('modern');
    const tick = jest.fn();
    const handle = systemClock.setInterval(tick, 50);
    jest.advanceTimersByTime(150);
    expect(tick).toHaveBeenCalledTimes(3);
    systemClock.clearInterval(handle);
    jest.advanceTimersByTime(500);
    expect(tick).toHaveBeenCalledTimes(3);
    expect(jest.getTimerCount()).toBe(0);
  });
});
