/**
 * Whether the runs of a comparison can be compared for gating. "The same
 * machine" means the same CPU model, core count, OS family, architecture, Node
 * version and results schema: what changes the numbers. A different kernel
 * build (6.1.0-40 against 6.1.0-41) is a note, not a refusal; the hostname is
 * left out on purpose (CI runners get a new one every run), and so are the
 * plugbench version and git commit, which are what a comparison is for.
 */
import type { BenchResults } from '../results/types.js';
import type { LoadedRun } from './load-side.js';

export interface MachineDifference {
  what: string;
  base: string;
  head: string;
}

type Reader = (results: BenchResults) => string;

const IDENTITY: readonly { what: string; read: Reader }[] = [
  { what: 'results schema', read: (r) => String(r.schemaVersion) },
  { what: 'CPU', read: (r) => r.machine.cpuModel },
  { what: 'cores', read: (r) => String(r.machine.cores) },
  { what: 'OS', read: (r) => r.machine.platform },
  { what: 'architecture', read: (r) => r.machine.arch },
  { what: 'Node', read: (r) => r.machine.node },
];

/** Every identity field that differs between any two runs (also two runs of one side). */
export function machineDifferences(base: readonly LoadedRun[], head: readonly LoadedRun[]): MachineDifference[] {
  return IDENTITY.flatMap(({ what, read }) => {
    const baseValues = distinct(base, read);
    const headValues = distinct(head, read);
    if (new Set([...baseValues, ...headValues]).size <= 1) return [];
    return [{ what, base: baseValues.join(' / '), head: headValues.join(' / ') }];
  });
}

/** A load average above this per core when a run started makes its numbers noisy. */
const BUSY_LOAD_PER_CORE = 1;

/** Facts worth saying that do not stop gating: kernel builds, quick against full, busy starts. */
export function comparisonNotes(base: readonly LoadedRun[], head: readonly LoadedRun[]): string[] {
  const notes: string[] = [];
  const releases = [...new Set([...distinct(base, (r) => r.machine.release), ...distinct(head, (r) => r.machine.release)])];
  if (releases.length > 1) notes.push(`the kernel builds differ (${releases.join(', ')}): the same machine for compare, said in case it matters`);
  const kinds = [...new Set([...distinct(base, runKind), ...distinct(head, runKind)])];
  if (kinds.length > 1) notes.push(`quick and full runs are mixed (base ${distinct(base, runKind).join('/')}, head ${distinct(head, runKind).join('/')}): sample counts differ, so p-values do too`);
  for (const [side, runs] of [['base', base], ['head', head]] as const) {
    const busy = runs.filter(({ results }) => (results.machine.loadAverage[0] ?? 0) / Math.max(1, results.machine.cores) > BUSY_LOAD_PER_CORE);
    if (busy.length === 0) continue;
    const loads = busy.map(({ results }) => results.machine.loadAverage[0]!.toFixed(2)).join(', ');
    notes.push(`${busy.length} of ${runs.length} ${side} run${runs.length === 1 ? '' : 's'} started with a load average above ${BUSY_LOAD_PER_CORE} per core (${loads}): noisier samples`);
  }
  return notes;
}

function distinct(runs: readonly LoadedRun[], read: Reader): string[] {
  return [...new Set(runs.map((run) => read(run.results)))];
}

function runKind(results: BenchResults): string {
  return results.options.quick ? 'quick' : 'full';
}
