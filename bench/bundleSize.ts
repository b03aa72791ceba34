/**
 * Item 4 of the benchmarks: the plugin bundle's size against the floor, an empty plugin built by the same toolchain
 * (`flex-plugin build`, this repo's package.json, tsconfig.json and webpack customizer) in the same run, and a
 * breakdown of what enters the bundle. Both builds run in temporary copies with node_modules symlinked, so the
 * repo's build/ is never touched. The copies' customizer wraps the repo's and only adds a plugin that writes
 * webpack's stats; it changes nothing in the output.
 */
import { build } from 'esbuild';
import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';

import { BUNDLE_CEILING_BYTES } from './support/ceiling';
import { ROOT } from './support/child';
import { copyBuildSetup, flexPluginBuild } from './support/flexPluginBuild';
import type { BundleGroup, BundleResults } from './support/results';

/** What @twilio/flex-plugin-webpack leaves out of the bundle (Flex provides them) and the Flex UI it shims. */
export const FLEX_EXTERNALS = ['react', 'react-dom', 'redux', 'react-redux', '@twilio/flex-ui'];

/**
 * Why each package that enters the bundle is worth its bytes. A package missing here is reported as unjustified in
 * BENCHMARKS.md.
 */
export const DEPENDENCY_REASONS: Readonly<Record<string, string>> = {
  '@twilio/flex-plugin':
    'the FlexPlugin base class and loadPlugin() that register the plugin with Flex; every Flex plugin has it. ' +
    "src/index.ts imports its dist/lib/flex-plugin module only, so the package index's unused loadJS, loadCSS and " +
    'runtime-URL helpers, which the empty plugin (the floor) carries, stay out',
};

const EMPTY_PLUGIN_INDEX = `import * as FlexPlugin from '@twilio/flex-plugin';

import EmptyPlugin from './EmptyPlugin';

FlexPlugin.loadPlugin(EmptyPlugin);
`;

const EMPTY_PLUGIN_CLASS = `import type * as Flex from '@twilio/flex-ui';
import { FlexPlugin } from '@twilio/flex-plugin';

export default class EmptyPlugin extends FlexPlugin {
  constructor() {
    super('EmptyPlugin');
  }

  init(_flex: typeof Flex, _manager: Flex.Manager): void {}
}
`;

/** The copies' webpack customizer: the repo's own, then a stats writer. */
const STATS_CUSTOMIZER = `'use strict';
const fs = require('fs');
const path = require('path');
const projectCustomizer = require('./webpack.project.js');

module.exports = (config, env) => {
  const customized = projectCustomizer(config, env);
  const writeStats = {
    apply(compiler) {
      compiler.hooks.done.tap('bench-stats', (stats) => {
        const json = stats.toJson({ all: false, assets: true, modules: true, nestedModules: true });
        fs.writeFileSync(path.join(__dirname, 'webpack-stats.json'), JSON.stringify(json));
      });
    },
  };
  return { ...customized, plugins: [...(customized.plugins || []), writeStats] };
};
`;

interface StatsModule {
  readonly name: string;
  readonly size: number;
  readonly modules?: readonly StatsModule[];
}

interface Stats {
  readonly modules?: readonly StatsModule[];
}

function isStats(value: unknown): value is Stats {
  return typeof value === 'object' && value !== null && Array.isArray(Reflect.get(value, 'modules'));
}

/** A project copy that builds as the repo does, with the repo's src/ or the empty plugin's. */
function prepareCopy(dir: string, source: 'repo' | 'empty'): void {
  copyBuildSetup(dir, { wrappingCustomizer: STATS_CUSTOMIZER });
  if (source === 'repo') {
    fs.cpSync(path.join(ROOT, 'src'), path.join(dir, 'src'), { recursive: true });
  } else {
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'index.ts'), EMPTY_PLUGIN_INDEX);
    fs.writeFileSync(path.join(dir, 'src', 'EmptyPlugin.ts'), EMPTY_PLUGIN_CLASS);
  }
}

function sizesOf(file: string): { file: string; rawBytes: number; gzipBytes: number } {
  const content = fs.readFileSync(file);
  return {
    file: path.basename(file),
    rawBytes: content.length,
    gzipBytes: zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION }).length,
  };
}

/** `node_modules/<package>` for dependencies, `src/<folder>` for our code, the module name otherwise. */
export function groupOf(moduleName: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(moduleName);
  if (inPackage?.[1] !== undefined) return inPackage[1];
  const inSrc = /(?:^|\/)src\/([^/]+)/.exec(moduleName);
  if (inSrc?.[1] !== undefined) return `src/${inSrc[1]}`;
  return moduleName;
}

function flatten(modules: readonly StatsModule[]): StatsModule[] {
  return modules.flatMap((module) => (module.modules === undefined ? [module] : flatten(module.modules)));
}

/** Minified bytes of each group in an esbuild bundle of src/index.ts with the same externals. */
async function esbuildShares(): Promise<{ total: number; byGroup: Map<string, number> }> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'src', 'index.ts')],
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    external: FLEX_EXTERNALS,
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile: 'bundle.js',
    logLevel: 'warning',
  });
  const output = Object.values(result.metafile.outputs)[0];
  const byGroup = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const group = groupOf(input);
    byGroup.set(group, (byGroup.get(group) ?? 0) + bytesInOutput);
  }
  return { total: output?.bytes ?? 0, byGroup };
}

export async function measureBundle(log: (line: string) => void): Promise<BundleResults> {
  const started = Date.now();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-bundle-bench-'));
  try {
    const oursDir = path.join(workDir, 'ours');
    const emptyDir = path.join(workDir, 'empty');
    prepareCopy(oursDir, 'repo');
    prepareCopy(emptyDir, 'empty');
    // One after the other: two webpack builds at once would only fight over the two cores.
    log('bundle: building the plugin with flex-plugin build');
    const oursBundle = await flexPluginBuild(oursDir);
    log('bundle: building the empty plugin with flex-plugin build');
    const emptyBundle = await flexPluginBuild(emptyDir);
    const statsJson: unknown = JSON.parse(fs.readFileSync(path.join(oursDir, 'webpack-stats.json'), 'utf8'));
    if (!isStats(statsJson)) throw new Error('webpack stats without modules');
    const modules = flatten(statsJson.modules ?? []);
    const externals = modules.filter((module) => module.name.startsWith('external ')).map((module) => module.name);
    const webpackBytes = new Map<string, number>();
    for (const module of modules) {
      if (module.name.startsWith('external ') || module.name.startsWith('multi ')) continue;
      const group = groupOf(module.name);
      webpackBytes.set(group, (webpackBytes.get(group) ?? 0) + module.size);
    }
    const shares = await esbuildShares();
    const groups: BundleGroup[] = [...new Set([...webpackBytes.keys(), ...shares.byGroup.keys()])]
      .map((name) => ({
        name,
        webpackSourceBytes: webpackBytes.get(name) ?? 0,
        minifiedBytes: shares.byGroup.get(name) ?? 0,
      }))
      .sort((a, b) => b.minifiedBytes - a.minifiedBytes);
    const results: BundleResults = {
      ours: sizesOf(oursBundle),
      empty: sizesOf(emptyBundle),
      groups,
      externals,
      esbuildTotalBytes: shares.total,
      ceilingBytes: BUNDLE_CEILING_BYTES,
      seconds: (Date.now() - started) / 1_000,
    };
    log(`bundle: ours ${results.ours.rawBytes} B (${results.ours.gzipBytes} gz), empty ${results.empty.rawBytes} B`);
    return results;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
