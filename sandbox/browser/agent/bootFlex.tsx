/**
 * Starts the real Flex UI the way a hosted Flex does: `Manager.create` (which logs in with the query-string token and
 * loads the plugins the sandbox server lists, through Flex's own plugin loader), then the root container.
 */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { ContextProvider, Manager, RootContainer } from '@twilio/flex-ui';
import { buildFlexConfig } from './flexConfig';
import { markTaskRows } from './taskRowMarker';
import { followTransferDirectory } from './transferDirectory';

/** What the page exposes to browser tests. */
export interface SandboxPageHandle {
  readonly manager: Manager;
}

declare global {
  interface Window {
    __sandbox?: SandboxPageHandle;
  }
}

export async function bootFlex(root: HTMLElement): Promise<Manager> {
  const manager = await Manager.create(buildFlexConfig(window.location.href));
  window.__sandbox = { manager };
  markTaskRows();
  followTransferDirectory(manager);
  ReactDOM.render(
    <ContextProvider manager={manager}>
      <RootContainer />
    </ContextProvider>,
    root,
  );
  return manager;
}
