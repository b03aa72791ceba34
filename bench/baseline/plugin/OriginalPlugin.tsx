/**
 * The original plugin's design as a Flex plugin of its own, for the ticking bench in Chromium
 * (bench/browser/tickingInChromium.ts): every accepted messaging row of the task list gets an `OriginalCountdownRow`
 * (one `setInterval` and one `setState` per row, counting down from the moment the row mounts, i.e. from acceptance
 * while the page is open). No engine, no store, no storage, no Worker: what the original did, and no more. It reads
 * `ui_attributes.customerInactivity` as the original did (timer_sec, warning_sec, warning_message) and, like it,
 * sends the warning with `SendMessage` and wraps the task up with `WrapupTask`; the bench's timers are long, so
 * neither happens while it measures.
 */
import React from 'react';
import type * as Flex from '@twilio/flex-ui';
import { FlexPlugin } from '@twilio/flex-plugin';

import { OriginalCountdownRow } from '../OriginalCountdownRow';

/** What @twilio/flex-plugin logs from the constructor: "loading OriginalInactivityPlugin@… plugin". */
const ORIGINAL_PLUGIN_NAME = 'OriginalInactivityPlugin';

interface OriginalSettings {
  readonly timerSec: number;
  readonly warningSec: number;
  readonly warningMessage: string;
}

function readSettings(manager: Flex.Manager): OriginalSettings {
  const attributes: unknown = manager.serviceConfiguration.ui_attributes;
  const raw: unknown =
    typeof attributes === 'object' && attributes !== null ? Reflect.get(attributes, 'customerInactivity') : undefined;
  const field = (name: string): unknown =>
    typeof raw === 'object' && raw !== null ? Reflect.get(raw, name) : undefined;
  const timerSec = field('timer_sec');
  const warningSec = field('warning_sec');
  const warningMessage = field('warning_message');
  return {
    timerSec: typeof timerSec === 'number' ? timerSec : 35,
    warningSec: typeof warningSec === 'number' ? warningSec : 15,
    warningMessage: typeof warningMessage === 'string' ? warningMessage : 'Are you still there?',
  };
}

/** The browser's own timers, as the original called them. */
const windowClock = {
  setInterval: (callback: () => void, ms: number): unknown => window.setInterval(callback, ms),
  clearInterval: (handle: unknown): void => window.clearInterval(handle as number),
};

export default class OriginalInactivityPlugin extends FlexPlugin {
  constructor() {
    super(ORIGINAL_PLUGIN_NAME);
  }

  init(flex: typeof Flex, manager: Flex.Manager): void {
    const settings = readSettings(manager);
    const conversationSidOf = (task: Flex.ITask | undefined): string | null =>
      task !== undefined && task.status === 'accepted' && flex.TaskHelper.isChatBasedTask(task)
        ? (flex.TaskHelper.getTaskConversationSid(task) ?? null)
        : null;
    const Row = ({ task }: { task?: Flex.ITask }): JSX.Element | null => {
      const conversationSid = conversationSidOf(task);
      if (task === undefined || conversationSid === null) return null;
      return (
        <OriginalCountdownRow
          conversationSid={conversationSid}
          timerSec={settings.timerSec}
          warningSec={settings.warningSec}
          clock={windowClock}
          onWarning={(sid) =>
            void flex.Actions.invokeAction('SendMessage', { conversationSid: sid, body: settings.warningMessage })
          }
          onExpired={() => void flex.Actions.invokeAction('WrapupTask', { sid: task.sid })}
        />
      );
    };
    flex.TaskListItem.Content.add(<Row key="original-inactivity-row" />, {
      if: (props: { task?: Flex.ITask }) => conversationSidOf(props.task) !== null,
      sortOrder: -1,
    });
  }
}
