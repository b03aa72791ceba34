import { execFileSync } from 'child_process';
import os from 'os';

import { ROOT } from './child';

/** Where and when the figures were taken. */
export interface Machine {
  readonly cpuModel: string;
  readonly logicalCores: number;
  readonly memoryGiB: number;
  readonly loadAverageAtStart: readonly number[];
  readonly os: string;
  readonly node: string;
  readonly date: string;
  readonly commit: string;
}

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha} with uncommitted changes` : sha;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    logicalCores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    loadAverageAtStart: os.loadavg(),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    date: new Date().toISOString(),
    commit: gitCommit(),
  };
}
