import type { RefObject } from 'react';
import { useLayoutEffect, useRef, useState } from 'react';
import { useSelector } from 'react-redux';

import type { ConversationTimer } from '../core/conversationTimer';
import type { NowSource } from '../runtime/ticker';
import type { StateWithInactivity } from '../state/selectors';
import { selectTimer } from '../state/selectors';

/** A timer view as rendered, and as on screen now. */
export interface LiveTimerView<V> {
  /** The view React last rendered. */
  readonly view: V | null;
  /** The view on screen: `view`, or a newer one that `applyInPlace` put there without a render. */
  readonly latest: RefObject<V | null>;
}

/**
 * What one conversation's timer looks like at the ticker's `now`, or null when the conversation is not tracked.
 * The view is kept in state and replaced only when `sameView` says it changed, so ticks that change nothing visible
 * cost no render; a change `applyInPlace` makes itself (returning true) costs none either. `derive`, `sameView` and
 * `applyInPlace` must be stable functions (module-level, or memoised).
 */
export function useTimerView<V>(
  conversationSid: string,
  nowSource: NowSource,
  derive: (timer: ConversationTimer, now: number) => V,
  sameView: (shown: V, next: V) => boolean,
  applyInPlace?: (shown: V, next: V) => boolean,
): LiveTimerView<V> {
  const timer = useSelector((state: StateWithInactivity) => selectTimer(state, conversationSid));
  const [view, setView] = useState<V | null>(() => (timer === undefined ? null : derive(timer, nowSource.now())));
  const latest = useRef(view);

  // A layout effect, so a view made stale by a store change is replaced before the browser paints it.
  useLayoutEffect(() => {
    const refresh = (now: number): void => {
      const next = timer === undefined ? null : derive(timer, now);
      const current = latest.current;
      if (current === next || (current !== null && next !== null && sameView(current, next))) return;
      latest.current = next;
      if (current !== null && next !== null && applyInPlace?.(current, next) === true) return;
      setView(next);
    };
    refresh(nowSource.now());
    // Untracked conversations (voice tasks, other plugins' chats) never listen to the ticker.
    return timer === undefined ? undefined : nowSource.subscribe(refresh);
  }, [timer, nowSource, derive, sameView, applyInPlace]);

  return { view, latest };
}
