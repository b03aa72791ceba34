#!/usr/bin/env node
/**
 * `npm run build`: a production build of the plugin with `flex-plugin build`, trusted only when it is clean.
 *
 * flex-plugin can exit 0 after a failed type check (e.g. `createWatchCompilerHost is not a function` with an
 * unsupported TypeScript), and exits 1 on a type error while still writing the broken bundle. So: build/ is deleted
 * first, the output is scanned for failure markers, the bundle must exist and be non-empty, and on any failure
 * build/ is deleted again so no broken or stale bundle is left behind.
 *
 * Usage: node scripts/build.js            (exit 0 and build/<package name>.js on success)
 *        require('./build').buildPlugin() (resolves to { ok, bundlePath, bytes, reason })
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const BUILD_DIR = path.join(ROOT, 'build');
const FLEX_PLUGIN_BIN = path.join(ROOT, 'node_modules', '.bin', 'flex-plugin');

/** Output that means the bundle cannot be trusted, whatever the exit code. */
const FAILURE_MARKERS = [
  /Failed to compile/i,
  /TypeScript error/i,
  /\bTS\d{4,5}\b/,
  /createWatchCompilerHost is not a function/,
  /Module not found/i,
  /Unhandled (promise )?rejection/i,
];

// flex-plugin clears the terminal (ESC[2J ESC[3J ESC[H) even when piped: keep earlier output (and CI logs) intact.
// eslint-disable-next-line no-control-regex
const CLEAR_SCREEN = /\u001b\[[23]J|\u001b\[H/g;

function bundleName() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return `${pkg.name}.js`;
}

function removeBuildDir() {
  fs.rmSync(BUILD_DIR, { recursive: true, force: true });
}

/** Runs `flex-plugin build`, echoing its output, and resolves to { code, output }. */
function runFlexPluginBuild({ echo }) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(FLEX_PLUGIN_BIN, ['build'], {
      cwd: ROOT,
      env: { ...process.env, CI: process.env.CI || 'true', FORCE_COLOR: process.env.FORCE_COLOR || '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const onData = (stream) => (chunk) => {
      const text = chunk.toString().replace(CLEAR_SCREEN, '');
      output += text;
      if (echo) stream.write(text);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('error', (error) => resolve({ code: -1, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code === null ? `signal ${signal}` : code, output }));
  });
}

/**
 * Builds the plugin. Never throws for a failed build: resolves to { ok: false, reason } and leaves no build/.
 * @param {{ echo?: boolean }} [options] echo: stream flex-plugin's output to this process (default true)
 */
async function buildPlugin({ echo = true } = {}) {
  const name = bundleName();
  const bundlePath = path.join(BUILD_DIR, name);
  const fail = (reason) => {
    removeBuildDir();
    return { ok: false, bundlePath, bytes: 0, reason };
  };

  removeBuildDir();
  if (!fs.existsSync(FLEX_PLUGIN_BIN)) return fail(`${FLEX_PLUGIN_BIN} not found: run npm ci first`);

  const { code, output } = await runFlexPluginBuild({ echo });
  if (code !== 0) return fail(`flex-plugin build exited with ${code}`);
  const marker = FAILURE_MARKERS.find((re) => re.test(output));
  if (marker) return fail(`flex-plugin build reported a failure (${marker}) despite exit code 0`);
  if (!fs.existsSync(bundlePath)) return fail(`bundle ${path.relative(ROOT, bundlePath)} was not written`);
  const bytes = fs.statSync(bundlePath).size;
  if (bytes === 0) return fail(`bundle ${path.relative(ROOT, bundlePath)} is empty`);
  return { ok: true, bundlePath, bytes, reason: '' };
}

module.exports = { buildPlugin, BUILD_DIR };

if (require.main === module) {
  buildPlugin().then(
    (result) => {
      const rel = path.relative(ROOT, result.bundlePath);
      if (result.ok) {
        console.log(`\nbuild: OK ${rel} (${(result.bytes / 1024).toFixed(1)} KB)`);
      } else {
        console.error(`\nbuild: FAILED: ${result.reason}; build/ removed.`);
        process.exitCode = 1;
      }
    },
    (error) => {
      removeBuildDir();
      console.error(`\nbuild: FAILED: ${error && error.stack ? error.stack : error}; build/ removed.`);
      process.exitCode = 1;
    },
  );
}
