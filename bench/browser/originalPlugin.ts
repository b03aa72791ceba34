/**
 * The plugin bundles the ticking bench in Chromium loads beside ours.
 *
 * The original design as a plugin bundle of its own (bench/baseline/plugin/), built with the toolchain of
 * `npm run build`: `flex-plugin build` with this repo's package.json, tsconfig.json and webpack customizer, in a
 * temporary copy of the project with node_modules symlinked (support/flexPluginBuild.ts's copyBuildSetup, as
 * bench/bundleSize.ts's builds). Babel only compiles the copy's src/, so each source file is copied to
 * `src/<its path in the repo>` and the copy's `src/index.ts` imports the plugin's entry: relative imports between
 * them still resolve.
 *
 * The bundle is cached under .cache/bench/original-plugin/, keyed by a hash of everything that goes into it, so
 * only the first run after a change pays for the build (about half a minute).
 */
import crypto from 'crypto';
import { build } from 'esbuild';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { ROOT } from '../support/child';
import { copyBuildSetup, flexPluginBuild } from '../support/flexPluginBuild';

/** The baseline's sources, relative to the repo, and what they import from src/. */
const SOURCES = [
  'bench/baseline/plugin/index.ts',
  'bench/baseline/plugin/OriginalPlugin.tsx',
  'bench/baseline/OriginalCountdownRow.tsx',
  'src/components/formatCountdown.ts',
  'src/runtime/clock.ts',
];
/** What else decides the output: the toolchain's configuration and version. */
const TOOLCHAIN = [
  'package.json',
  'tsconfig.json',
  'webpack.config.js',
  'node_modules/@twilio/flex-plugin-scripts/package.json',
];
/** The copy's package name, hence the bundle's name and the plugin's name in Flex's plugin list. */
const ORIGINAL_PACKAGE_NAME = 'plugin-original-inactivity';
const ENTRY = `import './bench/baseline/plugin/index';\n`;
const CACHE_DIR = path.join(ROOT, '.cache', 'bench', 'original-plugin');

function inputHash(): string {
  const hash = crypto.createHash('sha256');
  for (const file of [...SOURCES, ...TOOLCHAIN]) {
    hash.update(file);
    hash.update(fs.readFileSync(path.join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** A project copy that builds as the repo does, under the original's package name, with the baseline's sources. */
function prepareCopy(dir: string): void {
  copyBuildSetup(dir, { packageName: ORIGINAL_PACKAGE_NAME });
  for (const file of SOURCES) {
    const target = path.join(dir, 'src', file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), target);
  }
  fs.writeFileSync(path.join(dir, 'src', 'index.ts'), ENTRY);
}

/** The original design's plugin bundle (built now if the cache has none for the current inputs). */
export async function originalPluginBundle(log: (line: string) => void): Promise<string> {
  const cached = path.join(CACHE_DIR, inputHash(), `${ORIGINAL_PACKAGE_NAME}.js`);
  if (fs.existsSync(cached)) return cached;
  log('original design: building its plugin bundle with flex-plugin build (cached afterwards)');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'original-plugin-build-'));
  try {
    prepareCopy(workDir);
    await flexPluginBuild(workDir);
    const built = path.join(workDir, 'build', `${ORIGINAL_PACKAGE_NAME}.js`);
    if (!fs.existsSync(built) || fs.statSync(built).size === 0) {
      throw new Error(`flex-plugin build wrote no ${path.relative(workDir, built)}`);
    }
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    for (const file of fs.readdirSync(path.join(workDir, 'build'))) {
      if (file.startsWith(ORIGINAL_PACKAGE_NAME)) {
        fs.copyFileSync(path.join(workDir, 'build', file), path.join(path.dirname(cached), file));
      }
    }
    return cached;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Flex alone: bench/baseline/plugin/emptyPlugin.ts (registers, does nothing), bundled by esbuild into
 * .cache/bench/empty-plugin/ (well under a second; it has nothing the webpack toolchain would compile differently).
 */
export async function emptyPluginBundle(): Promise<string> {
  const outfile = path.join(ROOT, '.cache', 'bench', 'empty-plugin', 'plugin-empty.js');
  await build({
    entryPoints: [path.join(ROOT, 'bench', 'baseline', 'plugin', 'emptyPlugin.ts')],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  return outfile;
}
