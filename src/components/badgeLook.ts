import type { Theme } from '@twilio/flex-ui';

import type { TimerPhase } from '../core/phase';
import type { TimerIconName } from './timerIcons';
import type { BadgeModel } from './badgeModel';

type Tokens = Theme['tokens'];
type TokenGroup = 'backgroundColors' | 'textColors' | 'borderColors' | 'radii';

/**
 * The part of Flex's `theme` prop the timer components read. Flex passes its full `Theme`, which fits; every token may
 * be missing (tests, an older Flex), and then plain values close to Paste's light theme are used.
 */
export interface TimerTheme {
  readonly tokens?: { readonly [G in TokenGroup]?: Partial<Tokens[G]> };
}

/** One token of the theme, or `fallback` when the theme lacks it. */
export function tokenOf<G extends TokenGroup>(
  theme: TimerTheme | undefined,
  group: G,
  name: keyof Tokens[G],
  fallback: string,
): string {
  const value: unknown = theme?.tokens?.[group]?.[name];
  return typeof value === 'string' ? value : fallback;
}

/** How a badge looks: color never carries the phase alone (the icon, text, border and aria-label say it too). */
export type BadgeLook = 'calm' | 'quiet' | 'paused' | 'warning' | 'urgent' | 'pending';

interface LookTokens {
  readonly background: keyof Tokens['backgroundColors'];
  readonly text: keyof Tokens['textColors'];
  readonly border: keyof Tokens['borderColors'];
}

/**
 * Paste token names per look; both Flex themes (light and dark) define all of them. Urgent is the only filled look
 * (white on red, 5:1 in both themes) so the last seconds stand out from a warning even at a glance.
 */
export const lookTokens: Readonly<Record<BadgeLook, LookTokens>> = {
  calm: { background: 'colorBackgroundWeak', text: 'colorText', border: 'colorBorderWeak' },
  quiet: { background: 'colorBackgroundBody', text: 'colorTextWeak', border: 'colorBorder' },
  paused: { background: 'colorBackgroundNeutralWeakest', text: 'colorTextNeutral', border: 'colorBorderNeutralWeak' },
  warning: {
    background: 'colorBackgroundWarningWeakest',
    text: 'colorTextWarningStrong',
    border: 'colorBorderWarning',
  },
  urgent: { background: 'colorBackgroundError', text: 'colorTextInverse', border: 'colorBorderError' },
  // Grey and weak like a disabled control (4.8:1 in the light theme): the time is not trusted yet, nothing acts on it.
  pending: { background: 'colorBackground', text: 'colorTextWeak', border: 'colorBorderWeak' },
};

/** What sets each look apart besides its colors, for agents who do not tell the colors apart. */
export interface LookShape {
  readonly icon: TimerIconName;
  /** Dashed for "not counting": the time shown is not running down. */
  readonly borderStyle: 'solid' | 'dashed';
}

/** Icon and border per look: together they tell every look apart but urgent, which its fill sets apart. */
export const lookShapes: Readonly<Record<BadgeLook, LookShape>> = {
  calm: { icon: 'clock', borderStyle: 'solid' },
  quiet: { icon: 'hourglass', borderStyle: 'dashed' },
  paused: { icon: 'pause', borderStyle: 'dashed' },
  warning: { icon: 'alert', borderStyle: 'solid' },
  urgent: { icon: 'clock', borderStyle: 'solid' },
  pending: { icon: 'sync', borderStyle: 'dashed' },
};

interface LookColors {
  readonly background: string;
  readonly text: string;
  readonly border: string;
}

/** Paste light-theme values of the same tokens, for when the theme carries none. */
const fallbackColors: Readonly<Record<BadgeLook, LookColors>> = {
  calm: { background: 'rgb(249, 249, 250)', text: 'rgb(18, 28, 45)', border: 'rgb(202, 205, 216)' },
  quiet: { background: 'rgb(255, 255, 255)', text: 'rgb(96, 107, 133)', border: 'rgb(136, 145, 170)' },
  paused: { background: 'rgb(235, 244, 255)', text: 'rgb(0, 20, 137)', border: 'rgb(102, 179, 255)' },
  warning: { background: 'rgb(254, 245, 238)', text: 'rgb(141, 49, 24)', border: 'rgb(244, 124, 34)' },
  urgent: { background: 'rgb(214, 31, 31)', text: 'rgb(255, 255, 255)', border: 'rgb(214, 31, 31)' },
  pending: { background: 'rgb(244, 244, 246)', text: 'rgb(96, 107, 133)', border: 'rgb(202, 205, 216)' },
};

/** The look of each phase when not urgent. */
const phaseLooks: Readonly<Record<TimerPhase, BadgeLook>> = {
  counting: 'calm',
  warned: 'warning',
  paused: 'paused',
  transferPending: 'paused',
  waiting: 'quiet',
  awaitingHistory: 'pending',
  expired: 'calm',
  wrappingUp: 'calm',
  done: 'calm',
};

/** The look of a badge model: urgency wins over the phase's own look. */
export function badgeLookOf(model: BadgeModel): BadgeLook {
  return model.urgent ? 'urgent' : phaseLooks[model.phase];
}

/** The colors of `look` from the theme's Paste tokens, each falling back on its own when absent. */
export function lookColors(look: BadgeLook, theme: TimerTheme | undefined): LookColors {
  const names = lookTokens[look];
  const fallback = fallbackColors[look];
  return {
    background: tokenOf(theme, 'backgroundColors', names.background, fallback.background),
    text: tokenOf(theme, 'textColors', names.text, fallback.text),
    border: tokenOf(theme, 'borderColors', names.border, fallback.border),
  };
}
