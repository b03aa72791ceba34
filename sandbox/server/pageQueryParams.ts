import { SandboxError } from './errors';
import type { PageQuery } from './messagePaging';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './messagePaging';

/** Reads `pageSize`, `anchor` and `direction` from a query string; 400 naming the parameter when one is wrong. */
export function readPageQuery(search: URLSearchParams): PageQuery {
  const pageSize = readInteger(search, 'pageSize', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const anchor = readInteger(search, 'anchor', 0, Number.MAX_SAFE_INTEGER);
  const direction = search.get('direction') ?? 'backwards';
  if (direction !== 'backwards' && direction !== 'forward') {
    throw new SandboxError(400, `query "direction" must be "backwards" or "forward", got "${direction}"`);
  }
  return { pageSize, anchor, direction };
}

function readInteger(search: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const text = search.get(name);
  if (text === null || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new SandboxError(400, `query "${name}" must be ${range}, got "${text}"`);
  }
  return value;
}
