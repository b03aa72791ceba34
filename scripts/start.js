#!/usr/bin/env node
/**
 * `npm start`: builds the plugin (same checks as `npm run build`), then runs the sandbox (sandbox/start.ts): the real
 * Flex UI 2.17.1 from node_modules, offline, against a local stand-in for Twilio, loading build/plugin-*.js through
 * Flex's own plugin loader. PORT (default 4000), SANDBOX_PLUGIN (another plugin bundle), SANDBOX_DEMO=0 (no demo chat).
 *
 * With a Twilio account, `twilio flex:plugins:start` runs the plugin in your real Flex instead (public/appConfig.js).
 */
'use strict';

const path = require('path');
const { buildPlugin } = require('./build');
const { bundleForNode } = require('./run-ts');

async function main() {
  // Another plugin's bundle needs no build of ours.
  if (!process.env.SANDBOX_PLUGIN) {
    const result = await buildPlugin();
    if (!result.ok) {
      console.error(`\nstart: build FAILED: ${result.reason}; build/ removed.`);
      return 1;
    }
  }
  const entry = await bundleForNode(path.join('sandbox', 'start.ts'));
  require(entry);
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
