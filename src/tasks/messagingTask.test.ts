import type { TaskLike } from './messagingTask';
import { messagingTaskFacts } from './messagingTask';

/** A task as Flex holds it; `attributes` replaces the whole attribute object. */
function task(attributes: unknown, taskChannelUniqueName = 'chat'): TaskLike {
  // Flex types attributes as an object, but they are whatever the task's creator wrote: odd shapes are tested too.
  return {
    sid: 'WR1',
    taskSid: 'WT1',
    status: 'accepted',
    taskChannelUniqueName,
    attributes: attributes as TaskLike['attributes'],
  };
}

describe('tasks/messagingTask', () => {
  it('reads a Flex Conversations webchat task', () => {
    const facts = messagingTaskFacts(
      task({
        conversationSid: 'CH1',
        channelType: 'web',
        customerName: 'Jane',
        customerAddress: 'jane-identity',
        from: 'Jane D.',
        flexInteractionChannelSid: 'UO1',
      }),
    );
    expect(facts).toEqual({
      reservationSid: 'WR1',
      taskSid: 'WT1',
      conversationSid: 'CH1',
      channelType: 'web',
      customerName: 'Jane',
      interactionChannelSid: 'UO1',
      customerAddresses: ['jane-identity', 'Jane D.'],
    });
  });

  it.each<[string, unknown]>([
    ['a voice task', { call_sid: 'CA1', from: '+15550001111' }],
    ['an empty conversationSid', { conversationSid: '  ' }],
    ['a numeric conversationSid', { conversationSid: 42 }],
    ['null attributes', null],
    ['string attributes', 'CH1'],
  ])('returns null for %s', (_case, attributes) => {
    expect(messagingTaskFacts(task(attributes, 'voice'))).toBeNull();
  });

  it("reads the task's TaskRouter queue, which may have settings of its own", () => {
    const inBilling: TaskLike = { ...task({ conversationSid: 'CH1' }), queueName: 'Billing' };
    expect(messagingTaskFacts(inBilling)?.queueName).toBe('Billing');
    expect(messagingTaskFacts(task({ conversationSid: 'CH1' }))?.queueName).toBeUndefined();
  });

  it('reads the conversation from channelSid when conversationSid is absent, as Flex UI 2 does', () => {
    expect(messagingTaskFacts(task({ channelSid: 'CH1' }, 'chat'))?.conversationSid).toBe('CH1');
  });

  it("falls back to the task channel's unique name when channelType is missing", () => {
    expect(messagingTaskFacts(task({ conversationSid: 'CH1' }, 'sms'))?.channelType).toBe('sms');
    expect(messagingTaskFacts(task({ conversationSid: 'CH1', channelType: '' }, 'whatsapp'))?.channelType).toBe(
      'whatsapp',
    );
  });

  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['customerName first', { customerName: 'Jane', name: 'J', from: 'x' }, 'Jane'],
    ['name when customerName is blank', { customerName: ' ', name: 'Jane' }, 'Jane'],
    ['from on web', { channelType: 'web', from: 'Jane' }, 'Jane'],
    ['from on the generic chat channel', { channelType: 'chat', from: 'Jane' }, 'Jane'],
    ['never a phone number from SMS', { channelType: 'sms', from: '+15550001111' }, undefined],
    ['never a whatsapp address', { channelType: 'whatsapp', from: 'whatsapp:+15550001111' }, undefined],
    ['nothing for a non-string name', { customerName: 7, channelType: 'sms' }, undefined],
  ])('takes the customer name from %s', (_case, attributes, expected) => {
    expect(messagingTaskFacts(task({ conversationSid: 'CH1', ...attributes }))?.customerName).toBe(expected);
  });

  it('lists the addresses the customer writes from, skipping missing or blank ones', () => {
    const sms = task({
      conversationSid: 'CH1',
      channelType: 'sms',
      customerAddress: '+15550001111',
      from: '+15550001111',
    });
    expect(messagingTaskFacts(sms)?.customerAddresses).toEqual(['+15550001111', '+15550001111']);
    const blank = task({ conversationSid: 'CH1', customerAddress: '', from: 3 });
    expect(messagingTaskFacts(blank)?.customerAddresses).toEqual([]);
  });

  it('has no interaction channel on tasks without flexInteractionChannelSid', () => {
    expect(messagingTaskFacts(task({ conversationSid: 'CH1' }))?.interactionChannelSid).toBeUndefined();
  });
});
