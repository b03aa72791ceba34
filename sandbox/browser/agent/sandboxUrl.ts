/**
 * Where a request the agent desktop makes should really go. Anything absolute that leaves the page's origin (Twilio's
 * APIs, CDNs such as unpkg, sockets) is sent to the sandbox server instead, as `/twilio/<host>/<path+query>` on the
 * page's own origin; the server answers what it fakes and refuses the rest.
 */

const REDIRECTED_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:']);

/** The same-origin URL standing in for `url`, or null when `url` may be used as it is. */
export function sandboxUrlFor(url: string, pageUrl: string): string | null {
  let target: URL;
  let page: URL;
  try {
    page = new URL(pageUrl);
    target = new URL(url, page);
  } catch {
    return null;
  }
  if (!REDIRECTED_PROTOCOLS.has(target.protocol)) return null;
  const isSocket = target.protocol === 'ws:' || target.protocol === 'wss:';
  if (!isSocket && target.origin === page.origin) return null;
  if (isSocket && target.host === page.host && target.pathname.startsWith('/sandbox/')) return null;
  const base = isSocket ? `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}` : page.origin;
  return `${base}/twilio/${target.host}${target.pathname}${target.search}`;
}
