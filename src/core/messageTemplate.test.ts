import { renderMessage } from './messageTemplate';

describe('core/messageTemplate', () => {
  it('fills the time left and the customer name', () => {
    const text = renderMessage('Hi {{customerName}}, this chat closes in {{remaining}}.', {
      remainingMs: 120_000,
      customerName: 'Ada',
    });
    expect(text).toBe('Hi Ada, this chat closes in 2 minutes.');
  });

  it('accepts spaces inside the braces', () => {
    expect(renderMessage('{{ remaining }} left', { remainingMs: 15_000, customerName: undefined })).toBe(
      '15 seconds left',
    );
  });

  it('tidies the gap an unknown name leaves', () => {
    expect(renderMessage('Hi {{customerName}}, are you there?', { remainingMs: 0, customerName: undefined })).toBe(
      'Hi, are you there?',
    );
    expect(renderMessage('Hi {{customerName}}, are you there?', { remainingMs: 0, customerName: '  ' })).toBe(
      'Hi, are you there?',
    );
  });

  it('leaves the admin text alone when no name placeholder is involved', () => {
    expect(renderMessage('Note : we close in {{remaining}} .', { remainingMs: 5_000, customerName: undefined })).toBe(
      'Note : we close in 5 seconds .',
    );
  });

  it('leaves unknown placeholders as written', () => {
    expect(renderMessage('{{agentName}} here', { remainingMs: 0, customerName: 'Ada' })).toBe('{{agentName}} here');
  });
});
