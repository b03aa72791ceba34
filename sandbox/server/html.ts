/** `text` safe to place in HTML text or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `value` as JSON that can sit inside an inline <script> (no `</script>` or `<!--` can end it early). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** What a sandbox page is made of: `title` is text, `style` CSS, `body` HTML. */
export interface PageParts {
  readonly title: string;
  readonly style: string;
  readonly body: string;
}

/**
 * A whole self-contained sandbox page: all inline, with an empty icon so the browser asks for no favicon, and no
 * referrer sent from it (the pages are local and have nothing to tell other sites).
 */
export function htmlPage({ title, style, body }: PageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
${body}</body>
</html>
`;
}
