import { remainingInWords } from './remainingInWords';

/** Values for the placeholders an admin may put in a warning or closing message. */
export interface MessageContext {
  readonly remainingMs: number;
  /** Unknown for many channels (an SMS customer is a phone number); the placeholder then disappears cleanly. */
  readonly customerName: string | undefined;
}

const PLACEHOLDER = /\{\{\s*(remaining|customerName)\s*\}\}/g;

/**
 * The text sent to the customer. `{{remaining}}` becomes the time left in words, `{{customerName}}` the
 * customer's name; when the name is unknown the gap it leaves ("Hi , we ...") is tidied away.
 */
export function renderMessage(template: string, context: MessageContext): string {
  const name = context.customerName?.trim() ?? '';
  const filled = template.replace(PLACEHOLDER, (_match, key: string) =>
    key === 'remaining' ? remainingInWords(context.remainingMs) : name,
  );
  // Tidy only around a name that came out empty, never elsewhere in the admin's text.
  if (name !== '' || !/\{\{\s*customerName\s*\}\}/.test(template)) return filled;
  return filled
    .replace(/[ \t]+([,.!?;:])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/^[ \t,]+/, '')
    .trim();
}
