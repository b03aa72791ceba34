/** @jest-environment node */
import { parseInactivityConfig } from '../../src/config/parseInactivityConfig';
import { effectiveSettingsTable } from './effectiveTable';

const tableOf = (raw: unknown): string[] => effectiveSettingsTable(parseInactivityConfig(raw).config).split('\n');

describe('effectiveSettingsTable', () => {
  it('has one row for the top level when nothing else is configured: the defaults', () => {
    expect(tableOf(undefined)).toEqual([
      'queue  channel  enabled  timer_sec  warnings_sec  closing_message  start_on          extend_sec  report_outcome',
      '(any)  (other)  yes      300        60            none             customer_message  300         none',
    ]);
  });

  it("repeats every top-level channel in each queue, merged with the queue's settings", () => {
    const raw = {
      channels: { whatsapp: { enabled: false } },
      queues: {
        'Sales team': {
          warnings: [
            { before_sec: 60, message: 'b' },
            { before_sec: 120, message: 'a' },
          ],
        },
      },
    };
    expect(tableOf(raw).map((line) => line.split(/\s{2,}/).slice(0, 5))).toEqual([
      ['queue', 'channel', 'enabled', 'timer_sec', 'warnings_sec'],
      ['(any)', '(other)', 'yes', '300', '60'],
      ['(any)', 'whatsapp', 'no', '300', '60'],
      ['Sales team', '(other)', 'yes', '300', '120, 60'],
      ['Sales team', 'whatsapp', 'no', '300', '120, 60'],
    ]);
  });
});
