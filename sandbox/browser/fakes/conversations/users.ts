/**
 * The users this client knows: its own, and everyone who is a participant with an identity in a conversation it has
 * seen. One User object per identity, so Flex's per-user listeners keep working across lookups.
 */
import type { Emit } from './emitter';
import type { JSONValue } from './realTypes';
import { User } from './user';
import type { UserClientEvents, UserProfile } from './user';

/** Participant attributes that a channel typically uses to carry a display name. */
const NAME_ATTRIBUTES = ['friendlyName', 'friendly_name', 'name', 'customerName'] as const;

/**
 * A user's profile from what the sandbox knows about the participant: a display name from the participant's
 * attributes if it has one, else the identity (the sandbox has no user resources; in production the channel sets it).
 */
export function profileFromParticipant(identity: string, attributes: JSONValue): UserProfile {
  let friendlyName = identity;
  if (typeof attributes === 'object' && attributes !== null && !Array.isArray(attributes)) {
    for (const key of NAME_ATTRIBUTES) {
      const value = attributes[key];
      if (typeof value === 'string' && value.trim() !== '') {
        friendlyName = value;
        break;
      }
    }
  }
  return { friendlyName, attributes: {} };
}

export class UserRegistry {
  private readonly users = new Map<string, User>();

  constructor(private readonly emitClient: Emit<UserClientEvents>) {}

  /** The user for `identity`, created with `profile` if new (an existing user keeps its profile). */
  ensure(identity: string, profile: UserProfile): User {
    const existing = this.users.get(identity);
    if (existing) return existing;
    const user = new User(identity, profile, this.emitClient);
    this.users.set(identity, user);
    return user;
  }

  get(identity: string): User | undefined {
    return this.users.get(identity);
  }

  all(): User[] {
    return [...this.users.values()];
  }
}
