import { ReplayEmitter } from './emitter';

type TestEvents = {
  ping: (value: number) => void;
  pair: (left: string, right: string) => void;
};

describe('ReplayEmitter', () => {
  it('calls listeners in registration order with the emitter as `this`, and reports whether anyone listened', () => {
    const emitter = new ReplayEmitter<TestEvents>();
    const calls: string[] = [];
    const second = jest.fn((left: string) => calls.push(`b:${left}`));
    emitter.on('pair', (left, right) => calls.push(`a:${left}${right}`));
    emitter.addListener('pair', second);
    emitter.prependListener('pair', () => calls.push('first'));
    expect(emitter.emit('pair', 'x', 'y')).toBe(true);
    expect(emitter.emit('ping', 1)).toBe(false);
    expect(calls).toEqual(['first', 'a:xy', 'b:x']);
    expect(second.mock.instances[0]).toBe(emitter);
    expect(emitter.listenerCount('pair')).toBe(3);
    expect(emitter.eventNames()).toEqual(['pair']);
  });

  it('removes the most recent registration of a listener, like Node', () => {
    const emitter = new ReplayEmitter<TestEvents>();
    const listener = jest.fn();
    emitter.on('ping', listener);
    emitter.on('ping', listener);
    emitter.removeListener('ping', listener);
    emitter.emit('ping', 1);
    expect(listener).toHaveBeenCalledTimes(1);
    emitter.off('ping', listener);
    emitter.emit('ping', 2);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('runs once-listeners once, even when the listener emits again', () => {
    const emitter = new ReplayEmitter<TestEvents>();
    const listener = jest.fn((value: number) => {
      if (value === 1) emitter.emit('ping', 2);
    });
    emitter.once('ping', listener);
    emitter.emit('ping', 1);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('does not let a listener added or removed during emit change that round', () => {
    const emitter = new ReplayEmitter<TestEvents>();
    const late = jest.fn();
    const second = jest.fn();
    emitter.on('ping', () => {
      emitter.on('ping', late);
      emitter.removeListener('ping', second);
    });
    emitter.on('ping', second);
    emitter.emit('ping', 1);
    expect(late).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('propagates a listener exception to the emitter, as Node does', () => {
    const emitter = new ReplayEmitter<TestEvents>();
    emitter.on('ping', () => {
      throw new Error('boom');
    });
    expect(() => emitter.emit('ping', 1)).toThrow('boom');
  });

  it('removes all listeners of one event or of all events', () => {
    const emitter = new ReplayEmitter<TestEvents>();
    const ping = jest.fn();
    const pair = jest.fn();
    emitter.on('ping', ping);
    emitter.on('pair', pair);
    emitter.removeAllListeners('ping');
    emitter.emit('ping', 1);
    emitter.emit('pair', 'a', 'b');
    expect(ping).not.toHaveBeenCalled();
    expect(pair).toHaveBeenCalledTimes(1);
    emitter.removeAllListeners();
    emitter.emit('pair', 'a', 'b');
    expect(pair).toHaveBeenCalledTimes(1);
  });

  it('replays the latest emission to *WithReplay listeners', () => {
    const emitter = new ReplayEmitter<TestEvents>();
    const before = jest.fn();
    emitter.onceWithReplay('ping', before);
    emitter.emit('ping', 1);
    emitter.emit('ping', 2);
    expect(before).toHaveBeenCalledTimes(1);

    const replayed = jest.fn();
    emitter.onWithReplay('ping', replayed);
    expect(replayed).toHaveBeenCalledWith(2);
    emitter.emit('ping', 3);
    expect(replayed).toHaveBeenLastCalledWith(3);

    const onceReplayed = jest.fn();
    emitter.onceWithReplay('ping', onceReplayed);
    emitter.emit('ping', 4);
    expect(onceReplayed).toHaveBeenCalledTimes(1);
    expect(onceReplayed).toHaveBeenCalledWith(3);
  });
});
