/**
 * How far apart two samples are, with the Mann-Whitney U arithmetic: the
 * Hodges-Lehmann shift (the median of every difference y - x) and its
 * distribution-free confidence interval at the level the sizes really reach
 * (as R's `wilcox.test(conf.int = TRUE)`), and the smallest shift of y that the
 * test would call significant: what a comparison of these sizes and this
 * spread could have detected at all.
 */
import { EXACT_LIMIT } from './mann-whitney.js';
import { exactUDistribution } from './mann-whitney-exact.js';
import { normalQuantile, upperNormalTail } from './normal.js';

export interface ShiftInterval {
  /** Median of the differences y_j - x_i. */
  estimate: number;
  low: number;
  high: number;
  /** Coverage the interval really has (below the asked level when the sizes are too small). */
  confidence: number;
}

/** Above this many pairs, each side is thinned to evenly spaced order statistics (a run of 1000 samples against another). */
const MAX_PAIRS = 40_000;
const THIN_TO = 200;

/** The Hodges-Lehmann shift of y against x with its confidence interval; null when a side is empty. */
export function shiftInterval(x: readonly number[], y: readonly number[], confidence = 0.95): ShiftInterval | null {
  if (x.length === 0 || y.length === 0) return null;
  const [xs, ys] = thinned(x, y);
  const differences = pairwiseDifferences(xs, ys);
  const total = differences.length;
  const m = xs.length;
  const n = ys.length;
  // [D(c), D(mn+1-c)] misses the shift with probability 2 P(U <= c - 1).
  const c = Math.max(1, criticalU(m, n, 1 - confidence, 'at-most') + 1);
  return {
    estimate: middle(differences),
    low: differences[c - 1]!,
    high: differences[total - c]!,
    confidence: 1 - 2 * lowerTail(m, n, c - 1),
  };
}

/**
 * The smallest d for which y + d would differ from x at two-sided `level`, in
 * the direction of y growing; 0 when y is already that far; null when no shift
 * can get there (the sizes are too small: 2 + 2 never reach p < 0.05).
 */
export function shiftNeeded(x: readonly number[], y: readonly number[], level: number): number | null {
  if (x.length === 0 || y.length === 0) return null;
  const [xs, ys] = thinned(x, y);
  const allowed = criticalU(xs.length, ys.length, level, 'below');
  if (allowed < 0) return null;
  // y + d beats x in all but `allowed` pairs once d passes -D(allowed + 1).
  const differences = pairwiseDifferences(xs, ys);
  return Math.max(0, -differences[allowed]!);
}

/** The smallest two-sided p-value sizes m and n can give (complete separation, no ties). */
export function minimumTwoSidedP(m: number, n: number): number {
  if (m === 0 || n === 0) return 1;
  return Math.min(1, 2 * lowerTail(m, n, 0));
}

/** Every y_j - x_i, ascending. */
function pairwiseDifferences(x: readonly number[], y: readonly number[]): Float64Array {
  const differences = new Float64Array(x.length * y.length);
  let k = 0;
  for (const b of y) for (const a of x) differences[k++] = b - a;
  return differences.sort();
}

/** P(U <= u) under the null: exact below EXACT_LIMIT, else normal with continuity correction. */
function lowerTail(m: number, n: number, u: number): number {
  if (u < 0) return 0;
  if (isExact(m, n)) {
    const distribution = exactUDistribution(m, n);
    let sum = 0;
    for (let j = 0; j <= Math.min(u, distribution.length - 1); j++) sum += distribution[j]!;
    return Math.min(1, sum);
  }
  return upperNormalTail(((m * n) / 2 - u - 0.5) / nullSigma(m, n));
}

/**
 * The largest u whose two-sided lower tail 2 P(U <= u) is below (or at most) `level`; -1 when even u = 0 is not.
 * Exact sizes walk the distribution; the normal branch solves the inequality with the quantile.
 */
function criticalU(m: number, n: number, level: number, compare: 'below' | 'at-most'): number {
  const passes = (tail: number) => (compare === 'below' ? 2 * tail < level : 2 * tail <= level);
  if (isExact(m, n)) {
    const distribution = exactUDistribution(m, n);
    let tail = 0;
    let u = -1;
    while (u + 1 < distribution.length && passes(tail + distribution[u + 1]!)) tail += distribution[++u]!;
    return u;
  }
  if (!passes(lowerTail(m, n, 0))) return -1;
  let u = Math.max(0, Math.floor((m * n) / 2 - 0.5 - normalQuantile(1 - level / 2) * nullSigma(m, n)));
  while (u > 0 && !passes(lowerTail(m, n, u))) u--;
  while (passes(lowerTail(m, n, u + 1))) u++;
  return u;
}

function isExact(m: number, n: number): boolean {
  return m < EXACT_LIMIT && n < EXACT_LIMIT;
}

function nullSigma(m: number, n: number): number {
  return Math.sqrt((m * n * (m + n + 1)) / 12);
}

function middle(sorted: Float64Array): number {
  const half = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

/** Both sides, each thinned to evenly spaced order statistics when together they make too many pairs. */
function thinned(x: readonly number[], y: readonly number[]): [number[], number[]] {
  if (x.length * y.length <= MAX_PAIRS) return [[...x], [...y]];
  return [thin(x), thin(y)];
}

function thin(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length <= THIN_TO) return sorted;
  return Array.from({ length: THIN_TO }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (THIN_TO - 1))]!);
}
