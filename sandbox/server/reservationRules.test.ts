import { assignmentStatus, automationTaskStatus, transition } from './reservationRules';

describe('sandbox/server reservationRules', () => {
  it('allows what TaskRouter allows', () => {
    expect(transition('accept', 'pending')).toEqual({ ok: true, to: 'accepted', event: 'accepted' });
    expect(transition('wrap', 'accepted')).toEqual({ ok: true, to: 'wrapping', event: 'wrapup' });
    expect(transition('complete', 'accepted')).toEqual({ ok: true, to: 'completed', event: 'completed' });
    expect(transition('complete', 'wrapping')).toEqual({ ok: true, to: 'completed', event: 'completed' });
    expect(transition('cancel', 'pending')).toEqual({ ok: true, to: 'canceled', event: 'canceled' });
  });

  it('refuses the rest, saying what was needed', () => {
    expect(transition('wrap', 'pending')).toEqual({
      ok: false,
      reason: 'wrap needs a reservation that is accepted, not pending',
    });
    expect(transition('complete', 'completed')).toMatchObject({ ok: false });
    expect(transition('cancel', 'accepted')).toMatchObject({ ok: false });
  });

  it('reports a rejected task as pending again, and maps statuses to assignment statuses', () => {
    expect(automationTaskStatus('rejected')).toBe('pending');
    expect(automationTaskStatus('wrapping')).toBe('wrapping');
    expect(assignmentStatus('pending')).toBe('reserved');
    expect(assignmentStatus('accepted')).toBe('assigned');
  });
});
