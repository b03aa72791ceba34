import { pageMessages } from './messagePaging';

const messages = (count: number) => Array.from({ length: count }, (_, index) => ({ index }));
const indexes = (page: { items: readonly { index: number }[] }) => page.items.map((item) => item.index);

describe('sandbox/server messagePaging', () => {
  it('answers an empty page for an empty conversation', () => {
    expect(pageMessages([], { pageSize: 30, anchor: undefined, direction: 'backwards' })).toEqual({
      items: [],
      hasPrevPage: false,
      hasNextPage: false,
    });
  });

  it('returns everything when it fits one page', () => {
    const page = pageMessages(messages(3), { pageSize: 30, anchor: undefined, direction: 'backwards' });
    expect(indexes(page)).toEqual([0, 1, 2]);
    expect(page).toMatchObject({ hasPrevPage: false, hasNextPage: false });
  });

  it('walks backwards page by page with anchor = first index - 1, as the SDK paginator does', () => {
    const all = messages(7);
    const last = pageMessages(all, { pageSize: 3, anchor: undefined, direction: 'backwards' });
    const middle = pageMessages(all, { pageSize: 3, anchor: 3, direction: 'backwards' });
    const first = pageMessages(all, { pageSize: 3, anchor: 0, direction: 'backwards' });
    expect([indexes(last), indexes(middle), indexes(first)]).toEqual([[4, 5, 6], [1, 2, 3], [0]]);
    expect([last.hasPrevPage, middle.hasPrevPage, first.hasPrevPage]).toEqual([true, true, false]);
    expect([last.hasNextPage, middle.hasNextPage, first.hasNextPage]).toEqual([false, true, true]);
  });

  it('starts forward paging at the oldest message without an anchor', () => {
    const page = pageMessages(messages(5), { pageSize: 2, anchor: undefined, direction: 'forward' });
    expect(indexes(page)).toEqual([0, 1]);
    expect(page).toMatchObject({ hasPrevPage: false, hasNextPage: true });
  });

  it('reports the messages around an anchor beyond the ends', () => {
    const after = pageMessages(messages(5), { pageSize: 2, anchor: 9, direction: 'forward' });
    expect(after).toEqual({ items: [], hasPrevPage: true, hasNextPage: false });
  });
});
