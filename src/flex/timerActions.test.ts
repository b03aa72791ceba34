import { Actions } from '@twilio/flex-ui';

import type { TimerIntent } from '../engine/tabMessages';
import { TimerActionName } from '../actions/timerActionNames';
import { registerTimerActions } from './timerActions';

// Flex's Actions is one process-wide registry: register once for the file, reset the recorded calls per test.
const dispatched: Array<Omit<TimerIntent, 'id'>> = [];
const tracked = new Set<string>(['CH1']);

beforeAll(() => {
  registerTimerActions({
    actions: Actions,
    submit: (intent) => dispatched.push(intent),
    isTracked: (sid) => tracked.has(sid),
  });
});

let consoleError: jest.SpyInstance;

beforeEach(() => {
  dispatched.length = 0;
  // Flex's ErrorManager logs every rejected action body to console.error; keep the output readable.
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  consoleError.mockRestore();
});

async function rejectionOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected the invocation to reject');
}

describe('flex/timerActions', () => {
  it('names the actions after what they do to the inactivity timer', () => {
    expect(TimerActionName).toEqual({
      Pause: 'PauseInactivityTimer',
      Resume: 'ResumeInactivityTimer',
      Extend: 'ExtendInactivityTimer',
    });
  });

  it('PauseInactivityTimer hands a pause to the acting tab', async () => {
    await Actions.invokeAction('PauseInactivityTimer', { conversationSid: 'CH1' });
    expect(dispatched).toEqual([{ kind: 'pause', conversationSid: 'CH1' }]);
  });

  it('ResumeInactivityTimer hands a resume to the acting tab', async () => {
    await Actions.invokeAction('ResumeInactivityTimer', { conversationSid: 'CH1' });
    expect(dispatched).toEqual([{ kind: 'resume', conversationSid: 'CH1' }]);
  });

  it('ExtendInactivityTimer hands an extension to the acting tab', async () => {
    await Actions.invokeAction('ExtendInactivityTimer', { conversationSid: 'CH1' });
    expect(dispatched).toEqual([{ kind: 'extend', conversationSid: 'CH1' }]);
  });

  it('fires before and after listeners around the body, with the payload', async () => {
    const order: string[] = [];
    const before = jest.fn(() => order.push('before'));
    const after = jest.fn(() => order.push(`after with ${dispatched.length} event`));
    Actions.addListener('beforePauseInactivityTimer', before);
    Actions.addListener('afterPauseInactivityTimer', after);
    try {
      await Actions.invokeAction('PauseInactivityTimer', { conversationSid: 'CH1' });
    } finally {
      Actions.removeListener('beforePauseInactivityTimer', before);
      Actions.removeListener('afterPauseInactivityTimer', after);
    }
    expect(order).toEqual(['before', 'after with 1 event']);
    expect(after).toHaveBeenCalledWith({ conversationSid: 'CH1' });
  });

  it('lets a before listener cancel the action: nothing is dispatched', async () => {
    const cancel = (_payload: unknown, abort: () => void): void => abort();
    Actions.addListener('beforeResumeInactivityTimer', cancel);
    try {
      await expect(Actions.invokeAction('ResumeInactivityTimer', { conversationSid: 'CH1' })).rejects.toThrow(
        'cancelled by before event',
      );
    } finally {
      Actions.removeListener('beforeResumeInactivityTimer', cancel);
    }
    expect(dispatched).toEqual([]);
  });

  it.each([
    ['no payload', undefined],
    ['no conversationSid', {}],
    ['an empty conversationSid', { conversationSid: '' }],
    ['a non-string conversationSid', { conversationSid: 42 }],
  ])('rejects %s, naming the action and the field', async (_case, payload) => {
    for (const action of Object.values(TimerActionName)) {
      const message = await rejectionOf(Actions.invokeAction(action, payload));
      expect(message).toContain(action);
      expect(message).toContain('payload.conversationSid');
    }
    expect(dispatched).toEqual([]);
  });

  it('rejects an extension for a conversation that is not tracked', async () => {
    const message = await rejectionOf(Actions.invokeAction('ExtendInactivityTimer', { conversationSid: 'CH9' }));
    expect(message).toBe('ExtendInactivityTimer: conversation CH9 is not tracked');
    expect(dispatched).toEqual([]);
  });
});
