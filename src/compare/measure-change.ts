/**
 * The numbers behind one compared row: the values each side contributes (per-run
 * medians, or one run's samples), how far apart they are (medians, U test,
 * Hodges-Lehmann interval) and the smallest worsening they could have flagged.
 */
import { median } from 'simple-statistics';
import type { ResultRow } from '../results/types.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { shiftInterval, shiftNeeded } from '../stats/shift.js';
import type { Change } from './comparison.js';
import type { RunRow } from './match-rows.js';

export type Mode = 'runs' | 'samples';

/** What a side contributes: one value per run (its median), or with one run per side its samples. */
export function sideValues(rows: readonly RunRow[], mode: Mode): number[] {
  const ok = rows.filter(({ row }) => isMeasured(row));
  return mode === 'runs' ? ok.map(({ row }) => row.median!) : (ok[0]?.row.samples ?? []);
}

export function isMeasured(row: ResultRow): boolean {
  return row.status === 'ok' && row.median !== null && row.samples.length > 0;
}

/** Medians, change, U test and the interval of the change, for base values x and head values y. */
export function measureChange(x: readonly number[], y: readonly number[]): Change {
  const baseMedian = median([...x]);
  const headMedian = median([...y]);
  const test = mannWhitneyU(x, y);
  return {
    baseMedian,
    headMedian,
    changePct: baseMedian === 0 ? null : ((headMedian - baseMedian) / Math.abs(baseMedian)) * 100,
    p: test?.p ?? null,
    test: test?.method ?? null,
    ci: changeInterval(x, y, baseMedian),
  };
}

/** Ratios on a log scale when every value is positive (so 2x and 0.5x are the same distance), else plain differences. */
function changeInterval(x: readonly number[], y: readonly number[], baseMedian: number): Change['ci'] {
  if (allPositive(x, y)) {
    const shift = shiftInterval(x.map(Math.log), y.map(Math.log));
    return shift && { lowPct: (Math.exp(shift.low) - 1) * 100, highPct: (Math.exp(shift.high) - 1) * 100, confidence: shift.confidence };
  }
  const shift = shiftInterval(x, y);
  if (!shift || baseMedian === 0) return null;
  return { lowPct: (shift.low / Math.abs(baseMedian)) * 100, highPct: (shift.high / Math.abs(baseMedian)) * 100, confidence: shift.confidence };
}

/**
 * How much worse head would have had to be for the test to reach `level`, were
 * it the only change: benchstat's "need more samples", as a size. In percent of
 * the base median (null when that is 0) and in the row's unit; null when no
 * change of any size could (too few values).
 */
export function detectableWorsening(x: readonly number[], y: readonly number[], better: ResultRow['better'], level: number): Detectable | null {
  const baseMedian = median([...x]);
  const headMedian = median([...y]);
  const sign = better === 'lower' ? 1 : -1;
  const positive = allPositive(x, y);
  const scale = (v: number) => sign * (positive ? Math.log(v) : v);
  const d = shiftNeeded(x.map(scale), y.map(scale), level);
  if (d === null) return null;
  const worse = positive ? headMedian * Math.exp(sign * d) : headMedian + sign * d;
  const amount = Math.abs(worse - baseMedian);
  return { amount, pct: baseMedian === 0 ? null : (amount / Math.abs(baseMedian)) * 100 };
}

export interface Detectable {
  /** Percent of the base median; null when the base median is 0. */
  pct: number | null;
  /** In the row's unit. */
  amount: number;
}

/** Values that cannot be told apart by any test: every one of both sides the same. */
export function allTied(x: readonly number[], y: readonly number[]): boolean {
  const first = x[0] ?? y[0];
  return [...x, ...y].every((value) => value === first);
}

function allPositive(x: readonly number[], y: readonly number[]): boolean {
  return x.every((v) => v > 0) && y.every((v) => v > 0);
}
