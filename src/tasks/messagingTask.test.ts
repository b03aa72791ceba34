import type { TaskLike } from './messagingTask';
import { messagingTaskFacts, snapshotServerTime } from './messagingTask';

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

  describe('snapshotServerTime', () => {
    const T0 = 1_700_000_000_000;

    /** A Flex task as Flex UI 2 builds it: its dates are the reservation's, its age and `sourceObject.task` the task's. */
    function snapshot(reservation: unknown, reservedAt = T0 - 5_000, age = 95): TaskLike {
      return { ...task({ conversationSid: 'CH1' }), dateCreated: new Date(reservedAt), age, sourceObject: reservation };
    }

    it("is the TaskRouter task's own creation plus its age: a queue wait before the reservation is not counted", () => {
      // Created at T0 - 90 s, reserved at T0 - 5 s, sent at T0 + 5 s: the reservation's date plus age would say T0 + 90 s.
      const reservation = { dateCreated: new Date(T0 - 5_000), task: { dateCreated: new Date(T0 - 90_000), age: 95 } };
      expect(snapshotServerTime(snapshot(reservation))).toBe(T0 + 5_000);
    });

    it('is the same as before for a task reserved the moment it was created', () => {
      const reservation = { dateCreated: new Date(T0), task: { dateCreated: new Date(T0), age: 3 } };
      expect(snapshotServerTime(snapshot(reservation, T0, 3))).toBe(T0 + 3_000);
    });

    it.each<[string, unknown]>([
      ['no sourceObject', undefined],
      ['a null sourceObject', null],
      ['a reservation without its task', { dateCreated: new Date(T0) }],
      ['a task without a creation time', { task: { age: 3 } }],
      ['a task without an age', { task: { dateCreated: new Date(T0) } }],
    ])('is null (no bound) for a snapshot with %s', (_case, reservation) => {
      expect(snapshotServerTime(snapshot(reservation))).toBeNull();
    });

    it.each<[string, unknown]>([
      ['a string creation time', { task: { dateCreated: '2023-11-14T22:13:20Z', age: 3 } }],
      ['an epoch creation time', { task: { dateCreated: T0, age: 3 } }],
      ['an invalid date', { task: { dateCreated: new Date(Number.NaN), age: 3 } }],
      ['a string age', { task: { dateCreated: new Date(T0), age: '3' } }],
      ['an infinite age', { task: { dateCreated: new Date(T0), age: Number.POSITIVE_INFINITY } }],
      ['a task that is an array', { task: [new Date(T0), 3] }],
      ['a sourceObject that is a string', 'WR1'],
    ])('is null (no bound) for %s', (_case, reservation) => {
      expect(snapshotServerTime(snapshot(reservation))).toBeNull();
    });
  });
});
