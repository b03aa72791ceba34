/**
 * A Conversations user (the identity behind a chat participant). Flex reads `friendlyName` / `isOnline` to label
 * participants and message authors, listens to `updated`, calls `unsubscribe()` after fetching participants and
 * `updateFriendlyName()` on its own user at start-up.
 *
 * The sandbox server has no user resources: profile edits stay in this page (the real service would store them).
 */
import { ReplayEmitter } from './emitter';
import type { Emit } from './emitter';
import type { JSONValue, RealUser, UserUpdateReason } from './realTypes';
import { sameJson } from './wire';

export interface UserProfile {
  readonly friendlyName: string | null;
  readonly attributes: JSONValue;
}

export interface UserUpdatedArgs {
  user: User;
  updateReasons: UserUpdateReason[];
}

/** A user's own events, with the real SDK's names and payloads. */
export type UserEvents = {
  updated: (data: UserUpdatedArgs) => void;
  userSubscribed: (user: User) => void;
  userUnsubscribed: (user: User) => void;
};

/** The events a user raises on the client as well (the real client repeats them). */
export type UserClientEvents = {
  userSubscribed: (user: User) => void;
  userUnsubscribed: (user: User) => void;
  userUpdated: (data: UserUpdatedArgs) => void;
};

export class User
  extends ReplayEmitter<UserEvents>
  implements
    Pick<
      RealUser,
      | 'identity'
      | 'attributes'
      | 'friendlyName'
      | 'isOnline'
      | 'isNotifiable'
      | 'isSubscribed'
      | 'updated'
      | 'userSubscribed'
      | 'userUnsubscribed'
      | 'unsubscribe'
    >
{
  // The real User carries its event names as instance fields.
  readonly updated = 'updated';
  readonly userSubscribed = 'userSubscribed';
  readonly userUnsubscribed = 'userUnsubscribed';

  private profile: UserProfile;
  private subscribed = true;

  constructor(
    private readonly userIdentity: string,
    profile: UserProfile,
    private readonly emitClient: Emit<UserClientEvents>,
  ) {
    super();
    this.profile = profile;
  }

  get identity(): string {
    return this.userIdentity;
  }

  get attributes(): JSONValue {
    return this.profile.attributes;
  }

  get friendlyName(): string | null {
    return this.profile.friendlyName;
  }

  /** Null, as in the real SDK when reachability is disabled (the sandbox has no presence service). */
  get isOnline(): boolean | null {
    return null;
  }

  get isNotifiable(): boolean | null {
    return null;
  }

  get isSubscribed(): boolean {
    return this.subscribed;
  }

  updateAttributes(attributes: JSONValue): Promise<User> {
    this._applyProfile({ ...this.profile, attributes });
    return Promise.resolve(this);
  }

  updateFriendlyName(friendlyName: string): Promise<User> {
    this._applyProfile({ ...this.profile, friendlyName });
    return Promise.resolve(this);
  }

  /** Stops counting the user as subscribed; events keep flowing because the sandbox has no subscription limit. */
  unsubscribe(): Promise<void> {
    if (this.subscribed) {
      this.subscribed = false;
      this.emit('userUnsubscribed', this);
      this.emitClient('userUnsubscribed', this);
    }
    return Promise.resolve();
  }

  /** Internal: marks the user subscribed again (fetched anew through `Client.getUser`). */
  _resubscribe(): void {
    if (this.subscribed) return;
    this.subscribed = true;
    this.emit('userSubscribed', this);
    this.emitClient('userSubscribed', this);
  }

  /** Internal: takes a new profile and emits `updated` (here and on the client) when something changed. */
  _applyProfile(profile: UserProfile): void {
    const updateReasons: UserUpdateReason[] = [];
    if (profile.friendlyName !== this.profile.friendlyName) updateReasons.push('friendlyName');
    if (!sameJson(profile.attributes, this.profile.attributes)) updateReasons.push('attributes');
    this.profile = profile;
    if (updateReasons.length === 0) return;
    this.emit('updated', { user: this, updateReasons });
    this.emitClient('userUpdated', { user: this, updateReasons });
  }
}
