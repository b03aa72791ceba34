import type { RefObject } from 'react';
import { useLayoutEffect, useRef, useState } from 'react';
import { useSelector } from 'react-redux';

import type { NowSource } from '../runtime/ticker';
import type { StateWithInactivity } from '../state/selectors';
import { selectTimer } from '../state/selectors';
import type { BadgeModel } from './badgeModel';
import { badgeModelAt, differsOnlyInText, sameBadge } from './badgeModel';

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
  const timer = useSelector((state: StateWithInactivity) => selectTimer(state, conversationSid));
  const [model, setModel] = useState(() => (timer === undefined ? null : badgeModelAt(timer, nowSource.now())));
  // What is on screen: `model` but for a newer text.
  const shown = useRef(model);
  const textRef = useRef<HTMLSpanElement>(null);

  // After every render: the text element may be new, and React never renders its text.
  useLayoutEffect(() => writeText(textRef.current, shown.current?.text));

  // A layout effect, so a view made stale by a store change is replaced before the browser paints it.
  useLayoutEffect(() => {
    const refresh = (now: number): void => {
      const next = timer === undefined ? null : badgeModelAt(timer, now);
      const current = shown.current;
      if (current === next || (current !== null && next !== null && sameBadge(current, next))) return;
      shown.current = next;
      if (current !== null && next !== null && textRef.current !== null && differsOnlyInText(current, next)) {
        writeText(textRef.current, next.text);
      } else {
        setModel(next);
      }
    };
    refresh(nowSource.now());
    // Untracked conversations (voice tasks, other plugins' chats) never listen to the ticker.
    return timer === undefined ? undefined : nowSource.subscribe(refresh);
  }, [timer, nowSource]);

  return { model, textRef };
}
