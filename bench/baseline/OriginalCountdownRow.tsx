/**
 * The original plugin's design, rebuilt from its description (shared/docs/flex-platform.md) as the benchmark's
 * baseline: every task-list row owns a setInterval that decrements a counter held in component state, sends the
 * warning when the counter equals the threshold and wraps up at zero. Nothing is stored or dispatched, which is why
 * a reload restarted every countdown. A class component, as Flex 1.x-era plugins were written.
 */
import React from 'react';

import { formatCountdown } from '../../src/components/formatCountdown';
import type { Clock, IntervalHandle } from '../../src/runtime/clock';

export interface OriginalCountdownRowProps {
  readonly conversationSid: string;
  readonly timerSec: number;
  readonly warningSec: number;
  /** The original called window.setInterval; the clock is injected so the benchmark drives it like ours. */
  readonly clock: Pick<Clock, 'setInterval' | 'clearInterval'>;
  readonly onWarning: (conversationSid: string) => void;
  readonly onExpired: (conversationSid: string) => void;
}

interface OriginalCountdownRowState {
  readonly secondsLeft: number;
}

export class OriginalCountdownRow extends React.Component<OriginalCountdownRowProps, OriginalCountdownRowState> {
  private interval: { readonly handle: IntervalHandle } | null = null;

  constructor(props: OriginalCountdownRowProps) {
    super(props);
    this.state = { secondsLeft: props.timerSec };
  }

  componentDidMount(): void {
    this.interval = { handle: this.props.clock.setInterval(this.tick, 1_000) };
  }

  componentWillUnmount(): void {
    this.stop();
  }

  private readonly tick = (): void => {
    const secondsLeft = this.state.secondsLeft - 1;
    this.setState({ secondsLeft });
    // Exact equality, as in the original: a counter that skips the threshold never warns.
    if (secondsLeft === this.props.warningSec) this.props.onWarning(this.props.conversationSid);
    if (secondsLeft <= 0) {
      this.stop();
      this.props.onExpired(this.props.conversationSid);
    }
  };

  private stop(): void {
    if (this.interval !== null) this.props.clock.clearInterval(this.interval.handle);
    this.interval = null;
  }

  render(): JSX.Element {
    return <span role="timer">{formatCountdown(this.state.secondsLeft * 1_000)}</span>;
  }
}
