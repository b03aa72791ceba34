import { arrayOf, byKind, count, objectOf, oneOf, optional, orNull, sid, time } from './jsonShapes';

describe('state/jsonShapes', () => {
  const moment = objectOf<{ at: number; index?: number }>({ at: time, index: optional(count) });

  it('copies exactly the named fields, leaving out an absent optional one', () => {
    expect(moment({ at: 5, index: 2, body: 'hello' })).toEqual({ at: 5, index: 2 });
    const copy = moment({ at: 5 });
    expect(copy).toEqual({ at: 5 });
    expect(copy !== undefined && 'index' in copy).toBe(false);
  });

  it.each<[string, unknown]>([
    ['a missing required field', { index: 2 }],
    ['an optional field of the wrong type', { at: 5, index: -1 }],
    ['a negative time', { at: -1 }],
    ['NaN', { at: Number.NaN }],
    ['an array', [5]],
    ['null', null],
  ])('refuses %s', (_case, value) => {
    expect(moment(value)).toBeUndefined();
  });

  it('takes null where allowed, and one of the named strings only', () => {
    const shape = objectOf<{ owner: string | null; state: 'a' | 'b' }>({ owner: orNull(sid), state: oneOf('a', 'b') });
    expect(shape({ owner: null, state: 'b' })).toEqual({ owner: null, state: 'b' });
    expect(shape({ owner: '', state: 'a' })).toBeUndefined();
    expect(shape({ owner: 'WR1', state: 'c' })).toBeUndefined();
  });

  it('refuses an array with one bad item', () => {
    expect(arrayOf(count)([1, 2, 3])).toEqual([1, 2, 3]);
    expect(arrayOf(count)([1, 'two', 3])).toBeUndefined();
  });

  it('tells variants apart by kind, refusing an unknown or inherited kind', () => {
    type Phase = { kind: 'idle' } | { kind: 'counting'; deadlineAt: number };
    const phase = byKind<Phase>({
      idle: objectOf({ kind: oneOf('idle') }),
      counting: objectOf({ kind: oneOf('counting'), deadlineAt: time }),
    });
    expect(phase({ kind: 'counting', deadlineAt: 3, warned: true })).toEqual({ kind: 'counting', deadlineAt: 3 });
    expect(phase({ kind: 'counting' })).toBeUndefined();
    expect(phase({ kind: 'paused' })).toBeUndefined();
    expect(phase({ kind: 'toString' })).toBeUndefined();
  });
});
