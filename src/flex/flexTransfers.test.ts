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

// The watched reservation, stamped by TaskRouter to the whole second; its own transfer came 5 s after it.
const RESERVED_AT = Date.parse('2026-12-05T10:00:00Z');
const OWN = new Date(RESERVED_AT + 5_000);
// The transfer that brought the chat to this agent: created before the reservation it led to.
const RECEIVED = new Date(RESERVED_AT - 20_000);

function heard(): { statuses: TransferStatus[]; onStatus: (status: TransferStatus) => void } {
  const statuses: TransferStatus[] = [];
  return { statuses, onStatus: (status) => statuses.push(status) };
}

describe('flex/flexTransfers', () => {
  it('reports a transfer Flex loads as active, then its failure, once each', () => {
    const flex = chatStore();
    const gateway = flexTransferGateway(flex.store);
    const { statuses, onStatus } = heard();
    gateway.watch('CH1', RESERVED_AT, onStatus);
    expect(statuses).toEqual([]);
    flex.load('CH1', [{ status: 'active', dateCreated: OWN }]);
    flex.touch();
    flex.load('CH1', [{ status: 'active', dateCreated: OWN }]);
    expect(statuses).toEqual(['pending']);
    flex.load('CH1', [{ status: 'failed', dateCreated: OWN }]);
    expect(statuses).toEqual(['pending', 'failed']);
  });

  it('reports at once a transfer already listed when the watch starts (a reload during a transfer)', () => {
    const flex = chatStore({ CH1: { transfers: [{ status: 'active' }] } });
    const { statuses, onStatus } = heard();
    flexTransferGateway(flex.store).watch('CH1', RESERVED_AT, onStatus);
    expect(statuses).toEqual(['pending']);
  });

  it('takes an empty list as an answer only once Flex replaced the one it created the conversation with', () => {
    const flex = chatStore();
    const { statuses, onStatus } = heard();
    flexTransferGateway(flex.store).watch('CH1', RESERVED_AT, onStatus);
    flex.load('CH1', []);
    expect(statuses).toEqual([]);
    flex.load('CH1', []);
    expect(statuses).toEqual(['none']);
  });

  it('reports no transfer when Flex loads an empty list after a reload that restored a held countdown', () => {
    const flex = chatStore({ CH1: { transfers: [] } });
    const { statuses, onStatus } = heard();
    flexTransferGateway(flex.store).watch('CH1', RESERVED_AT, onStatus);
    expect(statuses).toEqual([]);
    flex.load('CH1', []);
    expect(statuses).toEqual(['none']);
  });

  it('keeps conversations apart and uses one store subscription, released with the last watch', () => {
    const flex = chatStore();
    const gateway = flexTransferGateway(flex.store);
    const first = heard();
    const second = heard();
    const stopFirst = gateway.watch('CH1', RESERVED_AT, first.onStatus);
    const stopSecond = gateway.watch('CH2', RESERVED_AT, second.onStatus);
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

describe('flex/flexTransfers: only the transfers of the watched reservation', () => {
  it('the receiving agent: the completed transfer that brought the chat is not reported as this reservation ending', () => {
    const flex = chatStore();
    const { statuses, onStatus } = heard();
    // taskAccepted: tracking starts before Flex has loaded the conversation.
    flexTransferGateway(flex.store).watch('CH1', RESERVED_AT, onStatus);
    flex.load('CH1', []); // ConversationState created with an empty list
    // ConversationState.init: ChatManager.getTransfers lists the Interactions channel's transfers, all of them.
    flex.load('CH1', [{ sid: 'TR1', status: 'COMPLETED', dateCreated: RECEIVED }]);
    // 'none': no transfer of this reservation, so the countdown goes on (it was ['completed'] before the fix).
    expect(statuses).toEqual(['none']);
  });

  it('the receiving agent: the transfer that brought the chat, still listed active, does not hold the countdown', () => {
    const flex = chatStore({ CH1: { transfers: [{ sid: 'TR1', status: 'active', dateCreated: RECEIVED }] } });
    const { statuses, onStatus } = heard();
    flexTransferGateway(flex.store).watch('CH1', RESERVED_AT, onStatus);
    expect(statuses).toEqual([]);
  });

  it('takes no "none" from a list loaded before the watch: another tab may list the chat as it was long ago', () => {
    // Tab 2 loaded the chat when it opened; tab 1 then started a transfer, and tab 2's Flex never reloaded its list.
    const flex = chatStore({ CH1: { transfers: [{ sid: 'TR1', status: 'completed', dateCreated: RECEIVED }] } });
    const { statuses, onStatus } = heard();
    flexTransferGateway(flex.store).watch('CH1', RESERVED_AT, onStatus);
    expect(statuses).toEqual([]); // a hold restored from tab 1 stays: the transfer may still be under way
    flex.load('CH1', [{ sid: 'TR1', status: 'completed', dateCreated: RECEIVED }]); // Flex loads the list anew
    expect(statuses).toEqual(['none']);
  });

  it('reports the transfer this reservation starts after the one that brought the chat', () => {
    const flex = chatStore({ CH1: { transfers: [{ sid: 'TR1', status: 'completed', dateCreated: RECEIVED }] } });
    const { statuses, onStatus } = heard();
    flexTransferGateway(flex.store).watch('CH1', RESERVED_AT, onStatus);
    flex.load('CH1', [
      { sid: 'TR1', status: 'completed', dateCreated: RECEIVED },
      { sid: 'TR2', status: 'active', dateCreated: OWN },
    ]);
    flex.load('CH1', [
      { sid: 'TR1', status: 'completed', dateCreated: RECEIVED },
      { sid: 'TR2', status: 'failed', dateCreated: OWN },
    ]);
    expect(statuses).toEqual(['pending', 'failed']);
  });

  it('gives each watch of one conversation its own answer: an earlier reservation and the one routed back', () => {
    const flex = chatStore();
    const gateway = flexTransferGateway(flex.store);
    const earlier = heard();
    const routedBack = heard();
    gateway.watch('CH1', RESERVED_AT, earlier.onStatus);
    gateway.watch('CH1', RESERVED_AT + 60_000, routedBack.onStatus);
    flex.load('CH1', []);
    flex.load('CH1', [{ sid: 'TR1', status: 'active', dateCreated: OWN }]);
    expect(earlier.statuses).toEqual(['pending']);
    expect(routedBack.statuses).toEqual(['none']);
  });

  it('counts a transfer in the second after the reservation, not one in its own second', () => {
    const flex = chatStore();
    const gateway = flexTransferGateway(flex.store);
    const { statuses, onStatus } = heard();
    gateway.watch('CH1', RESERVED_AT, onStatus);
    flex.load('CH1', []);
    flex.load('CH1', [{ status: 'active', dateCreated: new Date(RESERVED_AT + 999) }]);
    expect(statuses).toEqual(['none']);
    flex.load('CH1', [{ status: 'active', dateCreated: new Date(RESERVED_AT + 1_000) }]);
    expect(statuses).toEqual(['none', 'pending']);
  });

  it('counts every transfer when the task does not say when the reservation was created', () => {
    const flex = chatStore();
    const { statuses, onStatus } = heard();
    flexTransferGateway(flex.store).watch('CH1', undefined, onStatus);
    flex.load('CH1', [{ status: 'completed', dateCreated: RECEIVED }]);
    expect(statuses).toEqual(['completed']);
  });
});
