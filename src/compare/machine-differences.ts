/**
 * Whether two results files can be compared for gating. "The same machine" means
 * the same CPU model, core count, OS (platform, kernel release, architecture),
 * Node version and results schema: what changes the numbers. The hostname is left
 * out on purpose (CI runners get a new one every run, a laptop can be renamed),
 * and so are the plugbench version and git commit, which are what a comparison is for.
 */
import type { BenchResults } from '../bench/results.js';

export interface MachineDifference {
  what: string;
  base: string;
  head: string;
}

const IDENTITY: readonly { what: string; read: (results: BenchResults) => string }[] = [
  { what: 'results schema', read: (r) => String(r.schemaVersion) },
  { what: 'CPU', read: (r) => r.machine.cpuModel },
  { what: 'cores', read: (r) => String(r.machine.cores) },
  { what: 'OS', read: (r) => r.machine.os },
  { what: 'Node', read: (r) => r.machine.node },
];

export function machineDifferences(base: BenchResults, head: BenchResults): MachineDifference[] {
  return IDENTITY.map(({ what, read }) => ({ what, base: read(base), head: read(head) })).filter((d) => d.base !== d.head);
}

/** A load average above this per core when a run started makes its numbers noisy. */
const BUSY_LOAD_PER_CORE = 1;

/** Facts worth saying that do not stop gating: a quick run against a full one, a busy machine. */
export function comparisonNotes(base: BenchResults, head: BenchResults): string[] {
  const notes: string[] = [];
  if (base.options.quick !== head.options.quick) {
    notes.push(`base is a ${runKind(base)} run and head a ${runKind(head)} run: sample counts differ, so p-values do too`);
  }
  for (const [side, results] of [['base', base], ['head', head]] as const) {
    const load = results.machine.loadAverage[0];
    const cores = Math.max(1, results.machine.cores);
    if (load !== undefined && load / cores > BUSY_LOAD_PER_CORE) {
      notes.push(`${side} started with load average ${load.toFixed(2)} on ${cores} cores: its samples may be noisy`);
    }
  }
  return notes;
}

function runKind(results: BenchResults): string {
  return results.options.quick ? 'quick' : 'full';
}
