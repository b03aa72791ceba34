import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The plugin bundle that `npm run build` writes. */
export function pluginBundlePath(): string {
  const buildDir = path.join(REPO_ROOT, 'build');
  const bundle = fs.existsSync(buildDir)
    ? fs.readdirSync(buildDir).find((name) => /^plugin-.*\.js$/.test(name))
    : undefined;
  if (bundle === undefined) throw new Error('no build/plugin-*.js: the plugin build failed');
  return path.join(buildDir, bundle);
}

/** Builds the plugin exactly as `npm run build` does, so the tests never run a stale bundle. */
export function buildPluginOnce(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.js')], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`plugin build failed (exit ${String(code)})`)),
    );
  });
}
