/**
 * Command line for buildAgentDesktop:
 *   node scripts/run-ts.js sandbox/build/buildAgentDesktopCli.ts [--production] [--force] [--out <dir>]
 */
import { parseArgs } from 'util';
import { buildAgentDesktop } from './buildAgentDesktop';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { production: { type: 'boolean' }, force: { type: 'boolean' }, out: { type: 'string' } },
  });
  const result = await buildAgentDesktop({
    mode: values.production === true ? 'production' : 'development',
    force: values.force === true,
    outDir: values.out,
  });
  console.info(`agent desktop ${result.cached ? 'already current' : 'built'} in ${result.ms} ms: ${result.outDir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
