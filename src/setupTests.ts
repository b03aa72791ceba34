/**
 * Jest setup (setupFilesAfterEnv), shared by every unit test.
 */

// jsdom does not implement media playback: `play()` returns undefined, and @twilio/flex-ui plays audio at import time
// and chains `.then` on the result. Return a resolved Promise, as browsers do.
Object.defineProperty(HTMLMediaElement.prototype, 'play', {
  configurable: true,
  writable: true,
  value: (): Promise<void> => Promise.resolve(),
});
// Same for the other media methods jsdom reports as "Not implemented".
for (const method of ['pause', 'load'] as const) {
  Object.defineProperty(HTMLMediaElement.prototype, method, {
    configurable: true,
    writable: true,
    value: (): void => undefined,
  });
}

// DOM matchers (toBeInTheDocument, ...) when @testing-library/jest-dom is installed; it is optional.
try {
  jest.requireActual<object>('@testing-library/jest-dom');
} catch {
  // Not installed: the DOM matchers are simply unavailable.
}
