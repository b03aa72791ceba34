/**
 * Browser tests: Jest drives Debian's Chromium through playwright-core against the sandbox (the real Flex UI,
 * offline, with the built plugin). Node environment, long timeouts because Flex boots in seconds. Two workers: each
 * test file has its own sandbox and browser, and the tests mostly wait on timers, so two files share the 2 cores
 * well (npm test stays under 4 minutes); every timing margin in the tests is a second or more. Run through `npm test` (scripts/test.js), which builds what they need.
 */
const path = require('path');
const unit = require('../../jest.config.js').projects[0];

const ROOT = path.resolve(__dirname, '../..');

module.exports = {
  rootDir: ROOT,
  roots: ['<rootDir>/tests/browser'],
  testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
  // Node with fetch (Jest 27's node environment hides Node 20's fetch).
  testEnvironment: '<rootDir>/sandbox/server/testing/nodeWithFetch.environment.ts',
  transform: unit.transform,
  moduleNameMapper: unit.moduleNameMapper,
  globalSetup: '<rootDir>/tests/browser/support/globalSetup.ts',
  testTimeout: 120_000,
  maxWorkers: 2,
};
