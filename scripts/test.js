#!/usr/bin/env node
/**
 * `npm test`: runs every test suite and prints, as its very last line, `N passed, N failed` (plus `, N skipped` when
 * tests were skipped or todo), summed over all suites. CI reads that line. Exit code is non-zero if any test failed
 * or any suite could not run (a suite that could not run counts as one failure in the line).
 *
 * Extra arguments go to Jest: `npm test -- src/core`, `npm test -- -t "timer"`.
 *
 * To add a suite (e.g. browser tests with Playwright), append to SUITES a { name, run } whose `run(args)` resolves to
 * { passed, failed, skipped } or rejects/returns { error } when the suite cannot run.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..');

/** Runs a command with inherited stdio and resolves to its exit code (or a description of how it died). */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.on('error', (error) => resolve(`spawn error: ${error.message}`));
    child.on('close', (code, signal) => resolve(code === null ? `signal ${signal}` : code));
  });
}

/** Jest unit tests (jest.config.js), human reporter on the console, results read from its --json output. */
async function runJest(args, { config = path.join(ROOT, 'jest.config.js'), allowNoTests = args.length === 0 } = {}) {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-results-'));
  const outputFile = path.join(tmpDir, 'results.json');
  try {
    const jestArgs = ['--config', config, '--json', `--outputFile=${outputFile}`];
    // With no filter, an empty test tree is not an error; with a filter that matches nothing, it is.
    if (allowNoTests) jestArgs.push('--passWithNoTests');
    if (process.env.CI) jestArgs.push('--ci');
    const code = await run(path.join(ROOT, 'node_modules', '.bin', 'jest'), [...jestArgs, ...args]);
    if (!fs.existsSync(outputFile)) return { error: `jest exited with ${code} without writing results` };
    const results = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    const counts = {
      passed: results.numPassedTests,
      // A test file that fails to load (syntax error, bad import) has no failed tests: count it as one failure.
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    if (code !== 0 && counts.failed === 0) {
      return { ...counts, error: `jest exited with ${code} although no test failed` };
    }
    return counts;
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Browser tests: Playwright drives Debian's Chromium against the sandbox (the real Flex UI offline). Without Chromium
 * they are reported as skipped, loudly: `.ci/run` installs it; on your machine `apt-get install chromium`.
 */
async function runBrowserTests(args) {
  const config = path.join(ROOT, 'tests', 'browser', 'jest.config.js');
  if (!fs.existsSync(CHROMIUM)) {
    console.warn(
      `\n[test] browser tests SKIPPED: no Chromium at ${CHROMIUM} (install it: apt-get install -y chromium).`,
    );
    return { passed: 0, failed: 0, skipped: 1 };
  }
  // A filter meant for the unit tests may match no browser test: that is not an error here.
  return runJest(args, { config, allowNoTests: true });
}

/** Every suite `npm test` runs, in order. */
const SUITES = [
  { name: 'unit (jest)', run: runJest },
  { name: 'browser (playwright)', run: runBrowserTests },
];

async function main() {
  const args = process.argv.slice(2);
  const total = { passed: 0, failed: 0, skipped: 0 };
  const report = [];

  for (const suite of SUITES) {
    const started = Date.now();
    let result;
    try {
      result = await suite.run(args);
    } catch (error) {
      result = { error: error && error.message ? error.message : String(error) };
    }
    const passed = result.passed || 0;
    const skipped = result.skipped || 0;
    // A suite that could not run counts as (at least) one failure, so the closing line agrees with the exit code.
    const failed = (result.failed || 0) + (result.error && !result.failed ? 1 : 0);
    total.passed += passed;
    total.failed += failed;
    total.skipped += skipped;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const status = result.error
      ? `COULD NOT RUN: ${result.error}`
      : `${passed} passed, ${failed} failed, ${skipped} skipped`;
    report.push(`[test] ${suite.name}: ${status} (${seconds} s)`);
  }

  for (const line of report) console.log(line);
  const skippedPart = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
  console.log(`${total.passed} passed, ${total.failed} failed${skippedPart}`);
  process.exitCode = total.failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
