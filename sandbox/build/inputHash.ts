/**
 * The fingerprint of everything the agent desktop bundle is built from: the locked dependency tree, the browser-side
 * sandbox code, the shared protocol and the build code itself. Equal fingerprints mean an existing bundle is current.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Inputs relative to the repository root: files, or folders taken whole. */
export const AGENT_BUNDLE_INPUTS: readonly string[] = [
  'package-lock.json',
  'tsconfig.json',
  'sandbox/browser',
  'sandbox/shared',
  'sandbox/build',
];

function listFiles(root: string, relative: string): string[] {
  const absolute = path.join(root, relative);
  if (!fs.existsSync(absolute)) return [];
  if (!fs.statSync(absolute).isDirectory()) return [relative];
  return fs.readdirSync(absolute).flatMap((entry) => listFiles(root, path.join(relative, entry)));
}

/** SHA-256 over the sorted input paths and their contents, plus `salt` (e.g. the build mode). */
export function hashInputs(root: string, inputs: readonly string[], salt: string): string {
  const hash = createHash('sha256').update(salt);
  const files = inputs.flatMap((input) => listFiles(root, input)).sort();
  for (const file of files) {
    hash.update(`\0${file.split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
  }
  return hash.digest('hex');
}
