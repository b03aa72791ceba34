/**
 * An in-memory stand-in for the sandbox server, for the Conversations fake's unit tests: it answers the JSON routes
 * of sandbox/shared/protocol.ts through a fake `fetch`, pushes PushEvents on the FakeEventSources the client opens,
 * and follows the protocol's disconnect rule (503 from conversation routes, `messageAdded` held back and delivered in
 * order on reconnection). Every request is recorded for assertions.
 */
import { InternalRoutes, SANDBOX_AGENT_IDENTITY } from '../../../../shared/protocol';
import type {
  ConversationDto,
  ConversationsConnectionState,
  MessageDto,
  MessagePageDto,
  ParticipantDto,
  PushEvent,
  SendMessageRequest,
} from '../../../../shared/protocol';
import { setSandboxEnvironment } from '../environment';
import { FakeEventSource } from './fakeEventSource';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

const T0 = Date.parse('2024-05-01T10:00:00.000Z');

/** An ISO time `seconds` after a fixed start, so tests can compare dates exactly. */
export function isoAt(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString();
}

export function participantDto(
  overrides: Partial<ParticipantDto> & Pick<ParticipantDto, 'sid' | 'conversationSid'>,
): ParticipantDto {
  return {
    identity: null,
    type: 'chat',
    address: null,
    role: 'customer',
    attributes: {},
    dateCreated: isoAt(0),
    dateUpdated: isoAt(0),
    lastReadMessageIndex: null,
    ...overrides,
  };
}

/** A minimal `Response`: the fake reads only ok, status, json() and text(). */
function jsonResponse(status: number, body: unknown): Response {
  const text = body === undefined ? '' : JSON.stringify(body);
  const response = {
    ok: status >= 200 && status < 300,
    status,
    json: () => Promise.resolve(JSON.parse(text) as unknown),
    text: () => Promise.resolve(text),
  };
  // Typed boundary: the code under test uses only the members above.
  return response as unknown as Response;
}

export class FakeSandboxServer {
  readonly requests: RecordedRequest[] = [];
  readonly streams: FakeEventSource[] = [];
  connectionState: ConversationsConnectionState = 'connected';
  private readonly conversations = new Map<string, ConversationDto>();
  private readonly messages = new Map<string, MessageDto[]>();
  private held: PushEvent[] = [];
  /** `METHOD path` -> HTTP status to answer instead of the route's result. */
  private readonly failures = new Map<string, number>();
  private nextMessageSid = 1;

  /** Points the fake's environment at this server. */
  install(): this {
    setSandboxEnvironment({
      fetch: (input, init) => this.fetch(input, init),
      openEventSource: (url) => {
        const stream = new FakeEventSource(url);
        this.streams.push(stream);
        return stream;
      },
      baseUrl: '',
      reconnectDelayMs: 1000,
    });
    return this;
  }

  /** The stream the client opened last. */
  get stream(): FakeEventSource {
    const stream = this.streams[this.streams.length - 1];
    if (!stream) throw new Error('the client has not opened a stream');
    return stream;
  }

  /** Sends the `hello` that starts every stream, with the server's current connection state. */
  hello(): void {
    this.stream.push({ type: 'hello', serverTime: isoAt(0), connectionState: this.connectionState });
  }

  addConversation(
    sid: string,
    options: { participants?: ParticipantDto[]; attributes?: Record<string, unknown> } = {},
  ): ConversationDto {
    const participants = options.participants ?? [
      participantDto({ sid: `MB_agent_${sid}`, conversationSid: sid, identity: SANDBOX_AGENT_IDENTITY, role: 'agent' }),
      participantDto({ sid: `MB_customer_${sid}`, conversationSid: sid, identity: 'customer-1', role: 'customer' }),
    ];
    const dto: ConversationDto = {
      sid,
      friendlyName: `Conversation ${sid}`,
      uniqueName: null,
      attributes: options.attributes ?? {},
      state: 'active',
      dateCreated: isoAt(0),
      dateUpdated: isoAt(0),
      participants,
      lastMessageIndex: null,
      interactionSid: `KD${sid}`,
      interactionChannelSid: `UO${sid}`,
    };
    this.conversations.set(sid, dto);
    this.messages.set(sid, []);
    return dto;
  }

  conversation(sid: string): ConversationDto {
    const dto = this.conversations.get(sid);
    if (!dto) throw new Error(`no conversation ${sid}`);
    return dto;
  }

  /** Replaces a conversation's DTO and pushes `conversationUpdated`. */
  updateConversation(sid: string, change: (dto: ConversationDto) => ConversationDto): ConversationDto {
    const next = change(this.conversation(sid));
    this.conversations.set(sid, next);
    this.push({ type: 'conversationUpdated', conversation: next });
    return next;
  }

  /** Stores a message (as if posted by someone) and pushes `messageAdded` (held while disconnected). */
  addMessage(
    conversationSid: string,
    author: string,
    body: string,
    attributes: Record<string, unknown> = {},
  ): MessageDto {
    const message = this.storeMessage(conversationSid, author, body, attributes);
    if (this.connectionState === 'connected') this.push({ type: 'messageAdded', message });
    else this.held.push({ type: 'messageAdded', message });
    return message;
  }

  /** Stores messages without pushing them (history that existed before the page loaded, or sent during a gap). */
  seedMessages(conversationSid: string, count: number): MessageDto[] {
    const seeded: MessageDto[] = [];
    for (let i = 0; i < count; i++) seeded.push(this.storeMessage(conversationSid, 'customer-1', `message ${i}`, {}));
    return seeded;
  }

  /** The sandbox's disconnect switch: pushes `connectionState`; on reconnection delivers the held messages in order. */
  setConnection(state: ConversationsConnectionState): void {
    this.connectionState = state;
    this.push({ type: 'connectionState', state });
    if (state === 'connected') {
      const held = this.held;
      this.held = [];
      for (const event of held) this.push(event);
    }
  }

  push(event: PushEvent): void {
    for (const stream of this.streams) if (!stream.closed && stream.readyState !== 2) stream.push(event);
  }

  /** Makes a route answer `status` (with a text body) from now on. */
  failRoute(method: string, path: string, status: number): void {
    this.failures.set(`${method} ${path}`, status);
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  private storeMessage(
    conversationSid: string,
    author: string,
    body: string,
    attributes: Record<string, unknown>,
  ): MessageDto {
    const conversation = this.conversation(conversationSid);
    const list = this.messages.get(conversationSid) ?? [];
    const participant = conversation.participants.find((candidate) => candidate.identity === author);
    const message: MessageDto = {
      sid: `IM${String(this.nextMessageSid++).padStart(4, '0')}`,
      conversationSid,
      index: list.length,
      author,
      participantSid: participant ? participant.sid : null,
      body,
      attributes,
      dateCreated: isoAt(60 + list.length),
      dateUpdated: isoAt(60 + list.length),
    };
    list.push(message);
    this.messages.set(conversationSid, list);
    this.conversations.set(conversationSid, { ...conversation, lastMessageIndex: message.index });
    return message;
  }

  private fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://sandbox.test',
    );
    const method = init?.method ?? 'GET';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body });
    return Promise.resolve(this.route(method, url.pathname, url.searchParams, body));
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown): Response {
    const failure = this.failures.get(`${method} ${path}`);
    if (failure !== undefined) return jsonResponse(failure, 'failure injected by the test');
    const prefix = `${InternalRoutes.conversations}`;
    if (!path.startsWith(prefix)) return jsonResponse(404, { error: 'no such route' });
    if (this.connectionState !== 'connected') return jsonResponse(503, { error: 'disconnected' });
    const [sid, sub] = path.slice(prefix.length).split('/').filter(Boolean).map(decodeURIComponent);
    if (sid === undefined) {
      const mine = [...this.conversations.values()].filter((dto) =>
        dto.participants.some((participant) => participant.identity === SANDBOX_AGENT_IDENTITY),
      );
      return jsonResponse(200, mine);
    }
    const conversation = this.conversations.get(sid);
    if (!conversation) return jsonResponse(404, { error: 'not found' });
    if (sub === undefined && method === 'GET') return jsonResponse(200, conversation);
    if (sub === 'messages' && method === 'GET') return jsonResponse(200, this.page(sid, query));
    if (sub === 'messages' && method === 'POST') {
      // Typed boundary: the fake under test sends SendMessageRequest bodies.
      const request = body as SendMessageRequest;
      return jsonResponse(200, this.addMessage(sid, request.author, request.body, request.attributes));
    }
    return jsonResponse(404, { error: 'no such route' });
  }

  private page(sid: string, query: URLSearchParams): MessagePageDto {
    const all = this.messages.get(sid) ?? [];
    const pageSize = Number(query.get('pageSize') ?? '30');
    const anchorText = query.get('anchor');
    let items: MessageDto[];
    if (query.get('direction') === 'forward') {
      const anchor = anchorText === null ? 0 : Number(anchorText);
      items = all.filter((message) => message.index >= anchor).slice(0, pageSize);
    } else {
      const anchor = anchorText === null ? Number.POSITIVE_INFINITY : Number(anchorText);
      items = all.filter((message) => message.index <= anchor).slice(-pageSize);
    }
    const first = items[0]?.index ?? -1;
    const last = items[items.length - 1]?.index ?? -1;
    return {
      items,
      hasPrevPage: items.length > 0 && all.some((message) => message.index < first),
      hasNextPage: items.length > 0 && all.some((message) => message.index > last),
    };
  }
}
