import type { InactivityOutcome } from './outcomeAttributes';
import { outcomeAttributes } from './outcomeAttributes';

const OUTCOME: InactivityOutcome = {
  reason: 'customer_inactive',
  closed_at: '2026-12-04T10:15:00.000Z',
  warnings_sent: 1,
  timer_sec: 300,
};

describe('core/outcomeAttributes', () => {
  it('adds the inactivity record and keeps every other attribute', () => {
    const latest = { conversationSid: 'CH1', crmId: 'C-42', conversations: { queue: 'Billing' } };
    expect(outcomeAttributes(latest, OUTCOME, null)).toEqual({ ...latest, inactivity: OUTCOME });
  });

  it('sets conversations.outcome when the admin asks for it, keeping the other conversations fields', () => {
    const latest = { conversations: { queue: 'Billing' } };
    expect(outcomeAttributes(latest, OUTCOME, 'Customer inactive')).toEqual({
      conversations: { queue: 'Billing', outcome: 'Customer inactive' },
      inactivity: OUTCOME,
    });
  });

  it('never overwrites an outcome already set, but fills a blank one', () => {
    const set = { conversations: { outcome: 'Resolved' } };
    expect(outcomeAttributes(set, OUTCOME, 'Customer inactive').conversations).toEqual({ outcome: 'Resolved' });
    const blank = { conversations: { outcome: ' ' } };
    expect(outcomeAttributes(blank, OUTCOME, 'Customer inactive').conversations).toEqual({
      outcome: 'Customer inactive',
    });
  });

  it('starts a conversations object when there is none, or when it is not an object', () => {
    expect(outcomeAttributes({ conversations: 'odd' }, OUTCOME, 'Idle').conversations).toEqual({ outcome: 'Idle' });
    expect(outcomeAttributes({}, OUTCOME, 'Idle').conversations).toEqual({ outcome: 'Idle' });
  });
});
