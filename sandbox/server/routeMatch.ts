/**
 * Matches `pathname` against a pattern like `/sandbox/tasks/:taskSid/cancel`: the named segments when it matches,
 * undefined otherwise. Segments are URL-decoded.
 */
export function matchRoute(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const expected = want[i] ?? '';
    const actual = safeDecode(got[i] ?? '');
    if (expected.startsWith(':') && actual !== '') params[expected.slice(1)] = actual;
    else if (expected !== actual) return undefined;
  }
  return params;
}

/** The named segment `name` of a match (present by construction of the pattern). */
export function param(params: Record<string, string>, name: string): string {
  return params[name] ?? '';
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape cannot name anything real; keeping it raw makes it a plain mismatch (404).
    return segment;
  }
}
