/**
 * Reading the "where the time goes" rows of a run: each target's latency row,
 * and the floor and bare rows measured beside it (`params.beside`). The views
 * show those inside the target's line; the host-budget check judges them.
 */
import type { BenchResults, ResultRow } from './types.js';

export interface TimeSplit {
  target: ResultRow;
  floor?: ResultRow;
  bare?: ResultRow;
}

/** The target a floor or bare row was measured beside; undefined for any other row. */
export function besideTarget(row: ResultRow): string | undefined {
  const beside = row.params?.beside;
  return (row.role === 'floor' || row.role === 'bare') && typeof beside === 'string' ? beside : undefined;
}

/**
 * The reference row named `name` measured beside `target`; for a results file
 * written before floors were measured beside each target, the run's one row of that name.
 */
export function referenceOf(rows: readonly ResultRow[], name: string | undefined, target: string): ResultRow | undefined {
  if (name === undefined) return undefined;
  const named = rows.filter((row) => row.target === name);
  return named.find((row) => besideTarget(row) === target) ?? named.find((row) => row.params?.beside === undefined);
}

/** Every target latency row that has its references measured beside it, in run order. */
export function timeSplits(results: BenchResults): TimeSplit[] {
  const latency = results.results.filter((row) => row.suite === 'latency' && row.metric === 'round-trip');
  return latency
    .filter((row) => row.role === 'target' && row.floor !== undefined)
    .map((target) => {
      const floor = referenceOf(latency, target.floor, target.target);
      const bare = referenceOf(latency, target.bare, target.target);
      return { target, ...(floor ? { floor } : {}), ...(bare ? { bare } : {}) };
    });
}
