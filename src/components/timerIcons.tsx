import React from 'react';

/**
 * Small inline icons for the badge and the header controls. Inline SVG, not emoji or symbol characters: glyphs such
 * as ⏸ need an emoji font that many agent machines (and headless Chromium) lack, and then show as an empty box.
 * Every icon is decorative: the text and the accessible name beside it say what it means.
 */
export type TimerIconName = 'clock' | 'hourglass' | 'pause' | 'play' | 'alert' | 'sync';

/** Stroke width on the 16-unit grid: reads as a 1.5 px line at the 12-14 px sizes the icons are shown at. */
const STROKE = 1.5;

const line = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: STROKE,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

/** The shapes of each icon on its 16-unit grid. */
const shapes: Readonly<Record<TimerIconName, JSX.Element>> = {
  clock: (
    <>
      <circle cx="8" cy="8" r="6.25" {...line} />
      <path d="M8 4.75V8l2.25 1.5" {...line} />
    </>
  ),
  hourglass: <path d="M4 2h8M4 14h8M5 2c0 3.5 3 3.5 3 6s-3 2.5-3 6M11 2c0 3.5-3 3.5-3 6s3 2.5 3 6" {...line} />,
  pause: (
    <>
      <rect x="3.5" y="2.5" width="3" height="11" rx="1" fill="currentColor" />
      <rect x="9.5" y="2.5" width="3" height="11" rx="1" fill="currentColor" />
    </>
  ),
  play: <path d="M4.5 2.75L13 8l-8.5 5.25z" fill="currentColor" stroke="currentColor" strokeLinejoin="round" />,
  // Two arrows chasing each other round: "being brought up to date", not a time running down.
  sync: (
    <>
      <path d="M14.6 3.2v3.6H11M1.4 12.8V9.2H5" {...line} />
      <path d="M2.9 6.2a5.4 5.4 0 0 1 8.9-2L14.6 6.8M1.4 9.2l2.8 2.6a5.4 5.4 0 0 0 8.9-2" {...line} />
    </>
  ),
  // The triangle and the bar inside it never touch, so one path draws both.
  alert: (
    <>
      <path d="M8 1.75L14.75 13.75H1.25zM8 6.25v3.25" {...line} />
      <circle cx="8" cy="11.6" r="0.9" fill="currentColor" />
    </>
  ),
};

/** A 1em square icon in the current text color, hidden from assistive technology. */
export function TimerIcon({ name }: { readonly name: TimerIconName }): JSX.Element {
  return (
    <svg
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
      data-icon={name}
      style={{ flexShrink: 0, display: 'block' }}
    >
      {shapes[name]}
    </svg>
  );
}
