/**
 * The Hodges-Lehmann interval, the smallest detectable shift and Holm's correction,
 * checked against values worked out by hand from the exact U distribution (for 5
 * against 5: P(U <= 0..3) = 1, 2, 4, 7 in 252) and against the U test itself.
 */
import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../src/stats/holm.js';
import { mannWhitneyU } from '../../src/stats/mann-whitney.js';
import { normalQuantile } from '../../src/stats/normal.js';
import { minimumTwoSidedP, shiftInterval, shiftNeeded } from '../../src/stats/shift.js';
import { seededRandom } from '../helpers/bench-results.js';

const one = [1, 2, 3, 4, 5];
const shifted = (values: readonly number[], by: number) => values.map((v) => v + by);

describe('shiftInterval', () => {
  it('is the median of the pairwise differences, between D(3) and D(23) for 5 against 5 at 96.8%', () => {
    // 2 P(U <= 2) = 8/252 <= 0.05 < 2 P(U <= 3) = 14/252, so c = 3 and the coverage is 1 - 8/252.
    const interval = shiftInterval(one, shifted(one, 5))!;
    expect(interval.estimate).toBe(5);
    expect([interval.low, interval.high]).toEqual([2, 8]);
    expect(interval.confidence).toBeCloseTo(1 - 8 / 252, 12);
  });

  it('says the level it really has when the sizes cannot reach the asked one', () => {
    // 2 against 2: [min, max] of the differences covers with 1 - 2/6.
    const interval = shiftInterval([1, 2], [3, 4])!;
    expect([interval.low, interval.high]).toEqual([1, 3]);
    expect(interval.confidence).toBeCloseTo(2 / 3, 12);
  });

  it('covers the true shift of large samples and is empty-safe', () => {
    const random = seededRandom(3);
    const x = Array.from({ length: 800 }, () => random());
    const y = Array.from({ length: 800 }, () => random() + 0.1);
    const interval = shiftInterval(x, y)!;
    expect(interval.low).toBeLessThan(0.1);
    expect(interval.high).toBeGreaterThan(0.1);
    expect(interval.confidence).toBeGreaterThanOrEqual(0.95);
    expect(shiftInterval([], y)).toBeNull();
  });
});

describe('minimumTwoSidedP', () => {
  it('is 2 / C(m+n, m): complete separation, no ties', () => {
    expect(minimumTwoSidedP(2, 2)).toBeCloseTo(1 / 3, 12);
    expect(minimumTwoSidedP(3, 3)).toBeCloseTo(0.1, 12);
    expect(minimumTwoSidedP(4, 4)).toBeCloseTo(2 / 70, 12);
    expect(minimumTwoSidedP(5, 5)).toBeCloseTo(2 / 252, 12);
    expect(minimumTwoSidedP(0, 5)).toBe(1);
  });
});

describe('shiftNeeded', () => {
  it('is the shift at which the U test starts to reject, for 5 against the same 5', () => {
    // At 0.05 at most 2 pairs may stay unbeaten; the differences x_j - x_i sorted start -4, -3, -3: d = 3.
    expect(shiftNeeded(one, one, 0.05)).toBe(3);
    expect(mannWhitneyU(one, shifted(one, 3.001))!.p).toBeLessThan(0.05);
    expect(mannWhitneyU(one, shifted(one, 2.999))!.p).toBeGreaterThanOrEqual(0.05);
  });

  it('is null when no shift can reach the level, and 0 when the samples are already that far apart', () => {
    expect(shiftNeeded([1, 2], [1, 2], 0.05)).toBeNull();
    expect(shiftNeeded(one, one, 2 / 252)).toBeNull(); // complete separation gives exactly 2/252, not less
    expect(shiftNeeded(one, shifted(one, 10), 0.05)).toBe(0);
  });

  it('agrees with the normal approximation of the test for large samples', () => {
    const random = seededRandom(7);
    const x = Array.from({ length: 120 }, () => random());
    const y = Array.from({ length: 120 }, () => random());
    const level = 0.001;
    const d = shiftNeeded(x, y, level)!;
    expect(mannWhitneyU(x, shifted(y, d * 1.02))!.p).toBeLessThan(level);
    expect(mannWhitneyU(x, shifted(y, d * 0.98))!.p).toBeGreaterThan(level);
  });
});

describe('holmAdjust', () => {
  it("matches R's p.adjust(c(0.01, 0.04, 0.03, 0.005), 'holm')", () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([0.9, 0.8])).toEqual([1, 1]);
  });
});

describe('normalQuantile', () => {
  it('inverts the normal CDF to 1e-8', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424309, 7);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
