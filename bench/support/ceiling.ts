import fs from 'fs';
import path from 'path';

/**
 * Raw bytes, checked by CI (bench/bundleCeiling.ts): the bundle's size when it was last lowered plus 10%, rounded
 * down to 100 B (71705 B, 23.6 KB gzip, on 2026-12-05; the empty plugin is 3849 B). Lower it again when the bundle
 * shrinks: `node scripts/run-ts.js bench/bundleFigures.ts` prints the sizes.
 */
export const BUNDLE_CEILING_BYTES = 78_800;

/** The plugin bundles flex-plugin build writes (`build/plugin-*.js`, source maps excluded). */
export function pluginBundles(buildDir: string): string[] {
  if (!fs.existsSync(buildDir)) return [];
  return fs
    .readdirSync(buildDir)
    .filter((name) => /^plugin-.*\.js$/.test(name))
    .map((name) => path.join(buildDir, name));
}
