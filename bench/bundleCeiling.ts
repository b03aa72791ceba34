/**
 * CI check, run after `npm run build`: every plugin bundle in build/ stays under the stated ceiling. Asserts sizes
 * only, never timings. Usage: node scripts/run-ts.js bench/bundleCeiling.ts
 */
import fs from 'fs';
import path from 'path';

import { BUNDLE_CEILING_BYTES } from './support/ceiling';
import { pluginBundles } from './support/flexPluginBuild';

const buildDir = path.resolve(process.cwd(), 'build');
const bundles = pluginBundles(buildDir);
if (bundles.length === 0) {
  console.error(`bundle ceiling: no build/plugin-*.js in ${buildDir}: run npm run build first`);
  process.exitCode = 1;
}
for (const bundle of bundles) {
  const bytes = fs.statSync(bundle).size;
  const within = bytes <= BUNDLE_CEILING_BYTES;
  console.info(
    `bundle ceiling: ${within ? 'OK' : 'OVER'} ${path.relative(process.cwd(), bundle)} is ${bytes} B, ` +
      `ceiling ${BUNDLE_CEILING_BYTES} B (${(BUNDLE_CEILING_BYTES / 1024).toFixed(1)} KB)`,
  );
  if (!within) process.exitCode = 1;
}
