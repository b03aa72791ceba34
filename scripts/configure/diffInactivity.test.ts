/** @jest-environment node */
import { diffInactivity, formatDiff } from './diffInactivity';

const diffText = (before: unknown, after: unknown): string => formatDiff(diffInactivity(before, after));

describe('diffInactivity', () => {
  it('is empty when nothing changes, whatever the key order', () => {
    expect(diffInactivity({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
    expect(diffInactivity(undefined, undefined)).toEqual([]);
  });

  it('shows changed, removed and added leaves by dotted path', () => {
    const before = { timer_sec: 35, warning_sec: 15, channels: { sms: { timer_sec: 3600 } } };
    const after = { timer_sec: 60, channels: { sms: { timer_sec: 3600, start_on: 'agent_reply' } }, extend_sec: 10 };
    expect(diffText(before, after)).toBe(
      [
        '- customerInactivity.timer_sec: 35',
        '+ customerInactivity.timer_sec: 60',
        '- customerInactivity.warning_sec: 15',
        '+ customerInactivity.channels.sms.start_on: "agent_reply"',
        '+ customerInactivity.extend_sec: 10',
      ].join('\n'),
    );
  });

  it('indexes array items and shows empty containers and null', () => {
    const before = { warnings: [{ before_sec: 30, message: 'A' }], closing_message: 'Bye' };
    const after = { warnings: [], closing_message: null, channels: {} };
    expect(diffText(before, after)).toBe(
      [
        '- customerInactivity.warnings[0].before_sec: 30',
        '- customerInactivity.warnings[0].message: "A"',
        '- customerInactivity.closing_message: "Bye"',
        '+ customerInactivity.closing_message: null',
        '+ customerInactivity.warnings: []',
        '+ customerInactivity.channels: {}',
      ].join('\n'),
    );
  });

  it('shows a value that was not set at all, and a non-object being replaced', () => {
    expect(diffText(undefined, { timer_sec: 60 })).toBe('+ customerInactivity.timer_sec: 60');
    expect(diffText('oops', { timer_sec: 60 })).toBe(
      '- customerInactivity: "oops"\n+ customerInactivity.timer_sec: 60',
    );
  });

  it('brackets channel names that are not plain words, as the plugin messages do', () => {
    expect(diffText({}, { channels: { 'my.channel': { timer_sec: 9 } } })).toBe(
      '+ customerInactivity.channels["my.channel"].timer_sec: 9',
    );
  });
});

describe('diffInactivity with empty containers', () => {
  it('does not list an empty object or list that gains or loses contents', () => {
    expect(diffText({ channels: {} }, { channels: { sms: { timer_sec: 9 } } })).toBe(
      '+ customerInactivity.channels.sms.timer_sec: 9',
    );
    expect(diffText({ warnings: [{ before_sec: 5, message: 'A' }] }, { warnings: [] })).toBe(
      [
        '- customerInactivity.warnings[0].before_sec: 5',
        '- customerInactivity.warnings[0].message: "A"',
        '+ customerInactivity.warnings: []',
      ].join('\n'),
    );
  });
});
