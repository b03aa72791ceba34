/** Values a string template may refer to. */
export type TemplateContext = Readonly<Record<string, string | number | boolean | undefined>>;

const IF_BLOCK = /\{\{#if\s+(\w+)\s*\}\}([\s\S]*?)\{\{\/if\}\}/g;
const VALUE = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * Renders the two Handlebars forms our strings use, `{{name}}` and `{{#if name}}...{{/if}}` (not nested), the way
 * Handlebars would for plain text: falsy values (false, 0, '', missing) hide a block and print as nothing except 0.
 * Output is for text and attributes rendered by React, so nothing is HTML-escaped here.
 */
export function fillTemplate(template: string, context: TemplateContext): string {
  return template
    .replace(IF_BLOCK, (_block, name: string, body: string) => (context[name] ? body : ''))
    .replace(VALUE, (_value, name: string) => {
      const value = context[name];
      return value === undefined || value === false ? '' : String(value);
    });
}
