import type { TabChannel } from '../runtime/browserTabs';
import type { PageVisibility } from '../runtime/pageVisibility';
import type { AgentNotice } from './commandRunner';
import type { TabMessage } from './tabMessages';

export interface NoticeBoardDeps {
  readonly channel: TabChannel<TabMessage>;
  readonly visibility: PageVisibility;
  /** Shows a notice in this tab (Flex's notifications). */
  readonly showNotice: (notice: AgentNotice) => void;
  readonly newId: () => string;
}

/** Where the agent is told about failures and wrap-ups. */
export interface NoticeBoard {
  /** From the acting tab: tells the agent in every visible tab. */
  publish(notice: AgentNotice): void;
  stop(): void;
}

/**
 * Notices are shown where the agent is looking: every visible tab shows each notice once. When no tab is visible,
 * the first tab the agent comes back to shows it (the others drop it once one has).
 */
export function createNoticeBoard({ channel, visibility, showNotice, newId }: NoticeBoardDeps): NoticeBoard {
  const kept = new Map<string, AgentNotice>();

  const showHere = (id: string, notice: AgentNotice): void => {
    showNotice(notice);
    channel.post({ kind: 'noticeShown', id });
  };

  const receive = (id: string, notice: AgentNotice): void => {
    if (visibility.isVisible()) showHere(id, notice);
    else kept.set(id, notice);
  };

  const stopListening = channel.subscribe((message) => {
    if (message.kind === 'notice') receive(message.id, message.notice);
    if (message.kind === 'noticeShown') kept.delete(message.id);
  });
  const stopWatching = visibility.onVisible(() => {
    const waiting = [...kept];
    kept.clear();
    waiting.forEach(([id, notice]) => showHere(id, notice));
  });

  return {
    publish(notice) {
      const id = newId();
      channel.post({ kind: 'notice', id, notice });
      receive(id, notice);
    },
    stop() {
      stopListening();
      stopWatching();
      kept.clear();
    },
  };
}
