#!/usr/bin/env node
/**
 * Runs a TypeScript entry point of the project's Node tooling (sandbox server, admin tool, benchmarks) without a
 * separate compile step: esbuild bundles it for Node into .cache/run-ts/ and the bundle runs in this process.
 * Types are checked by `npm run typecheck`, not here, so starting stays fast.
 *
 * Usage: node scripts/run-ts.js <entry.ts> [args...]
 */
'use strict';

const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');

/** Bundles `entry` for Node and returns the output path. Packages stay external: they load from node_modules. */
async function bundleForNode(entry) {
  const absolute = path.resolve(ROOT, entry);
  const name = path
    .relative(ROOT, absolute)
    .replace(/[\\/]/g, '__')
    .replace(/\.tsx?$/, '.cjs');
  const outfile = path.join(ROOT, '.cache', 'run-ts', name);
  await esbuild.build({
    entryPoints: [absolute],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

async function main() {
  const [entry, ...args] = process.argv.slice(2);
  if (entry === undefined) {
    console.error('usage: node scripts/run-ts.js <entry.ts> [args...]');
    process.exitCode = 2;
    return;
  }
  const outfile = await bundleForNode(entry);
  process.argv = [process.argv[0], outfile, ...args];
  require(outfile);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

module.exports = { bundleForNode };
