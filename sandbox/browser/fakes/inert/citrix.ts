/**
 * Bundle-time replacement for `@citrix/ucsdk/CitrixWebRTC.js` (esbuild alias). Flex loads it only when it detects a
 * Citrix virtual desktop, which the sandbox never is; the real file (400 KB) would talk to the Citrix receiver.
 */
export {};
