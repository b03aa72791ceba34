/**
 * The audio part of the sandbox's voice Device (the SDK's AudioHelper): the browser's real media devices, listed the
 * way the SDK lists them, so Flex's microphone check sees what it would see in this browser. No audio is played or
 * captured; output selection only records the choice.
 */
import { EventEmitter } from 'events';
import type { Device as RealDevice } from '@twilio/voice-sdk';
import { warnOnMissingMembers } from './missingMembers';

type RealAudioHelper = NonNullable<RealDevice['audio']>;
type AudioData =
  | 'availableInputDevices'
  | 'availableOutputDevices'
  | 'isOutputSelectionSupported'
  | 'isVolumeSupported';

/** Speaker or ringtone device selection (the SDK's OutputDeviceCollection), kept in memory. */
class OutputDevices {
  private selected = new Set<MediaDeviceInfo>();

  constructor(private readonly available: () => Map<string, MediaDeviceInfo>) {}

  get(): Set<MediaDeviceInfo> {
    return this.selected;
  }

  set(deviceIdOrIds: string | string[]): Promise<void> {
    const ids = Array.isArray(deviceIdOrIds) ? deviceIdOrIds : [deviceIdOrIds];
    const devices = ids.map((id) => this.available().get(id));
    if (devices.some((device) => device === undefined)) return Promise.reject(new Error('Device not found'));
    this.selected = new Set(devices.filter((device): device is MediaDeviceInfo => device !== undefined));
    return Promise.resolve();
  }

  delete(device: MediaDeviceInfo): boolean {
    return this.selected.delete(device);
  }

  test(_soundUrl?: string): Promise<void> {
    return Promise.resolve();
  }
}

export class AudioDevices extends EventEmitter implements Pick<RealAudioHelper, AudioData> {
  availableInputDevices = new Map<string, MediaDeviceInfo>();
  availableOutputDevices = new Map<string, MediaDeviceInfo>();
  readonly isOutputSelectionSupported = true;
  readonly isVolumeSupported = false;
  readonly speakerDevices = new OutputDevices(() => this.availableOutputDevices);
  readonly ringtoneDevices = new OutputDevices(() => this.availableOutputDevices);
  inputDevice: MediaDeviceInfo | null = null;
  readonly inputStream: MediaStream | null = null;
  readonly audioConstraints: MediaTrackConstraints | null = null;

  constructor() {
    super();
    // Like the SDK: re-list on the browser's devicechange and tell listeners with `deviceChange`.
    navigator.mediaDevices?.addEventListener('devicechange', () => void this.refresh(true));
    void this.refresh(false);
    return warnOnMissingMembers('Device.audio', this);
  }

  private async refresh(announce: boolean): Promise<void> {
    const devices = (await navigator.mediaDevices?.enumerateDevices().catch(() => [])) ?? [];
    const byKind = (kind: MediaDeviceKind): Map<string, MediaDeviceInfo> =>
      new Map(devices.filter((device) => device.kind === kind).map((device) => [device.deviceId, device]));
    this.availableInputDevices = byKind('audioinput');
    this.availableOutputDevices = byKind('audiooutput');
    if (announce) this.emit('deviceChange', []);
  }

  setInputDevice(deviceId: string): Promise<void> {
    const device = this.availableInputDevices.get(deviceId);
    if (device === undefined) return Promise.reject(new Error(`Device not found: ${deviceId}`));
    this.inputDevice = device;
    return Promise.resolve();
  }

  unsetInputDevice(): Promise<void> {
    this.inputDevice = null;
    return Promise.resolve();
  }

  setAudioConstraints(_constraints: MediaTrackConstraints): Promise<void> {
    return Promise.resolve();
  }

  unsetAudioConstraints(): Promise<void> {
    return Promise.resolve();
  }

  incoming(doEnable?: boolean): boolean {
    return doEnable ?? true;
  }

  outgoing(doEnable?: boolean): boolean {
    return doEnable ?? true;
  }

  disconnect(doEnable?: boolean): boolean {
    return doEnable ?? true;
  }
}
