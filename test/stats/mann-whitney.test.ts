/**
 * Reference values from R 4.2.2 (`wilcox.test(x, y)`, two-sided, defaults: exact
 * when n < 50 without ties, else normal with tie and continuity correction).
 * The first case is the example in R's own `?wilcox.test` page (Hollander &
 * Wolfe 1973, p. 69): "W = 35, p-value = 0.1272" for alternative = "greater",
 * so 0.2544 two-sided. The others were computed with the R calls shown.
 */
import { describe, expect, it } from 'vitest';
import { exactUDistribution } from '../../src/stats/mann-whitney-exact.js';
import { mannWhitneyU } from '../../src/stats/mann-whitney.js';
import { rankWithTies } from '../../src/stats/rank.js';

const range = (count: number, scale: number, offset = 0) => Array.from({ length: count }, (_, i) => (i + 1) * scale + offset);

interface Reference {
  name: string;
  x: number[];
  y: number[];
  w: number;
  p: number;
  method: 'exact' | 'normal';
}

const references: Reference[] = [
  {
    name: 'R ?wilcox.test example (Hollander & Wolfe): exact',
    x: [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46],
    y: [1.15, 0.88, 0.9, 0.74, 1.21],
    w: 35,
    p: 0.254412254412254,
    method: 'exact',
  },
  { name: 'complete separation, 3 vs 3: exact, the smallest p is 2/20', x: [1, 2, 3], y: [4, 5, 6], w: 0, p: 0.1, method: 'exact' },
  {
    name: 'ties: normal approximation with tie and continuity correction',
    x: [1.1, 2.2, 2.2, 3.3, 4.4, 4.4, 5.5],
    y: [2.2, 3.3, 6.6, 6.6, 7.7, 8.8],
    w: 8.5,
    p: 0.0834498294931029,
    method: 'normal',
  },
  {
    name: '60 vs 55 without ties: normal approximation (n >= 50)',
    x: range(60, 1.5),
    y: range(55, 1.5, 10.25),
    w: 1431,
    p: 0.221191815165024,
    method: 'normal',
  },
  {
    name: '20 vs 20 well apart: exact, small p',
    x: [3, 1, 4, 1.5, 9, 2.6, 5.3, 5.8, 9.7, 9.3, 2.38, 4.62, 6.43, 3.83, 2.79, 5.02, 8.84, 1.97, 1.69, 3.99],
    y: [7.1, 6.2, 8.3, 10.5, 4.4, 12.1, 9.8, 11.6, 5.7, 13.2, 7.7, 8.9, 6.6, 14.3, 10.9, 9.05, 12.7, 8.15, 11.2, 7.45],
    w: 49,
    p: 1.3345145617719e-5,
    method: 'exact',
  },
];

describe('mannWhitneyU against R wilcox.test', () => {
  for (const ref of references) {
    it(ref.name, () => {
      const result = mannWhitneyU(ref.x, ref.y)!;
      expect(result.u).toBe(ref.w);
      expect(result.method).toBe(ref.method);
      expect(Math.abs(result.p - ref.p) / ref.p).toBeLessThan(1e-6);
    });
  }

  it('is symmetric: swapping the samples keeps p and gives nx*ny - U', () => {
    for (const ref of references) {
      const forward = mannWhitneyU(ref.x, ref.y)!;
      const swapped = mannWhitneyU(ref.y, ref.x)!;
      expect(swapped.u).toBe(ref.x.length * ref.y.length - ref.w);
      expect(Math.abs(swapped.p - forward.p) / forward.p).toBeLessThan(1e-9);
    }
  });

  it('gives p = 1 when every value is equal, and null for an empty sample', () => {
    expect(mannWhitneyU([5, 5, 5, 5], [5, 5, 5])).toMatchObject({ p: 1, u: 6, method: 'normal' });
    expect(mannWhitneyU([], [1, 2])).toBeNull();
  });

  it('gives p = 1 for the same sample on both sides', () => {
    const sample = [0.12, 0.15, 0.11, 0.19, 0.13];
    expect(mannWhitneyU(sample, sample)!.p).toBe(1);
  });
});

describe('exactUDistribution', () => {
  it('is the distribution of U: sums to 1, symmetric, known small case', () => {
    // For m = n = 2 the 6 arrangements give U = 0,1,2,2,3,4.
    expect(Array.from(exactUDistribution(2, 2))).toEqual([1 / 6, 1 / 6, 2 / 6, 1 / 6, 1 / 6]);
    const big = exactUDistribution(49, 49);
    expect(big.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(big[0]).toBeGreaterThan(0); // 1 / C(98, 49) ~ 4e-29 survives as a double
    expect(big[10]).toBeCloseTo(big[49 * 49 - 10]!, 40);
  });
});

describe('rankWithTies', () => {
  it('gives tied values the mean of their ranks and records the tie groups', () => {
    expect(rankWithTies([10, 20, 20, 5, 20])).toEqual({ ranks: [2, 4, 4, 1, 4], tieGroups: [1, 1, 3] });
  });
});
