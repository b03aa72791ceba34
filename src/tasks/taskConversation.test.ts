import { conversationSidOf } from './taskConversation';

describe('tasks/taskConversation', () => {
  it('reads attributes.conversationSid first', () => {
    expect(conversationSidOf({ attributes: { conversationSid: 'CH1', channelSid: 'CH2' } })).toBe('CH1');
  });

  it('falls back on attributes.channelSid', () => {
    expect(conversationSidOf({ attributes: { channelSid: 'CH2' } })).toBe('CH2');
    expect(conversationSidOf({ attributes: { conversationSid: '', channelSid: 'CH2' } })).toBe('CH2');
    expect(conversationSidOf({ attributes: { conversationSid: 42, channelSid: 'CH2' } })).toBe('CH2');
  });

  it('trims the sid, as Flex does, so a padded attribute still finds its conversation', () => {
    expect(conversationSidOf({ attributes: { conversationSid: ' CH1\n' } })).toBe('CH1');
  });

  it('is undefined for blanks, as Flex gives an empty sid for them', () => {
    expect(conversationSidOf({ attributes: { conversationSid: '   ' } })).toBeUndefined();
    // Flex picks the blank conversationSid before channelSid; reading channelSid here would disagree with Flex.
    expect(conversationSidOf({ attributes: { conversationSid: ' ', channelSid: 'CH2' } })).toBeUndefined();
  });

  it('is undefined for voice tasks, odd attributes and no task', () => {
    expect(conversationSidOf({ attributes: { call_sid: 'CA1' } })).toBeUndefined();
    expect(conversationSidOf({ attributes: { conversationSid: 42 } })).toBeUndefined();
    expect(conversationSidOf({ attributes: {} })).toBeUndefined();
    expect(conversationSidOf({ attributes: null })).toBeUndefined();
    expect(conversationSidOf({ attributes: 'CH1' })).toBeUndefined();
    expect(conversationSidOf({})).toBeUndefined();
    expect(conversationSidOf(undefined)).toBeUndefined();
  });
});
