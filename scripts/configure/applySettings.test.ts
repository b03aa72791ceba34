/** @jest-environment node */
import { applySettings } from './applySettings';
import type { FlagEdit } from './command';

const edit = (settings: FlagEdit['settings'], channel?: string): FlagEdit => ({ kind: 'flags', channel, settings });

describe('applySettings', () => {
  it('sets top-level keys and keeps every other key in place', () => {
    const current = { timer_sec: 35, extend_sec: 120, channels: { sms: { timer_sec: 3600 } } };
    const next = applySettings(
      current,
      edit([
        ['timer_sec', 60],
        ['closing_message', 'Bye'],
      ]),
    );
    expect(next).toEqual({
      timer_sec: 60,
      extend_sec: 120,
      channels: { sms: { timer_sec: 3600 } },
      closing_message: 'Bye',
    });
    expect(Object.keys(next)).toEqual(['timer_sec', 'extend_sec', 'channels', 'closing_message']);
  });

  it('does not modify its input', () => {
    const current = { timer_sec: 35, channels: { sms: { timer_sec: 3600 } } };
    applySettings(current, edit([['timer_sec', 60]], 'sms'));
    expect(current).toEqual({ timer_sec: 35, channels: { sms: { timer_sec: 3600 } } });
  });

  it('scopes the keys to one channel, creating channels and the channel when missing', () => {
    expect(applySettings({ timer_sec: 35 }, edit([['timer_sec', 900]], 'sms'))).toEqual({
      timer_sec: 35,
      channels: { sms: { timer_sec: 900 } },
    });
    const current = { channels: { web: { enabled: false }, sms: { warning_sec: 60 } } };
    expect(applySettings(current, edit([['start_on', 'agent_reply']], 'sms'))).toEqual({
      channels: { web: { enabled: false }, sms: { warning_sec: 60, start_on: 'agent_reply' } },
    });
  });

  it('starts from an empty object when customerInactivity is missing or not an object', () => {
    expect(applySettings(undefined, edit([['timer_sec', 60]]))).toEqual({ timer_sec: 60 });
    expect(applySettings('oops', edit([['timer_sec', 60]]))).toEqual({ timer_sec: 60 });
    expect(applySettings({ channels: 'oops' }, edit([['timer_sec', 60]], 'sms'))).toEqual({
      channels: { sms: { timer_sec: 60 } },
    });
  });

  it('drops a warnings list on the same level when --warning or --message sets the single warning', () => {
    const warnings = [{ before_sec: 30, message: 'Hi' }];
    const current = { warnings, channels: { sms: { warnings } } };
    expect(applySettings(current, edit([['warning_sec', 20]]))).toEqual({
      channels: { sms: { warnings } },
      warning_sec: 20,
    });
    expect(applySettings(current, edit([['warning_message', 'Hey']], 'sms'))).toEqual({
      warnings,
      channels: { sms: { warning_message: 'Hey' } },
    });
    expect(applySettings(current, edit([['timer_sec', 90]]))).toEqual({ ...current, timer_sec: 90 });
  });

  it('scopes the keys to one queue, or to one channel of a queue, creating what is missing', () => {
    const current = { timer_sec: 35, queues: { Billing: { timer_sec: 900, channels: { web: { enabled: false } } } } };
    expect(applySettings(current, { ...edit([['timer_sec', 60]]), queue: 'Sales' })).toEqual({
      timer_sec: 35,
      queues: { ...current.queues, Sales: { timer_sec: 60 } },
    });
    expect(applySettings(current, { ...edit([['start_on', 'agent_reply']], 'sms'), queue: 'Billing' })).toEqual({
      timer_sec: 35,
      queues: { Billing: { timer_sec: 900, channels: { web: { enabled: false }, sms: { start_on: 'agent_reply' } } } },
    });
    expect(applySettings({ queues: ['x'] }, { ...edit([['timer_sec', 60]]), queue: 'Billing' })).toEqual({
      queues: { Billing: { timer_sec: 60 } },
    });
    expect(current.queues.Billing).toEqual({ timer_sec: 900, channels: { web: { enabled: false } } });
  });

  it('writes null for --no-closing-message', () => {
    expect(applySettings({ closing_message: 'Bye' }, edit([['closing_message', null]]))).toEqual({
      closing_message: null,
    });
  });
});
