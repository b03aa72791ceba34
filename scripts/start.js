#!/usr/bin/env node
/**
 * `npm start`: until the local sandbox lands, builds the plugin (same checks as `npm run build`) and explains what the
 * sandbox will do. Exit 0 after a good build, 1 after a failed one.
 *
 * Note: `twilio flex:plugins:start` (flex-plugin start) needs a Twilio login and loads Flex UI and React from
 * Twilio's and unpkg's CDNs, so it is not usable offline; public/appConfig.js is what it reads when you do have an
 * account.
 */
'use strict';

const path = require('path');
const { buildPlugin } = require('./build');

async function main() {
  const result = await buildPlugin();
  if (!result.ok) {
    console.error(`\nstart: build FAILED: ${result.reason}; build/ removed.`);
    return 1;
  }
  const rel = path.relative(path.resolve(__dirname, '..'), result.bundlePath);
  console.log(`
start: built ${rel} (${(result.bytes / 1024).toFixed(1)} KB).

The local sandbox is NOT available yet. When it lands, \`npm start\` will:
  - build the plugin as above;
  - bundle the real Flex UI 2.17.1 from node_modules, start a local stand-in for the Twilio services behind it
    (no account, no network), and load ${rel} through Flex's own plugin loader, with a customer page to chat from.

Until then: \`npm test\` runs the unit tests; with a Twilio account, \`twilio flex:plugins:start\` runs the plugin in
the real Flex (configured by public/appConfig.js).`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
