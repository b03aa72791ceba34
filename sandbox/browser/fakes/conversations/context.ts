/**
 * What a conversation (and its participants and messages) needs from the client that owns it. Passed down instead
 * of the Client itself so the objects do not depend on the client's public API.
 */
import type { SandboxApi } from './api';
import type { Conversation } from './conversation';
import type { ClientEmit } from './events';
import type { UserRegistry } from './users';

export interface ClientContext {
  /** The identity this client acts as: the author of its messages, the participant whose read horizon it moves. */
  readonly identity: string;
  readonly api: SandboxApi;
  readonly users: UserRegistry;
  /** True while the Conversations connection is "connected"; sends refuse otherwise. */
  isConnected(): boolean;
  /** Re-emits an event on the client (the real client repeats its conversations' events). */
  readonly emitClient: ClientEmit;
  /** Called after a conversation's `status` changed (this client joined or left it). */
  membershipChanged(conversation: Conversation): void;
}
