/**
 * How fast the machine was in each run, from the raw channel floors measured in
 * the same run (no plugin code in them): for each floor, its median over that
 * floor's median across all runs of both sides; the machine's index is the
 * geometric mean of those ratios. 1.2 means that run's floors took 20% longer
 * than usual: a shared VM's neighbours, frequency scaling. The drift is how much
 * slower head's median run was than base's; a change must stay beyond the
 * threshold with the drift divided out (times) or multiplied back (rates), so a
 * change the machine explains is not the code's. The per-run indices are not
 * divided out of each run: measured on this 2-core VM under load, that made the
 * run-to-run spread larger as often as smaller (docs/decisions/compare-runs.md).
 */
import { median } from 'simple-statistics';
import type { ResultRow } from '../results/types.js';
import type { LoadedRun } from './load-side.js';

export interface MachineSpeed {
  /** The index of every run, by side and run index. */
  base: number[];
  head: number[];
  /** The floors the index is made of: those measured in every run. */
  floors: string[];
  /** Median head index over median base index, minus 1, in percent: + means head's machine was slower. */
  driftPct: number;
}

/** How a unit scales with the machine's speed: times with it, rates against it, bytes and counts not at all. */
const SPEED_EXPONENT: Readonly<Record<string, number>> = { ms: 1, 'calls/s': -1, 'MB/s': -1 };

export function scalesWithMachine(unit: string): boolean {
  return SPEED_EXPONENT[unit] !== undefined;
}

/** A change of the median with the machine's drift taken out; null when the unit does not scale with speed. */
export function correctForDrift(changePct: number | null, unit: string, driftPct: number): number | null {
  const exponent = SPEED_EXPONENT[unit];
  if (exponent === undefined || changePct === null) return null;
  return ((1 + changePct / 100) / Math.pow(1 + driftPct / 100, exponent) - 1) * 100;
}

/** Null when no floor was measured in every run (no latency suite, or different channels). */
export function machineSpeed(base: readonly LoadedRun[], head: readonly LoadedRun[]): MachineSpeed | null {
  const runs = [...base, ...head];
  const floorsPerRun = runs.map(({ results }) => new Map(results.results.filter(isFloor).map((row) => [row.target, row.median!])));
  const floors = [...floorsPerRun[0]!.keys()].filter((floor) => floorsPerRun.every((run) => run.has(floor))).sort();
  if (floors.length === 0) return null;
  const usual = new Map(floors.map((floor) => [floor, median(floorsPerRun.map((run) => run.get(floor)!))]));
  const indices = floorsPerRun.map((run) => Math.exp(floors.reduce((sum, floor) => sum + Math.log(run.get(floor)! / usual.get(floor)!), 0) / floors.length));
  const [baseIndices, headIndices] = [indices.slice(0, base.length), indices.slice(base.length)];
  return { base: baseIndices, head: headIndices, floors, driftPct: (median(headIndices) / median(baseIndices) - 1) * 100 };
}

/** A raw channel floor with a usable median. */
function isFloor(row: ResultRow): boolean {
  return row.target.startsWith('floor:') && row.suite === 'latency' && row.metric === 'round-trip' && row.status === 'ok' && (row.median ?? 0) > 0;
}
