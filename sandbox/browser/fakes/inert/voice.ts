/**
 * Bundle-time replacement for `@twilio/voice-sdk` (esbuild alias). The sandbox has no calls: its Device registers at
 * once (so Flex does not enter degraded mode for voice), never rings and never opens a signalling socket; its audio
 * helper reports the browser's own media devices.
 */
import { EventEmitter } from 'events';
import type { Device as RealDevice } from '@twilio/voice-sdk';
import { AudioDevices } from './audioDevices';
import { warnOnMissingMembers } from './missingMembers';

type DeviceState = `${RealDevice.State}`;

/** Same names and values as the SDK's enums: a rename in the SDK fails to compile here. */
const EVENT_NAME = {
  Error: 'error',
  Incoming: 'incoming',
  Destroyed: 'destroyed',
  Unregistered: 'unregistered',
  Registering: 'registering',
  Registered: 'registered',
  TokenWillExpire: 'tokenWillExpire',
} as const satisfies { [K in keyof typeof RealDevice.EventName]: `${(typeof RealDevice.EventName)[K]}` };

const STATE = {
  Destroyed: 'destroyed',
  Unregistered: 'unregistered',
  Registering: 'registering',
  Registered: 'registered',
} as const satisfies { [K in keyof typeof RealDevice.State]: `${(typeof RealDevice.State)[K]}` };

export class Device extends EventEmitter {
  static readonly EventName = EVENT_NAME;
  static readonly State = STATE;
  static readonly isSupported = true;
  static readonly packageName = '@twilio/voice-sdk';
  static readonly version = 'sandbox';

  state: DeviceState = STATE.Unregistered;
  readonly calls: never[] = [];
  readonly isBusy = false;
  readonly edge: string | null = null;
  readonly home: string | null = null;
  readonly identity: string | null = null;
  /** The browser's media devices, as the SDK's AudioHelper lists them (Flex's microphone check reads them). */
  readonly audio = new AudioDevices();
  token: string | null;

  constructor(token: string, _options?: RealDevice.Options) {
    super();
    this.token = token;
    return warnOnMissingMembers('Device', this);
  }

  register(): Promise<void> {
    this.setState(STATE.Registering, EVENT_NAME.Registering);
    // The SDK reports registration asynchronously, after the caller has attached its listeners.
    setTimeout(() => this.setState(STATE.Registered, EVENT_NAME.Registered), 0);
    return Promise.resolve();
  }

  unregister(): Promise<void> {
    this.setState(STATE.Unregistered, EVENT_NAME.Unregistered);
    return Promise.resolve();
  }

  destroy(): void {
    this.setState(STATE.Destroyed, EVENT_NAME.Destroyed);
    this.removeAllListeners();
  }

  connect(_options?: RealDevice.ConnectOptions): Promise<never> {
    return Promise.reject(new Error('Calls are not supported in the sandbox'));
  }

  disconnectAll(): void {}

  updateOptions(_options?: RealDevice.Options): void {}

  updateToken(token: string): void {
    this.token = token;
  }

  private setState(state: DeviceState, event: (typeof EVENT_NAME)[keyof typeof EVENT_NAME]): void {
    this.state = state;
    this.emit(event, this);
  }
}

export default Device;
