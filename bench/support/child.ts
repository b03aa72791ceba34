/**
 * Runs a benchmark entry in its own Node process. Each entry is bundled with esbuild (like scripts/run-ts.js) but with
 * React's production profiling build: production, because Flex ships production React and development React's extra
 * checks would distort the ratios; profiling, because its Profiler reports commits. Aliasing `react-dom` for every
 * importer (react-redux included) keeps a single renderer, as flex-plugin-webpack does with its own aliases.
 */
import { spawn } from 'child_process';
import { build } from 'esbuild';
import path from 'path';

// Two levels below the repo root both as source (bench/support/) and as a bundle (.cache/run-ts/, .cache/bench/).
export const ROOT = path.resolve(__dirname, '..', '..');

/** Bundles `entry` (relative to the repo) into .cache/bench/ and returns the bundle's path. */
export async function bundleBenchEntry(entry: string): Promise<string> {
  const outfile = path.join(ROOT, '.cache', 'bench', `${path.basename(entry, '.ts')}.cjs`);
  await build({
    entryPoints: [path.join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // jsdom loads files at run time; the Flex UI is never needed (only its types are imported).
    external: ['jsdom', '@twilio/flex-ui'],
    alias: { 'react-dom': 'react-dom/profiling', 'scheduler/tracing': 'scheduler/tracing-profiling' },
    define: { 'process.env.NODE_ENV': '"production"' },
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Runs a bundle with `node --expose-gc` and any further `nodeFlags` (e.g. --cpu-prof), streaming its output; rejects
 * on a non-zero exit.
 */
export function runBundle(bundle: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...nodeFlags, bundle, ...args], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(bundle)} exited with ${code ?? signal}`)),
    );
  });
}
