import { englishStrings, InactivityString } from '../strings/inactivityStrings';
import { fillTemplate } from './fillTemplate';

describe('components/fillTemplate', () => {
  it('fills {{name}} values, with or without inner spaces', () => {
    expect(fillTemplate('{{a}} and {{ b }}', { a: 'one', b: 2 })).toBe('one and 2');
  });

  it('prints nothing for a missing or false value, and 0 as 0', () => {
    expect(fillTemplate('[{{missing}}][{{no}}][{{zero}}]', { no: false, zero: 0 })).toBe('[][][0]');
  });

  it('keeps an {{#if}} block for a truthy value and drops it for a falsy one', () => {
    const template = 'left{{#if warned}}, warned{{/if}}{{#if paused}}, paused{{/if}}';
    expect(fillTemplate(template, { warned: true, paused: 0 })).toBe('left, warned');
    expect(fillTemplate(template, { warned: '' })).toBe('left');
  });

  it('fills values inside a kept block', () => {
    expect(fillTemplate('{{#if n}}{{n}} left{{/if}}', { n: 3 })).toBe('3 left');
  });

  it('renders the badge label the way Flex would', () => {
    const label = englishStrings[InactivityString.BadgeLabel];
    expect(fillTemplate(label, { remaining: '15 seconds', warned: true })).toBe(
      'Customer inactivity: 15 seconds left, customer warned',
    );
    expect(fillTemplate(label, { remaining: '15 seconds', warned: false })).toBe(
      'Customer inactivity: 15 seconds left',
    );
  });
});
