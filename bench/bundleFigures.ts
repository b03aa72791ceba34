/**
 * The bundle figures alone, without the rest of `npm run bench`: the plugin and the empty plugin (the floor) built
 * by `flex-plugin build` in the same run (bench/bundleSize.ts, temporary copies; the repo's build/ is not touched),
 * raw and gzip (zlib level 9), then what enters the bundle. Usage: node scripts/run-ts.js bench/bundleFigures.ts
 */
import { measureBundle } from './bundleSize';

measureBundle((line) => console.info(line)).then(
  (results) => {
    const row = (name: string, raw: number, gzip: number): string =>
      `${name.padEnd(6)} ${String(raw).padStart(6)} B raw  ${String(gzip).padStart(6)} B gzip`;
    console.info(row('ours', results.ours.rawBytes, results.ours.gzipBytes));
    console.info(row('floor', results.empty.rawBytes, results.empty.gzipBytes));
    console.info(`ceiling ${results.ceilingBytes} B raw`);
    console.info('by group (minified bytes, esbuild estimate):');
    for (const group of results.groups) console.info(`  ${String(group.minifiedBytes).padStart(6)}  ${group.name}`);
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
