/// <reference types="node" />
/**
 * The sandbox server: an offline stand-in for the Twilio services behind Flex UI, plus the pages around the agent
 * desktop. Import `startSandboxServer`, or run this file (bundled with esbuild for node) to start it from the CLI.
 */
import { runCli } from './cli';

export { startSandboxServer } from './server';
export type { SandboxServer, SandboxServerOptions } from './server';
export type { SandboxLog } from './log';
export { World } from './world';

// Started directly (node sandbox-server.js) rather than imported by a script or a test.
if (require.main === module) {
  runCli().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
