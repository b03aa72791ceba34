import { act, render } from '@testing-library/react';
import type { ITask } from '@twilio/flex-ui';
import React from 'react';
import { Provider } from 'react-redux';

import { CountdownBadge } from '../../../src/components/CountdownBadge';
import type { World } from '../../../bench/support/world';

/** A task as Flex passes it to task-list children; the badge reads only `attributes.conversationSid`. */
function rowTask(n: number): ITask {
  const task: Partial<ITask> = { sid: `WR${n}`, attributes: { conversationSid: `CH${n}` } };
  return task as ITask;
}

export interface RenderedBadges {
  /** The text of every badge, in row order. */
  texts(): string[];
  /** Advances the world's clock inside act(), so React applies each tick's updates. */
  advance(ms: number): Promise<void>;
  unmount(): void;
}

/** Renders one task-list row with a CountdownBadge per conversation number, on the world's store and ticker. */
export function renderBadges(world: World, rows: readonly number[]): RenderedBadges {
  const { container, unmount } = render(
    <Provider store={world.store}>
      {rows.map((n) => (
        <div key={n} data-testid="row">
          <CountdownBadge task={rowTask(n)} nowSource={world.badgeTicker} />
        </div>
      ))}
    </Provider>,
  );
  return {
    texts: () => Array.from(container.querySelectorAll('[data-testid="row"]'), (row) => row.textContent ?? ''),
    advance: (ms) => act(() => world.advance(ms)),
    unmount,
  };
}
