import type { RefObject } from 'react';
import { useCallback, useLayoutEffect, useRef } from 'react';

import type { NowSource } from '../runtime/ticker';
import type { BadgeModel } from './badgeModel';
import { badgeModelAt, differsOnlyInText, sameBadge } from './badgeModel';
import { useTimerView } from './useTimerView';

/** `Node.TEXT_NODE`, without reaching for a DOM global. */
const TEXT_NODE = 3;

/** Sets `element`'s text, reusing its text node: the one DOM write of a tick that changes only the text. */
function writeText(element: HTMLElement | null, text: string | undefined): void {
  if (element === null || text === undefined) return;
  const node = element.firstChild;
  if (node === null || node.nodeType !== TEXT_NODE || node.nextSibling !== null) element.textContent = text;
  else if (node.nodeValue !== text) node.nodeValue = text;
}

/** One conversation's badge: the model React renders, and the element the live text is written into. */
export interface Countdown {
  /** Replaced only when more than the text changes (see {@link differsOnlyInText}); its `text` may be stale. */
  readonly model: BadgeModel | null;
  /** Give it to an element rendered without children: the current text is written there, outside React. */
  readonly textRef: RefObject<HTMLSpanElement>;
}

/**
 * The badge of one conversation. A tick that changes only the text writes it into `textRef`'s element without a
 * render; anything else the badge shows renders again. Ticks that change nothing visible do neither.
 */
export function useCountdown(conversationSid: string, nowSource: NowSource): Countdown {
  const textRef = useRef<HTMLSpanElement>(null);
  const writeInPlace = useCallback((shown: BadgeModel, next: BadgeModel): boolean => {
    if (textRef.current === null || !differsOnlyInText(shown, next)) return false;
    writeText(textRef.current, next.text);
    return true;
  }, []);
  const { view: model, latest } = useTimerView(conversationSid, nowSource, badgeModelAt, sameBadge, writeInPlace);

  // After every render: the text element may be new, and React never renders its text.
  useLayoutEffect(() => writeText(textRef.current, latest.current?.text));

  return { model, textRef };
}
