import { Actions } from '@twilio/flex-ui';

import { registerInactivityMessageAction } from './inactivityMessageAction';

const sent: Array<{ sid: string; body: string; attributes: unknown }> = [];

beforeAll(() => {
  registerInactivityMessageAction({
    actions: Actions,
    conversation: (sid) =>
      Promise.resolve({
        sendMessage: (body: string, attributes: unknown) => {
          sent.push({ sid, body, attributes });
          return Promise.resolve(7);
        },
      } as never),
  });
});

let consoleError: jest.SpyInstance;

beforeEach(() => {
  sent.length = 0;
  // Flex's ErrorManager logs every rejected action body to console.error; keep the output readable.
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  consoleError.mockRestore();
});

async function rejectionOf(payload: unknown): Promise<string> {
  try {
    await Actions.invokeAction('SendInactivityMessage', payload);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected the invocation to reject');
}

describe('flex/inactivityMessageAction', () => {
  it('sends the body with the attributes, as JSON keeps them, and resolves with the message index', async () => {
    const messageAttributes = { inactivity: { kind: 'warning', at: 5 }, dropped: undefined };
    await expect(
      Actions.invokeAction('SendInactivityMessage', {
        conversationSid: 'CH1',
        body: 'Still there?',
        messageAttributes,
      }),
    ).resolves.toBe(7);
    expect(sent).toEqual([
      { sid: 'CH1', body: 'Still there?', attributes: { inactivity: { kind: 'warning', at: 5 } } },
    ]);
    expect(Object.keys(sent[0]?.attributes as object)).toEqual(['inactivity']);
  });

  it.each([
    ['no payload', undefined, 'conversationSid must be a non-empty string'],
    ['an array', [], 'conversationSid must be a non-empty string'],
    ['an empty conversationSid', { conversationSid: '' }, 'conversationSid must be a non-empty string'],
    ['no body', { conversationSid: 'CH1' }, 'body must be a non-empty string'],
    ['a blank body', { conversationSid: 'CH1', body: '  ' }, 'body must be a non-empty string'],
    ['no attributes', { conversationSid: 'CH1', body: 'x' }, 'messageAttributes must be an object'],
    [
      'array attributes',
      { conversationSid: 'CH1', body: 'x', messageAttributes: [] },
      'messageAttributes must be an object',
    ],
  ])('rejects %s, naming the action and the field, and sends nothing', async (_case, payload, complaint) => {
    expect(await rejectionOf(payload)).toBe(`SendInactivityMessage: payload.${complaint}`);
    expect(sent).toEqual([]);
  });
});
