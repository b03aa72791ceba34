/**
 * Runs `flex-plugin build` (the toolchain a deployed plugin is built with) in a prepared copy of the project, for the
 * benchmarks that build other plugins than ours, and finds the bundles it writes.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';

import { ROOT } from './child';

// The build can print a compile failure and still exit 0: its output is checked too.
const FAILURE_MARKERS = [/Failed to compile/i, /TypeScript error/i, /\bTS\d{4,5}\b/, /Module not found/i];

/** How a copy's build setup differs from the repo's; the repo's as it is where a field is absent. */
export interface BuildSetup {
  /** The copy's package name: flex-plugin build names the bundle (and Flex the plugin) after it. */
  readonly packageName?: string;
  /** A webpack customizer that wraps the repo's, which it finds beside it as `./webpack.project.js`. */
  readonly wrappingCustomizer?: string;
}

/** The copy's package.json: the repo's file as it is, or with another name. */
function writePackageJson(dir: string, packageName: string | undefined): void {
  const target = path.join(dir, 'package.json');
  if (packageName === undefined) {
    fs.copyFileSync(path.join(ROOT, 'package.json'), target);
    return;
  }
  const pkg: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  fs.writeFileSync(target, JSON.stringify({ ...(pkg as Record<string, unknown>), name: packageName }, null, 2));
}

/** The repo's webpack customizer, alone or under a wrapping one. */
function writeWebpackConfig(dir: string, wrappingCustomizer: string | undefined): void {
  const projectCustomizer = path.join(ROOT, 'webpack.config.js');
  if (wrappingCustomizer === undefined) {
    fs.copyFileSync(projectCustomizer, path.join(dir, 'webpack.config.js'));
    return;
  }
  fs.copyFileSync(projectCustomizer, path.join(dir, 'webpack.project.js'));
  fs.writeFileSync(path.join(dir, 'webpack.config.js'), wrappingCustomizer);
}

/**
 * Lays out in `dir` a project that builds as the repo does (its package.json, tsconfig.json, webpack customizer and
 * public/) with the repo's node_modules symlinked, so the repo's own build/ is never touched and nothing is installed.
 * The caller writes the copy's src/.
 */
export function copyBuildSetup(dir: string, setup: BuildSetup = {}): void {
  fs.mkdirSync(dir, { recursive: true });
  writePackageJson(dir, setup.packageName);
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  writeWebpackConfig(dir, setup.wrappingCustomizer);
  fs.cpSync(path.join(ROOT, 'public'), path.join(dir, 'public'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

/** The plugin bundles flex-plugin build writes (`build/plugin-*.js`, source maps excluded). */
export function pluginBundles(buildDir: string): string[] {
  if (!fs.existsSync(buildDir)) return [];
  return fs
    .readdirSync(buildDir)
    .filter((name) => /^plugin-.*\.js$/.test(name))
    .map((name) => path.join(buildDir, name));
}

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
      const marker = FAILURE_MARKERS.find((re) => re.test(output));
      const bundle = pluginBundles(path.join(dir, 'build'))[0];
      if (code !== 0 || marker !== undefined || bundle === undefined) {
        reject(new Error(`flex-plugin build in ${dir} failed (exit ${code}, ${String(marker)}):\n${output}`));
      } else {
        resolve(bundle);
      }
    });
  });
}
