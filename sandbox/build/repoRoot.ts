/**
 * Finds the repository root from wherever this code runs: from its source folder, or bundled into .cache/ by
 * scripts/run-ts.js or another tool, or as a last resort from the current directory.
 */
import * as fs from 'fs';
import * as path from 'path';

const MARKER = path.join('sandbox', 'browser', 'agent', 'main.tsx');

function searchUpwards(start: string): string | null {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, MARKER))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

export function findRepoRoot(): string {
  const root = searchUpwards(__dirname) ?? searchUpwards(process.cwd());
  if (root === null) throw new Error(`cannot find the repository root (no ${MARKER} above ${__dirname} or the cwd)`);
  return root;
}
