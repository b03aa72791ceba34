import type { ConversationsConnectionState } from '../shared/protocol';
import type { InactivitySetting } from './flexConfiguration';
import { flexConfiguration } from './flexConfiguration';
import type { PushSink } from './push';
import { AGENT_ONLY } from './push';

/**
 * The account-level settings of the sandbox: the Flex configuration (with the plugin's `customerInactivity`) and
 * the agent desktop's Conversations connection. Changes are pushed to agent pages.
 */
export class FlexSettings {
  private readonly createdAt: number;
  private setting: InactivitySetting;
  private updatedAt: number;
  private connection: ConversationsConnectionState = 'connected';

  constructor(
    private readonly initialSetting: InactivitySetting,
    private readonly push: PushSink,
    private readonly now: () => number,
  ) {
    this.setting = initialSetting;
    this.createdAt = now();
    this.updatedAt = this.createdAt;
  }

  /** The Flex Configuration resource as flex-api.twilio.com answers it. */
  configuration(): Record<string, unknown> {
    return flexConfiguration(this.setting, { createdAt: this.createdAt, updatedAt: this.updatedAt });
  }

  /** The current `ui_attributes.customerInactivity`. */
  get customerInactivity(): InactivitySetting {
    return this.setting;
  }

  /** Stores `value` as `ui_attributes.customerInactivity`, exactly as given (the Configuration API judges nothing). */
  setCustomerInactivity(value: unknown): void {
    this.setting = { present: true, value };
    this.updatedAt = this.now();
    this.push({ type: 'configurationChanged' }, AGENT_ONLY);
  }

  /** The agent desktop's Conversations connection. */
  get connectionState(): ConversationsConnectionState {
    return this.connection;
  }

  /** Drops or restores the agent desktop's Conversations connection. */
  setConnectionState(state: 'connected' | 'disconnected'): void {
    if (state === this.connection) return;
    this.connection = state;
    this.push({ type: 'connectionState', state }, AGENT_ONLY);
  }

  /** The start-up configuration again, and connected. */
  reset(): void {
    this.setting = this.initialSetting;
    this.updatedAt = this.now();
    this.push({ type: 'configurationChanged' }, AGENT_ONLY);
    this.setConnectionState('connected');
  }
}
