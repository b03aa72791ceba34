/**
 * Builds the sandbox's agent desktop: the real Flex UI (from node_modules) plus the sandbox's page code and SDK
 * replacements, bundled by esbuild into `outDir` (index.html + agent.js). A stamp of the inputs' fingerprint makes an
 * unchanged rebuild a no-op.
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { aliasPlugin } from './agentAliases';
import { AGENT_BUNDLE_INPUTS, hashInputs } from './inputHash';
import { findRepoRoot } from './repoRoot';

export interface BuildAgentDesktopOptions {
  /** Default: .cache/sandbox/agent at the repository root. */
  readonly outDir?: string;
  readonly mode: 'development' | 'production';
  /** Rebuild even when the stamp says the bundle is current. */
  readonly force?: boolean;
}

export interface BuildAgentDesktopResult {
  readonly outDir: string;
  readonly cached: boolean;
  readonly ms: number;
}

const STAMP_FILE = 'build-stamp.json';
const OUTPUT_FILES = ['index.html', 'agent.js'];

/** Node globals some of Flex's dependencies read; esbuild does not provide them for the browser. */
const PROCESS_SHIM =
  'window.process = window.process || { env: {}, browser: true, cwd: function () { return "/"; }, ' +
  'nextTick: function (fn) { var args = Array.prototype.slice.call(arguments, 1); ' +
  'Promise.resolve().then(function () { fn.apply(null, args); }); } };';

interface Stamp {
  readonly hash: string;
}

function readStamp(outDir: string): Stamp | null {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(outDir, STAMP_FILE), 'utf8'));
    const hash: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'hash') : undefined;
    return typeof hash === 'string' ? { hash } : null;
  } catch {
    return null;
  }
}

function isCurrent(outDir: string, hash: string): boolean {
  return readStamp(outDir)?.hash === hash && OUTPUT_FILES.every((file) => fs.existsSync(path.join(outDir, file)));
}

async function bundle(root: string, outDir: string, mode: BuildAgentDesktopOptions['mode']): Promise<void> {
  const production = mode === 'production';
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'sandbox/browser/agent/main.tsx')],
    outfile: path.join(outDir, 'agent.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome110',
    // Flex's CommonJS bundle and some dependencies test these Node globals.
    define: { 'process.env.NODE_ENV': JSON.stringify(mode), global: 'window' },
    banner: { js: PROCESS_SHIM },
    // A few dependencies ship JSX in .js files.
    loader: { '.js': 'jsx' },
    plugins: [aliasPlugin(root)],
    minify: production,
    sourcemap: production ? false : 'linked',
    legalComments: 'none',
    logLevel: 'silent',
  });
  // Warnings from third-party code are not ours to fix; warnings in sandbox code are.
  for (const warning of result.warnings) {
    if (warning.location !== null && !warning.location.file.includes('node_modules')) {
      console.warn(`[buildAgentDesktop] ${warning.location.file}:${warning.location.line}: ${warning.text}`);
    }
  }
}

export async function buildAgentDesktop(options: BuildAgentDesktopOptions): Promise<BuildAgentDesktopResult> {
  const started = Date.now();
  const root = findRepoRoot();
  const outDir = path.resolve(options.outDir ?? path.join(root, '.cache', 'sandbox', 'agent'));
  const hash = hashInputs(root, AGENT_BUNDLE_INPUTS, options.mode);
  if (options.force !== true && isCurrent(outDir, hash)) {
    return { outDir, cached: true, ms: Date.now() - started };
  }
  fs.mkdirSync(outDir, { recursive: true });
  // The stamp goes first and last: a build that fails half-way leaves no stamp behind.
  fs.rmSync(path.join(outDir, STAMP_FILE), { force: true });
  await bundle(root, outDir, options.mode);
  fs.copyFileSync(path.join(root, 'sandbox/browser/agent/index.html'), path.join(outDir, 'index.html'));
  const stamp: Stamp = { hash };
  fs.writeFileSync(path.join(outDir, STAMP_FILE), JSON.stringify(stamp));
  return { outDir, cached: false, ms: Date.now() - started };
}
