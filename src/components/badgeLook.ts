import type { Theme } from '@twilio/flex-ui';

import type { BadgeModel } from './useCountdown';

type Tokens = Theme['tokens'];
type ColorGroup = 'backgroundColors' | 'textColors' | 'borderColors';

/**
 * The part of Flex's `theme` prop the timer components read. Flex passes its full `Theme`, which fits; every token may
 * be missing (tests, an older Flex), and then plain colors close to Paste's light theme are used.
 */
export interface TimerTheme {
  readonly tokens?: { readonly [G in ColorGroup]?: Partial<Tokens[G]> };
}

/** How a badge looks: color never carries the phase alone (the text, glyph and aria-label say it too). */
export type BadgeLook = 'calm' | 'quiet' | 'paused' | 'warning' | 'urgent';

interface LookTokens {
  readonly background: keyof Tokens['backgroundColors'];
  readonly text: keyof Tokens['textColors'];
  readonly border: keyof Tokens['borderColors'];
}

/** Paste token names per look; both Flex themes (light and dark) define all of them. */
export const lookTokens: Readonly<Record<BadgeLook, LookTokens>> = {
  calm: { background: 'colorBackgroundWeak', text: 'colorText', border: 'colorBorderWeak' },
  quiet: { background: 'colorBackgroundWeak', text: 'colorTextWeak', border: 'colorBorderWeak' },
  paused: { background: 'colorBackgroundNeutralWeakest', text: 'colorTextNeutral', border: 'colorBorderNeutralWeak' },
  warning: {
    background: 'colorBackgroundWarningWeakest',
    text: 'colorTextWarningStrong',
    border: 'colorBorderWarningWeak',
  },
  urgent: { background: 'colorBackgroundErrorWeakest', text: 'colorTextError', border: 'colorBorderErrorWeak' },
};

interface LookColors {
  readonly background: string;
  readonly text: string;
  readonly border: string;
}

/** Paste light-theme values of the same tokens, for when the theme carries none. */
const fallbackColors: Readonly<Record<BadgeLook, LookColors>> = {
  calm: { background: 'rgb(249, 249, 250)', text: 'rgb(18, 28, 45)', border: 'rgb(202, 205, 216)' },
  quiet: { background: 'rgb(249, 249, 250)', text: 'rgb(96, 107, 133)', border: 'rgb(202, 205, 216)' },
  paused: { background: 'rgb(235, 244, 255)', text: 'rgb(0, 20, 137)', border: 'rgb(102, 179, 255)' },
  warning: { background: 'rgb(254, 245, 238)', text: 'rgb(141, 49, 24)', border: 'rgb(255, 179, 122)' },
  urgent: { background: 'rgb(254, 236, 236)', text: 'rgb(214, 31, 31)', border: 'rgb(245, 138, 138)' },
};

/** The look of a badge model: urgency wins over everything, then pause, then a sent warning. */
export function badgeLookOf(model: BadgeModel): BadgeLook {
  if (model.urgent) return 'urgent';
  switch (model.phase) {
    case 'waiting':
      return 'quiet';
    case 'paused':
      return 'paused';
    case 'warned':
      return 'warning';
    case 'counting':
    case 'expired':
    case 'wrappingUp':
    case 'done':
      return 'calm';
  }
}

/** The colors of `look` from the theme's Paste tokens, each falling back on its own when absent. */
export function lookColors(look: BadgeLook, theme: TimerTheme | undefined): LookColors {
  const names = lookTokens[look];
  const fallback = fallbackColors[look];
  const tokens = theme?.tokens;
  return {
    background: tokens?.backgroundColors?.[names.background] ?? fallback.background,
    text: tokens?.textColors?.[names.text] ?? fallback.text,
    border: tokens?.borderColors?.[names.border] ?? fallback.border,
  };
}
