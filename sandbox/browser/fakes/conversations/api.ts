/**
 * The JSON routes of the sandbox server (InternalRoutes in sandbox/shared/protocol.ts) as typed calls, with HTTP
 * failures turned into SDK-like errors: 503 (the agent's Conversations connection is "disconnected") and 404 get the
 * errors the real SDK would raise in those situations.
 */
import { InternalRoutes } from '../../../shared/protocol';
import type { ConversationDto, MessageDto, MessagePageDto, SendMessageRequest } from '../../../shared/protocol';
import { getSandboxEnvironment } from './environment';
import { ConversationsError, conversationNotFoundError, notConnectedError } from './errors';

export type PageDirection = 'backwards' | 'forward';

export interface MessagePageQuery {
  readonly pageSize: number;
  /** Index to start from (included); omitted means "from the newest" backwards, "from the oldest" forward. */
  readonly anchor?: number;
  readonly direction: PageDirection;
}

/** Typed boundary: the server is the one described by protocol.ts, so its JSON bodies have the declared shapes. */
async function readJson<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

function conversationPath(conversationSid: string): string {
  return `${InternalRoutes.conversations}/${encodeURIComponent(conversationSid)}`;
}

async function request(path: string, action: string, init?: RequestInit, conversationSid?: string): Promise<Response> {
  const environment = getSandboxEnvironment();
  let response: Response;
  try {
    response = await environment.fetch(`${environment.baseUrl}${path}`, {
      ...init,
      headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) },
    });
  } catch (cause) {
    // The server itself is unreachable: for the page this is the same as a lost Conversations connection.
    throw notConnectedError(action, cause instanceof Error ? cause.message : String(cause));
  }
  if (response.ok) return response;
  if (response.status === 503) throw notConnectedError(action, 'the sandbox connection is disconnected');
  if (response.status === 404 && conversationSid !== undefined) throw conversationNotFoundError(conversationSid);
  const detail = await response.text().catch(() => '');
  throw new ConversationsError(
    `Cannot ${action}: the sandbox server answered ${response.status}${detail ? `: ${detail}` : ''}`,
    response.status,
    response.status * 100,
  );
}

export const sandboxApi = {
  /** The conversations the agent is a participant of. */
  async listConversations(): Promise<ConversationDto[]> {
    const response = await request(InternalRoutes.conversations, 'list conversations');
    return readJson<ConversationDto[]>(response);
  },

  async getConversation(conversationSid: string): Promise<ConversationDto> {
    const response = await request(
      conversationPath(conversationSid),
      `get conversation ${conversationSid}`,
      undefined,
      conversationSid,
    );
    return readJson<ConversationDto>(response);
  },

  async getMessages(conversationSid: string, query: MessagePageQuery): Promise<MessagePageDto> {
    const params = new URLSearchParams({ pageSize: String(query.pageSize), direction: query.direction });
    if (query.anchor !== undefined) params.set('anchor', String(query.anchor));
    const response = await request(
      `${conversationPath(conversationSid)}/messages?${params.toString()}`,
      `get messages of conversation ${conversationSid}`,
      undefined,
      conversationSid,
    );
    return readJson<MessagePageDto>(response);
  },

  async postMessage(conversationSid: string, body: SendMessageRequest): Promise<MessageDto> {
    const response = await request(
      `${conversationPath(conversationSid)}/messages`,
      `send a message to conversation ${conversationSid}`,
      { method: 'POST', body: JSON.stringify(body) },
      conversationSid,
    );
    return readJson<MessageDto>(response);
  },
};

export type SandboxApi = typeof sandboxApi;
