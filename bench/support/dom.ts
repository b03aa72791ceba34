/**
 * A jsdom window installed as Node's globals, for benchmarks that render React outside Jest. Must run before
 * react-dom is first evaluated: react-dom decides at load time whether a DOM exists.
 */
import { JSDOM } from 'jsdom';

export function installDom(): Window & typeof globalThis {
  // pretendToBeVisual gives the window requestAnimationFrame, which React's scheduler expects of a browser.
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'http://localhost/',
    pretendToBeVisual: true,
  });
  // Only what react-dom and our components read from the global scope; Node's own timers and MessageChannel stay.
  Object.assign(globalThis, {
    window,
    document: window.document,
    navigator: window.navigator,
    HTMLElement: window.HTMLElement,
    HTMLIFrameElement: window.HTMLIFrameElement,
    Node: window.Node,
    Event: window.Event,
    requestAnimationFrame: window.requestAnimationFrame.bind(window),
    cancelAnimationFrame: window.cancelAnimationFrame.bind(window),
  });
  return window;
}
