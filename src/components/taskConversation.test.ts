import { conversationSidOf } from './taskConversation';

describe('components/taskConversation', () => {
  it('reads attributes.conversationSid first', () => {
    expect(conversationSidOf({ attributes: { conversationSid: 'CH1', channelSid: 'CH2' } })).toBe('CH1');
  });

  it('falls back on attributes.channelSid', () => {
    expect(conversationSidOf({ attributes: { channelSid: 'CH2' } })).toBe('CH2');
    expect(conversationSidOf({ attributes: { conversationSid: '', channelSid: 'CH2' } })).toBe('CH2');
  });

  it('is undefined for voice tasks, odd attributes and no task', () => {
    expect(conversationSidOf({ attributes: { call_sid: 'CA1' } })).toBeUndefined();
    expect(conversationSidOf({ attributes: { conversationSid: 42 } })).toBeUndefined();
    expect(conversationSidOf({ attributes: {} })).toBeUndefined();
    expect(conversationSidOf(undefined)).toBeUndefined();
  });
});
