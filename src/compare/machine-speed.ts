/**
 * How fast the machine was in each run, from the raw channel floors measured in
 * the same run (no plugin code in them): for each floor, its median over that
 * run's median across all runs of both sides; the machine's index is the
 * geometric mean of those ratios. 1.2 means that run's floors took 20% longer
 * than usual: a shared VM's neighbours, frequency scaling. Times are divided by
 * it and rates multiplied, so a change the machine explains is not the code's.
 */
import { median } from 'simple-statistics';
import type { ResultRow } from '../bench/results.js';
import type { LoadedRun } from './load-side.js';

export interface MachineSpeed {
  /** The index of every run, by side and run index. */
  base: number[];
  head: number[];
  /** The floors the index is made of: those measured in every run. */
  floors: string[];
}

/** How a unit scales with the machine's speed: times with it, rates against it, bytes and counts not at all. */
const SPEED_EXPONENT: Readonly<Record<string, number>> = { ms: 1, 'calls/s': -1, 'MB/s': -1 };

export function scalesWithMachine(unit: string): boolean {
  return SPEED_EXPONENT[unit] !== undefined;
}

/** The value as if the run had been at the machine's usual speed. */
export function correctForMachine(value: number, unit: string, index: number): number {
  const exponent = SPEED_EXPONENT[unit];
  return exponent === undefined ? value : value / Math.pow(index, exponent);
}

/** Null when no floor was measured in every run (no latency suite, or different channels). */
export function machineSpeed(base: readonly LoadedRun[], head: readonly LoadedRun[]): MachineSpeed | null {
  const runs = [...base, ...head];
  const floorsPerRun = runs.map(({ results }) => new Map(results.results.filter(isFloor).map((row) => [row.target, row.median!])));
  const floors = [...floorsPerRun[0]!.keys()].filter((floor) => floorsPerRun.every((run) => run.has(floor))).sort();
  if (floors.length === 0) return null;
  const usual = new Map(floors.map((floor) => [floor, median(floorsPerRun.map((run) => run.get(floor)!))]));
  const indices = floorsPerRun.map((run) => Math.exp(floors.reduce((sum, floor) => sum + Math.log(run.get(floor)! / usual.get(floor)!), 0) / floors.length));
  return { base: indices.slice(0, base.length), head: indices.slice(base.length), floors };
}

/** A raw channel floor with a usable median. */
function isFloor(row: ResultRow): boolean {
  return row.target.startsWith('floor:') && row.suite === 'latency' && row.metric === 'round-trip' && row.status === 'ok' && (row.median ?? 0) > 0;
}
