import { createInterface } from 'readline';

/**
 * Asks a yes/no question on `output` and reads one line from `input`. Only `y` or `yes` (any case) is a yes; an
 * empty line, anything else, or the input ending first is a no, so a slip never writes.
 */
export function confirm(
  question: string,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<boolean> {
  return new Promise((resolve) => {
    const lines = createInterface({ input, output, terminal: false });
    let answered = false;
    lines.on('close', () => {
      if (!answered) resolve(false);
    });
    lines.question(question, (answer) => {
      answered = true;
      lines.close();
      resolve(/^(y|yes)$/i.test(answer.trim()));
    });
  });
}
