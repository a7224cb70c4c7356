/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided, computed as R's
 * `wilcox.test(x, y)` does: the exact distribution when both samples have fewer
 * than 50 values and there are no ties, otherwise the normal approximation with
 * the tie correction of the variance and a continuity correction.
 *
 * It compares whole samples by rank, so it needs no assumption of normality and
 * a few outliers (a GC pause, a noisy neighbour) cannot swing it: the reason
 * benchstat uses it to tell a real change from noise.
 */
import { exactTwoSidedP } from './mann-whitney-exact.js';
import { upperNormalTail } from './normal.js';
import { rankWithTies } from './rank.js';

/** Below this size for both samples and without ties, the exact p-value is used (R's rule). */
export const EXACT_LIMIT = 50;

export interface MannWhitneyResult {
  /** R's W: the rank sum of `x` minus nx(nx+1)/2, the number of (x, y) pairs with x > y (ties count 1/2). */
  u: number;
  /** Two-sided p-value; 1 when every value is equal (nothing to tell apart). */
  p: number;
  nx: number;
  ny: number;
  method: 'exact' | 'normal';
}

/** Two-sided test of "x and y come from the same distribution". Null when a sample is empty. */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult | null {
  const nx = x.length;
  const ny = y.length;
  if (nx === 0 || ny === 0) return null;
  const { ranks, tieGroups } = rankWithTies([...x, ...y]);
  let rankSumX = 0;
  for (let i = 0; i < nx; i++) rankSumX += ranks[i]!;
  const u = rankSumX - (nx * (nx + 1)) / 2;
  const hasTies = tieGroups.some((size) => size > 1);

  if (nx < EXACT_LIMIT && ny < EXACT_LIMIT && !hasTies) {
    return { u, p: exactTwoSidedP(u, nx, ny), nx, ny, method: 'exact' };
  }
  return { u, p: normalTwoSidedP(u, nx, ny, tieGroups), nx, ny, method: 'normal' };
}

function normalTwoSidedP(u: number, nx: number, ny: number, tieGroups: readonly number[]): number {
  const total = nx + ny;
  const tieTerm = tieGroups.reduce((sum, t) => sum + (t * t * t - t), 0) / (total * (total - 1));
  const sigma = Math.sqrt(((nx * ny) / 12) * (total + 1 - tieTerm));
  if (sigma === 0) return 1; // every value equal: no evidence of any difference
  const distance = u - (nx * ny) / 2;
  // Continuity correction: move half a step toward the mean (never past it).
  const z = (Math.abs(distance) - (distance === 0 ? 0 : 0.5)) / sigma;
  return Math.min(1, 2 * upperNormalTail(z));
}
