/**
 * The Conversations client Flex constructs (`new Client(token, options)`), backed by the sandbox server instead of
 * Twilio. Like the real one it returns at once and connects in the background: `connectionState` goes
 * unknown -> connecting -> connected (each with `connectionStateChanged`), then it loads this identity's conversations
 * (`conversationAdded` / `conversationJoined` for each) and emits `stateChanged('initialized')` and `initialized`.
 * Methods called earlier wait for that. Afterwards the server's pushes keep conversations, participants and messages
 * current, and its `connectionState` pushes (the sandbox's "disconnect") drive `connectionState`.
 *
 * The token's content is ignored (no signature or grants are checked offline); the identity is the sandbox agent's.
 * No JS private fields (#x): Flex wraps the client in a Proxy and reads getters through it, which they would break.
 */
import { SANDBOX_AGENT_IDENTITY } from '../../../shared/protocol';
import type { ConversationsConnectionState, PushEvent } from '../../../shared/protocol';
import { sandboxApi } from './api';
import { cancellable } from './cancellable';
import type { Cancellable } from './cancellable';
import type { ClientEvents, ConnectionErrorData } from './clientEvents';
import type { Conversation } from './conversation';
import { ConversationRegistry } from './conversationRegistry';
import { ReplayEmitter } from './emitter';
import { ConversationsError, conversationNotFoundError, unsupportedError, userNotFoundError } from './errors';
import { RestPaginator } from './paginator';
import { PushStream } from './pushStream';
import type {
  ClientOptions,
  ConnectionState,
  CreateConversationOptions,
  NotificationsChannelType,
  RealClient,
  RealContentTemplate,
  RealMedia,
} from './realTypes';
import type { User } from './user';
import { UserRegistry, profileFromParticipant } from './users';

/** The SDK version this fake stands in for. */
const SDK_VERSION = '2.5.0';

export class Client
  extends ReplayEmitter<ClientEvents>
  implements
    Pick<
      RealClient,
      | 'version'
      | 'connectionState'
      | 'reachabilityEnabled'
      | 'token'
      | 'shutdown'
      | 'setPushRegistrationId'
      | 'unsetPushRegistrationId'
      | 'removePushRegistrations'
      | 'handlePushNotification'
      | 'getContentTemplates'
    >
{
  static readonly conversationAdded = 'conversationAdded';
  static readonly conversationJoined = 'conversationJoined';
  static readonly conversationLeft = 'conversationLeft';
  static readonly conversationRemoved = 'conversationRemoved';
  static readonly conversationUpdated = 'conversationUpdated';
  static readonly participantJoined = 'participantJoined';
  static readonly participantLeft = 'participantLeft';
  static readonly participantUpdated = 'participantUpdated';
  static readonly messageAdded = 'messageAdded';
  static readonly messageRemoved = 'messageRemoved';
  static readonly messageUpdated = 'messageUpdated';
  static readonly tokenAboutToExpire = 'tokenAboutToExpire';
  static readonly tokenExpired = 'tokenExpired';
  static readonly typingEnded = 'typingEnded';
  static readonly typingStarted = 'typingStarted';
  static readonly pushNotification = 'pushNotification';
  static readonly userSubscribed = 'userSubscribed';
  static readonly userUnsubscribed = 'userUnsubscribed';
  static readonly userUpdated = 'userUpdated';
  static readonly stateChanged = 'stateChanged';
  static readonly initialized = 'initialized';
  static readonly initFailed = 'initFailed';
  static readonly connectionStateChanged = 'connectionStateChanged';
  static readonly connectionError = 'connectionError';
  static readonly version: string = SDK_VERSION;

  readonly version: string = SDK_VERSION;
  connectionState: ConnectionState = 'unknown';

  private currentToken: string;
  private readonly identity = SANDBOX_AGENT_IDENTITY;
  private readonly users: UserRegistry;
  private readonly myself: User;
  private readonly registry: ConversationRegistry;
  private readonly stream: PushStream;
  private readonly ready: Promise<void>;
  private resolveReady: () => void = () => undefined;
  private rejectReady: (error: ConnectionErrorData) => void = () => undefined;
  private initialized = false;
  private initializing = false;
  private helloCount = 0;
  private isShutDown = false;

  /**
   * Returns a client that is still connecting; listen to `initialized` / `connectionStateChanged`, as with the real
   * one. The options (log level, region, Twilsock settings, ...) configure services that do not exist offline.
   */
  constructor(token: string, _options?: ClientOptions | null) {
    super();
    if (!token) throw new Error('A valid Twilio token should be provided');
    this.currentToken = token;
    const emitClient = <E extends keyof ClientEvents>(event: E, ...args: Parameters<ClientEvents[E]>) => {
      this.emit(event, ...args);
    };
    this.users = new UserRegistry(emitClient);
    this.myself = this.users.ensure(this.identity, profileFromParticipant(this.identity, {}));
    this.registry = new ConversationRegistry({
      identity: this.identity,
      api: sandboxApi,
      users: this.users,
      emitClient,
      isConnected: () => this.connectionState === 'connected',
    });
    this.stream = new PushStream({
      onEvent: (event) => this.handlePush(event),
      onDrop: () => this.handleDrop(),
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Nobody may be waiting when initialization fails; the failure is reported through `initFailed` too.
    this.ready.catch(() => undefined);
    // Connect after the caller has had the chance to add listeners, as the real client (async socket) allows.
    void Promise.resolve().then(() => this.connect());
  }

  /** @deprecated in the real SDK too: resolves once the client is initialized. */
  static async create(token: string, options?: ClientOptions | null): Promise<Client> {
    const client = new Client(token, options);
    await client.ready;
    return client;
  }

  /** Init registrations configure the real Twilsock; there is none here. */
  static populateInitRegistrations(_registration: unknown): void {
    return undefined;
  }

  /** This client's own user (the sandbox agent). */
  get user(): User {
    return this.myself;
  }

  /** False: the sandbox has no presence service (users' `isOnline` is null). */
  get reachabilityEnabled(): boolean {
    return false;
  }

  get token(): string {
    return this.currentToken;
  }

  shutdown(): Promise<void> {
    this.isShutDown = true;
    this.stream.close();
    this.setConnectionState('disconnected');
    return Promise.resolve();
  }

  /** Accepts the new token; it is not checked offline either. */
  updateToken(token: string): Promise<Client> {
    if (!token) return Promise.reject(new Error('A valid Twilio token should be provided'));
    this.currentToken = token;
    return Promise.resolve(this);
  }

  /** The conversation with this sid: the same object every time; rejects with "not found" for an unknown sid. */
  async getConversationBySid(conversationSid: string): Promise<Conversation> {
    await this.ready;
    return this.registry.fetch(conversationSid);
  }

  /** Like getConversationBySid (the real one does not subscribe; the sandbox stream covers all conversations). */
  async peekConversationBySid(conversationSid: string): Promise<Conversation> {
    await this.ready;
    return this.registry.fetch(conversationSid);
  }

  async getConversationByUniqueName(uniqueName: string): Promise<Conversation> {
    await this.ready;
    const found = this.registry.all().find((conversation) => conversation.uniqueName === uniqueName);
    if (found) return found;
    throw conversationNotFoundError(uniqueName);
  }

  /** This identity's conversations, on one page. */
  async getSubscribedConversations(): Promise<RestPaginator<Conversation>> {
    await this.ready;
    return RestPaginator.of(this.registry.joinedConversations());
  }

  createConversation(_options?: CreateConversationOptions): Promise<Conversation> {
    return Promise.reject(unsupportedError('Creating a conversation'));
  }

  /** The user with this identity, if this client has seen it (itself, or a participant of one of its conversations). */
  async getUser(identity: string): Promise<User> {
    await this.ready;
    const user = this.users.get(identity);
    if (!user) throw userNotFoundError(identity);
    user._resubscribe();
    return user;
  }

  async getSubscribedUsers(): Promise<User[]> {
    await this.ready;
    return this.users.all().filter((user) => user.isSubscribed);
  }

  // Push notifications need a device registration service; the sandbox has none, so these succeed and do nothing.

  setPushRegistrationId(_channelType: NotificationsChannelType, _registrationId: string): Promise<void> {
    return Promise.resolve();
  }

  unsetPushRegistrationId(_channelType: NotificationsChannelType): Promise<void> {
    return Promise.resolve();
  }

  removePushRegistrations(_channelType: NotificationsChannelType, _registrationId: string): Promise<void> {
    return Promise.resolve();
  }

  handlePushNotification(_notificationPayload: unknown): Promise<void> {
    return Promise.resolve();
  }

  getTemporaryContentUrlsForMediaSids(_mediaSids: string[]): Cancellable<Map<string, string>> {
    return cancellable(Promise.resolve(new Map<string, string>()));
  }

  getTemporaryContentUrlsForMedia(_contentSet: RealMedia[]): Cancellable<Map<string, string>> {
    return cancellable(Promise.resolve(new Map<string, string>()));
  }

  /** No rich content templates exist offline (Flex lists them for its template picker). */
  getContentTemplates(): Promise<Readonly<RealContentTemplate[]>> {
    return Promise.resolve([]);
  }

  // ---- Connection lifecycle ----

  private connect(): void {
    if (this.isShutDown) return;
    this.setConnectionState('connecting');
    this.stream.open();
  }

  private handleDrop(): void {
    // Until the next `hello` the server's view is unknown: the real client shows "connecting" while it retries.
    if (!this.isShutDown && this.connectionState === 'connected') this.setConnectionState('connecting');
  }

  private handlePush(event: PushEvent): void {
    if (this.isShutDown) return;
    try {
      this.routePush(event);
    } catch (error) {
      // A failing listener must not stop the stream for every later event (the browser would log it as uncaught).
      console.error('[sandbox conversations] error while handling push event', event.type, error);
    }
  }

  private routePush(event: PushEvent): void {
    switch (event.type) {
      case 'hello':
        this.helloCount += 1;
        this.applyServerState(event.connectionState);
        // A second hello means the stream was re-opened: pushes sent in the gap were missed.
        if (this.helloCount > 1 && this.initialized && event.connectionState === 'connected')
          this.runInBackground(this.resync());
        return;
      case 'connectionState':
        this.applyServerState(event.state);
        return;
      case 'conversationUpdated':
        this.registry.upsert(event.conversation);
        return;
      case 'conversationRemoved':
        this.registry.remove(event.conversationSid);
        return;
      case 'messageAdded':
        this.registry.applyMessage(event.message);
        return;
      case 'participantJoined':
        this.runInBackground(this.registry.applyParticipantJoined(event.participant));
        return;
      case 'participantLeft':
        this.registry.applyParticipantLeft(event.participant);
        return;
      default:
        // TaskRouter and configuration events travel on the same stream; they are the TaskRouter fake's business.
        return;
    }
  }

  private applyServerState(state: ConversationsConnectionState): void {
    this.setConnectionState(state);
    if (state === 'connected' && !this.initialized) this.runInBackground(this.initialize());
  }

  private setConnectionState(state: ConnectionState): void {
    if (state === this.connectionState) return;
    this.connectionState = state;
    this.emit('connectionStateChanged', state);
  }

  /** Loads this identity's conversations, then reports the client initialized. */
  private async initialize(): Promise<void> {
    if (this.initializing || this.initialized) return;
    this.initializing = true;
    try {
      const conversations = await sandboxApi.listConversations();
      if (this.isShutDown) return;
      this.registry.syncAll(conversations);
      this.initialized = true;
      this.resolveReady();
      this.emit('stateChanged', 'initialized');
      this.emit('initialized');
    } catch (error) {
      // Disconnected in the meantime: try again when the server says "connected".
      if (error instanceof ConversationsError && error.status === 503) return;
      const failure: ConnectionErrorData = {
        terminal: true,
        message: error instanceof Error ? error.message : String(error),
      };
      this.rejectReady(failure);
      this.emit('stateChanged', 'failed');
      this.emit('initFailed', { error: failure });
    } finally {
      this.initializing = false;
    }
  }

  private async resync(): Promise<void> {
    const conversations = await sandboxApi.listConversations();
    if (!this.isShutDown) await this.registry.resync(conversations);
  }

  private runInBackground(work: Promise<void>): void {
    work.catch((error: unknown) => console.error('[sandbox conversations] background update failed', error));
  }
}
