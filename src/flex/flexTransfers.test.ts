import type { TransferStatus } from '../core/transferStatus';
import type { TransferListsStore } from './flexTransfers';
import { flexTransferGateway } from './flexTransfers';

type Lists = Record<string, { transfers: unknown[] }>;

/** Flex's chat state, reduced to the transfer lists, with Redux's subscribe semantics. */
function chatStore(initial: Lists = {}) {
  let conversations: Lists = initial;
  const listeners = new Set<() => void>();
  const store: TransferListsStore = {
    getState: () => ({ flex: { chat: { conversations } } }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    store,
    listenerCount: () => listeners.size,
    /** What Flex's `CONVERSATION_LOAD_TRANSFERS` does: a new list object for one conversation. */
    load(conversationSid: string, transfers: unknown[]) {
      conversations = { ...conversations, [conversationSid]: { transfers } };
      listeners.forEach((listener) => listener());
    },
    /** Any other change of the store. */
    touch() {
      conversations = { ...conversations };
      listeners.forEach((listener) => listener());
    },
  };
}

function heard(): { statuses: TransferStatus[]; onStatus: (status: TransferStatus) => void } {
  const statuses: TransferStatus[] = [];
  return { statuses, onStatus: (status) => statuses.push(status) };
}

describe('flex/flexTransfers', () => {
  it('reports a transfer Flex loads as active, then its failure, once each', () => {
    const flex = chatStore();
    const gateway = flexTransferGateway(flex.store);
    const { statuses, onStatus } = heard();
    gateway.watch('CH1', onStatus);
    expect(statuses).toEqual([]);
    flex.load('CH1', [{ status: 'active', dateCreated: new Date(1) }]);
    flex.touch();
    flex.load('CH1', [{ status: 'active', dateCreated: new Date(1) }]);
    expect(statuses).toEqual(['pending']);
    flex.load('CH1', [{ status: 'failed', dateCreated: new Date(1) }]);
    expect(statuses).toEqual(['pending', 'failed']);
  });

  it('reports at once a transfer already listed when the watch starts (a reload during a transfer)', () => {
    const flex = chatStore({ CH1: { transfers: [{ status: 'active' }] } });
    const { statuses, onStatus } = heard();
    flexTransferGateway(flex.store).watch('CH1', onStatus);
    expect(statuses).toEqual(['pending']);
  });

  it('takes an empty list as an answer only once Flex replaced the one it created the conversation with', () => {
    const flex = chatStore();
    const { statuses, onStatus } = heard();
    flexTransferGateway(flex.store).watch('CH1', onStatus);
    flex.load('CH1', []);
    expect(statuses).toEqual([]);
    flex.load('CH1', []);
    expect(statuses).toEqual(['none']);
  });

  it('reports no transfer when Flex loads an empty list after a reload that restored a held countdown', () => {
    const flex = chatStore({ CH1: { transfers: [] } });
    const { statuses, onStatus } = heard();
    flexTransferGateway(flex.store).watch('CH1', onStatus);
    expect(statuses).toEqual([]);
    flex.load('CH1', []);
    expect(statuses).toEqual(['none']);
  });

  it('keeps conversations apart and uses one store subscription, released with the last watch', () => {
    const flex = chatStore();
    const gateway = flexTransferGateway(flex.store);
    const first = heard();
    const second = heard();
    const stopFirst = gateway.watch('CH1', first.onStatus);
    const stopSecond = gateway.watch('CH2', second.onStatus);
    expect(flex.listenerCount()).toBe(1);
    flex.load('CH2', [{ status: 'completed' }]);
    expect(first.statuses).toEqual([]);
    expect(second.statuses).toEqual(['completed']);
    stopFirst();
    expect(flex.listenerCount()).toBe(1);
    stopSecond();
    expect(flex.listenerCount()).toBe(0);
    flex.load('CH1', [{ status: 'active' }]);
    expect(first.statuses).toEqual([]);
  });
});
