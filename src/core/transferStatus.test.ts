import { transferStatusOf } from './transferStatus';

describe('core/transferStatus', () => {
  it('reads the Interactions statuses of the newest transfer, in any case', () => {
    expect(transferStatusOf([{ status: 'active', dateCreated: new Date(1_000) }])).toBe('pending');
    expect(transferStatusOf([{ status: 'ACTIVE' }])).toBe('pending');
    expect(transferStatusOf([{ status: 'failed' }])).toBe('failed');
    expect(transferStatusOf([{ status: 'completed' }])).toBe('completed');
  });

  it('goes by creation time, not list order: an old failure does not hide the transfer under way', () => {
    const list = [
      { status: 'active', dateCreated: new Date('2026-12-05T10:05:00Z') },
      { status: 'failed', dateCreated: '2026-12-05T10:00:00Z' },
    ];
    expect(transferStatusOf(list)).toBe('pending');
    expect(transferStatusOf([...list].reverse())).toBe('pending');
  });

  it('takes the last listed among transfers without a readable time', () => {
    expect(transferStatusOf([{ status: 'failed' }, { status: 'active', dateCreated: 'not a date' }])).toBe('pending');
    expect(transferStatusOf([{ status: 'active' }, { status: 'completed', dateCreated: null }])).toBe('completed');
  });

  it('is none for an empty, missing or unreadable list, and for statuses it does not know', () => {
    expect(transferStatusOf([])).toBe('none');
    expect(transferStatusOf(undefined)).toBe('none');
    expect(transferStatusOf('active')).toBe('none');
    expect(transferStatusOf([null, 3, { sid: 'TR1' }])).toBe('none');
    expect(transferStatusOf([{ status: 'queued' }])).toBe('none');
  });
});
