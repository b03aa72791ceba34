/** The paging arguments of `Conversation.getMessages(pageSize, anchor, direction)`. */
export interface PageQuery {
  readonly pageSize: number;
  /** Index to start from (included); undefined starts at the newest (backwards) or the oldest (forward) message. */
  readonly anchor: number | undefined;
  readonly direction: 'backwards' | 'forward';
}

/** Page size `getMessages` uses when none is given. */
export const DEFAULT_PAGE_SIZE = 30;
/** Largest page the sandbox serves, as the Conversations API caps it. */
export const MAX_PAGE_SIZE = 100;

/**
 * One page of `messages` (sorted by index), oldest first like the Conversations SDK's paginator.
 * hasPrevPage: older messages exist before the page; hasNextPage: newer ones exist after it.
 */
export function pageMessages<T extends { readonly index: number }>(
  messages: readonly T[],
  query: PageQuery,
): { readonly items: readonly T[]; readonly hasPrevPage: boolean; readonly hasNextPage: boolean } {
  const items = query.direction === 'backwards' ? pageBackwards(messages, query) : pageForward(messages, query);
  const [lower, upper] = bounds(items, query);
  return {
    items,
    hasPrevPage: messages.some((message) => message.index < lower),
    hasNextPage: messages.some((message) => message.index > upper),
  };
}

function pageBackwards<T extends { readonly index: number }>(messages: readonly T[], query: PageQuery): T[] {
  const eligible = messages.filter((message) => query.anchor === undefined || message.index <= query.anchor);
  return eligible.slice(Math.max(0, eligible.length - query.pageSize));
}

function pageForward<T extends { readonly index: number }>(messages: readonly T[], query: PageQuery): T[] {
  const eligible = messages.filter((message) => query.anchor === undefined || message.index >= query.anchor);
  return eligible.slice(0, query.pageSize);
}

/** Index range the page covers; an empty page covers only its anchor, so nothing is counted twice. */
function bounds(items: readonly { readonly index: number }[], query: PageQuery): [number, number] {
  const first = items[0];
  const last = items[items.length - 1];
  if (first !== undefined && last !== undefined) return [first.index, last.index];
  if (query.anchor !== undefined) return [query.anchor, query.anchor];
  // No anchor and nothing found: the conversation has no messages at all.
  return [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
}
