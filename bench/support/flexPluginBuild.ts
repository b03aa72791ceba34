/**
 * Runs `flex-plugin build` (the toolchain a deployed plugin is built with) in a prepared copy of the project, for the
 * benchmarks that build other plugins than ours.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';

// The build can print a compile failure and still exit 0: its output is checked too.
const FAILURE_MARKERS = [/Failed to compile/i, /TypeScript error/i, /\bTS\d{4,5}\b/, /Module not found/i];

/** Runs `flex-plugin build` in `dir` and returns the bundle's path; throws with the output on any failure. */
export function flexPluginBuild(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(path.join(dir, 'node_modules', '.bin', 'flex-plugin'), ['build'], {
      cwd: dir,
      env: { ...process.env, CI: 'true', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const buildDir = path.join(dir, 'build');
      const bundles = fs.existsSync(buildDir)
        ? fs.readdirSync(buildDir).filter((name) => /^plugin-.*\.js$/.test(name))
        : [];
      const marker = FAILURE_MARKERS.find((re) => re.test(output));
      const bundle = bundles[0];
      if (code !== 0 || marker !== undefined || bundle === undefined) {
        reject(new Error(`flex-plugin build in ${dir} failed (exit ${code}, ${String(marker)}):\n${output}`));
      } else {
        resolve(path.join(buildDir, bundle));
      }
    });
  });
}
