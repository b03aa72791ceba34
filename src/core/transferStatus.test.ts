import { transferStatusOf } from './transferStatus';

// A reservation TaskRouter stamped 2026-12-05T10:00:00Z (whole seconds): it was created within [R, R + 1 s).
const R = Date.parse('2026-12-05T10:00:00Z');
const at = (offsetMs: number): Date => new Date(R + offsetMs);

describe('core/transferStatus', () => {
  it('reads the Interactions statuses of the newest transfer, in any case', () => {
    expect(transferStatusOf([{ status: 'active', dateCreated: at(5_000) }], R)).toBe('pending');
    expect(transferStatusOf([{ status: 'ACTIVE' }], R)).toBe('pending');
    expect(transferStatusOf([{ status: 'failed' }], R)).toBe('failed');
    expect(transferStatusOf([{ status: 'completed' }], R)).toBe('completed');
  });

  it('goes by creation time, not list order: an old failure does not hide the transfer under way', () => {
    const list = [
      { status: 'active', dateCreated: new Date('2026-12-05T10:05:00Z') },
      { status: 'failed', dateCreated: '2026-12-05T10:01:00Z' },
    ];
    expect(transferStatusOf(list, R)).toBe('pending');
    expect(transferStatusOf([...list].reverse(), R)).toBe('pending');
  });

  it('takes the last listed among transfers without a readable time', () => {
    expect(transferStatusOf([{ status: 'failed' }, { status: 'active', dateCreated: 'not a date' }], R)).toBe(
      'pending',
    );
    expect(transferStatusOf([{ status: 'active' }, { status: 'completed', dateCreated: null }], R)).toBe('completed');
  });

  it('is none for an empty, missing or unreadable list, and for statuses it does not know', () => {
    expect(transferStatusOf([], R)).toBe('none');
    expect(transferStatusOf(undefined, R)).toBe('none');
    expect(transferStatusOf('active', R)).toBe('none');
    expect(transferStatusOf([null, 3, { sid: 'TR1' }], R)).toBe('none');
    expect(transferStatusOf([{ status: 'queued' }], R)).toBe('none');
  });
});

describe('core/transferStatus: only transfers of the reservation count', () => {
  it('ignores a transfer created before the reservation: the one that brought the chat here', () => {
    expect(transferStatusOf([{ status: 'completed', dateCreated: at(-60_000) }], R)).toBe('none');
    expect(transferStatusOf([{ status: 'active', dateCreated: at(-1) }], R)).toBe('none');
  });

  it("ignores one stamped in the reservation's own second, counts one stamped a second later", () => {
    expect(transferStatusOf([{ status: 'active', dateCreated: at(0) }], R)).toBe('none');
    expect(transferStatusOf([{ status: 'active', dateCreated: at(999) }], R)).toBe('none');
    expect(transferStatusOf([{ status: 'active', dateCreated: at(1_000) }], R)).toBe('pending');
    // The same boundary whichever shape Flex hands the date in.
    expect(transferStatusOf([{ status: 'active', dateCreated: '2026-12-05T10:00:00Z' }], R)).toBe('none');
    expect(transferStatusOf([{ status: 'active', dateCreated: '2026-12-05T10:00:01Z' }], R)).toBe('pending');
    expect(transferStatusOf([{ status: 'active', dateCreated: R + 1_000 }], R)).toBe('pending');
  });

  it('takes a reservation stamped to the millisecond as exact', () => {
    expect(transferStatusOf([{ status: 'active', dateCreated: at(250) }], R + 250)).toBe('none');
    expect(transferStatusOf([{ status: 'active', dateCreated: at(251) }], R + 250)).toBe('pending');
  });

  it('takes the newest of the reservation, however new the earlier ones are in the list', () => {
    const received = { status: 'completed', dateCreated: at(-30_000) };
    const own = { status: 'active', dateCreated: at(40_000) };
    expect(transferStatusOf([received, own], R)).toBe('pending');
    expect(transferStatusOf([own, received], R)).toBe('pending');
    // Routed back to the same agent: the earlier reservation's transfer, still listed active, is not this one's.
    expect(transferStatusOf([received, own], R + 60_000)).toBe('none');
  });

  it('counts a transfer without a readable creation time, whenever the reservation was created', () => {
    expect(transferStatusOf([{ status: 'active' }], R)).toBe('pending');
    expect(transferStatusOf([{ status: 'completed', dateCreated: null }], R)).toBe('completed');
    expect(transferStatusOf([{ status: 'active', dateCreated: at(-60_000) }, { status: 'failed' }], R)).toBe('failed');
  });

  it('counts every transfer when the reservation creation time is unknown', () => {
    const received = [{ status: 'completed', dateCreated: at(-60_000) }];
    expect(transferStatusOf(received, undefined)).toBe('completed');
    expect(transferStatusOf(received, NaN)).toBe('completed');
  });
});
