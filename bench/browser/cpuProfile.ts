/**
 * Reading a V8 CPU profile (CDP's Profiler.Profile) the way both Chromium benches charge its time: each sample stands
 * for the time delta before it, and a plugin is "on the stack" when a frame of its script is the node or a caller.
 * Start-up (startup.ts) and ticking (ticking.ts) then sum these differently, so those sums stay with them.
 */
import type { Protocol } from 'playwright-core/types/protocol';

type CpuProfile = Protocol.Profiler.Profile;

/** The profile's length, from start to stop, in ms. */
export function profiledMsOf(profile: CpuProfile): number {
  return (profile.endTime - profile.startTime) / 1_000;
}

/** Calls `charge` once per sample, in sample order, with the sample's node and the ms it stands for. */
export function forEachSample(profile: CpuProfile, charge: (nodeId: number, ms: number) => void): void {
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time (µs) before sample i: charge it to the sample's node.
  for (const [i, nodeId] of (profile.samples ?? []).entries()) charge(nodeId, (deltas[i] ?? 0) / 1_000);
}

/**
 * Whether a frame of `script` (the end of its URL: the bundle's file name) is a node itself or any of its callers.
 * Remembered per node: every sample of a node asks again.
 */
export function stackThroughScript(profile: CpuProfile, script: string): (nodeId: number) => boolean {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const known = new Map<number, boolean>();
  const throughScript = (id: number): boolean => {
    const remembered = known.get(id);
    if (remembered !== undefined) return remembered;
    const parent = parents.get(id);
    const result =
      nodes.get(id)?.callFrame.url.endsWith(script) === true || (parent !== undefined && throughScript(parent));
    known.set(id, result);
    return result;
  };
  return throughScript;
}
