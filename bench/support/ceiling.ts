import fs from 'fs';
import path from 'path';

/** 80 KB raw, checked by CI (bench/bundleCeiling.ts). Today's bundle is about 58 KB; the empty plugin about 4 KB. */
export const BUNDLE_CEILING_BYTES = 80 * 1024;

/** The plugin bundles flex-plugin build writes (`build/plugin-*.js`, source maps excluded). */
export function pluginBundles(buildDir: string): string[] {
  if (!fs.existsSync(buildDir)) return [];
  return fs
    .readdirSync(buildDir)
    .filter((name) => /^plugin-.*\.js$/.test(name))
    .map((name) => path.join(buildDir, name));
}
