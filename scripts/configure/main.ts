/**
 * Entry point of `npm run configure -- <command>` (run through scripts/run-ts.js): wires the process to runCli.
 */
import { readFile } from 'fs/promises';
import { resolve } from 'path';
import { runCli } from './runCli';

// npm runs scripts from the package root; INIT_CWD is where the admin typed the command, which --file is relative to.
const baseDir = process.env.INIT_CWD ?? process.cwd();

async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    interactive: process.stdin.isTTY === true,
    readTextFile: (path) => readFile(resolve(baseDir, path), 'utf8'),
  });
}

void main();
