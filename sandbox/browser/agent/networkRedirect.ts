/**
 * Keeps the agent desktop off the network: before Flex loads, every way the page can reach another origin (fetch,
 * XMLHttpRequest, WebSocket, EventSource, beacons, and the src/href of resource elements) is pointed at the sandbox
 * server through `sandboxUrlFor`. Same-origin requests pass untouched.
 */
import { sandboxUrlFor } from './sandboxUrl';

function redirect(url: string | URL): string {
  const text = String(url);
  return sandboxUrlFor(text, window.location.href) ?? text;
}

function redirectFetch(): void {
  const originalFetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (input instanceof Request) {
      const target = redirect(input.url);
      return originalFetch(target === input.url ? input : new Request(target, input), init);
    }
    return originalFetch(redirect(input), init);
  };
}

function redirectXhr(): void {
  // A subclass rather than a patched prototype: libraries construct `new XMLHttpRequest()` from the global each time.
  window.XMLHttpRequest = class SandboxXMLHttpRequest extends XMLHttpRequest {
    open(method: string, url: string | URL): void;
    open(method: string, url: string | URL, async: boolean, username?: string | null, password?: string | null): void;
    open(method: string, url: string | URL, async?: boolean, username?: string | null, password?: string | null): void {
      // The two-argument form means async = true; passing `undefined` explicitly would make it synchronous.
      if (async === undefined) super.open(method, redirect(url));
      else super.open(method, redirect(url), async, username, password);
    }
  };
}

function redirectSockets(): void {
  const OriginalWebSocket = window.WebSocket;
  window.WebSocket = class SandboxWebSocket extends OriginalWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(redirect(url), protocols);
    }
  };
  const OriginalEventSource = window.EventSource;
  window.EventSource = class SandboxEventSource extends OriginalEventSource {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(redirect(url), init);
    }
  };
  const originalBeacon = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = (url: string | URL, data?: BodyInit | null): boolean => originalBeacon(redirect(url), data);
}

/** Element properties that make the browser fetch something by themselves (links such as <a href> are left alone). */
const RESOURCE_PROPERTIES: ReadonlyArray<readonly [type: typeof HTMLElement, property: 'src' | 'href']> = [
  [HTMLScriptElement, 'src'],
  [HTMLImageElement, 'src'],
  [HTMLIFrameElement, 'src'],
  [HTMLMediaElement, 'src'],
  [HTMLSourceElement, 'src'],
  [HTMLLinkElement, 'href'],
];

function isResourceAttribute(element: Element, name: string): boolean {
  const lower = name.toLowerCase();
  return RESOURCE_PROPERTIES.some(([type, property]) => property === lower && element instanceof type);
}

/**
 * The browser's own implementation behind a prototype member (a method's `value` or a property's `set`), read from its
 * descriptor so the replacement can call it with any `this`.
 */
function nativeImplementation(prototype: object, member: string, part: 'value' | 'set'): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, member);
  return descriptor === undefined ? undefined : Reflect.get(descriptor, part);
}

function redirectResourceElements(): void {
  for (const [type, property] of RESOURCE_PROPERTIES) {
    const descriptor = Object.getOwnPropertyDescriptor(type.prototype, property);
    const nativeSet = nativeImplementation(type.prototype, property, 'set');
    if (descriptor === undefined || typeof nativeSet !== 'function') continue;
    Object.defineProperty(type.prototype, property, {
      ...descriptor,
      set(this: Element, value: string) {
        Reflect.apply(nativeSet, this, [redirect(value)]);
      },
    });
  }
  // React (and other DOM code) sets these through setAttribute rather than through the property.
  const nativeSetAttribute = nativeImplementation(Element.prototype, 'setAttribute', 'value');
  if (typeof nativeSetAttribute === 'function') {
    Element.prototype.setAttribute = function setAttribute(this: Element, name: string, value: string): void {
      Reflect.apply(nativeSetAttribute, this, [name, isResourceAttribute(this, name) ? redirect(value) : value]);
    };
  }
  const OriginalAudio = window.Audio;
  window.Audio = class SandboxAudio extends OriginalAudio {
    constructor(src?: string) {
      super(src === undefined ? undefined : redirect(src));
    }
  };
}

/** Installs every redirection; call once, before anything that may reach the network is loaded. */
export function installNetworkRedirect(): void {
  redirectFetch();
  redirectXhr();
  redirectSockets();
  redirectResourceElements();
}
