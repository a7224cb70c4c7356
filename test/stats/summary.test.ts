import { describe, expect, it } from 'vitest';
import { medianConfidenceInterval, summarize } from '../../src/stats/summary.js';

describe('summarize', () => {
  it('gives median, mean, min, max of hand-checkable samples, and no p99 from 5 of them', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toMatchObject({ count: 5, median: 3, mean: 3, min: 1, max: 5, p99: null });
    // sample standard deviation of 1..5 is sqrt(2.5)
    expect(s.stdDev).toBeCloseTo(Math.sqrt(2.5), 12);
  });

  it('gives a p99 from 100 samples on, interpolated between ranks (NumPy default)', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    // rank 0.99 * 99 = 98.01: between the 99th (99) and 100th (100) value
    expect(summarize(hundred).p99).toBeCloseTo(99.01, 12);
    expect(summarize(hundred.slice(1)).p99).toBeNull();
  });

  it('names the real level of the median interval, and gives none for one sample', () => {
    expect(summarize([1, 2, 3]).ciConfidence).toBeCloseTo(0.75, 12);
    expect(summarize([1, 2]).ciConfidence).toBeCloseTo(0.5, 12);
    expect(summarize([7])).toMatchObject({ ciLow: null, ciHigh: null, ciConfidence: null });
  });

  it('takes the mean of the middle two for an even count', () => {
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('flags outliers by 1.5 IQR at their positions and keeps them in every figure', () => {
    // sorted 1..8 and 100: q1 = 3, q3 = 7, IQR = 4, fences -3 and 13
    const samples = [3, 100, 1, 2, 4, 5, 6, 7, 8];
    const s = summarize(samples);
    expect(s.lowFence).toBe(-3);
    expect(s.highFence).toBe(13);
    expect(s.outlierIndices).toEqual([1]);
    expect(s.max).toBe(100); // flagged, not dropped
    expect(s.mean).toBeCloseTo(136 / 9, 12);
  });

  it('has no outliers when every sample is the same', () => {
    const s = summarize([2, 2, 2, 2]);
    expect(s.outlierIndices).toEqual([]);
    expect([s.ciLow, s.median, s.ciHigh]).toEqual([2, 2, 2]);
  });

  it('refuses an empty sample set', () => {
    expect(() => summarize([])).toThrow(RangeError);
  });
});

describe('medianConfidenceInterval', () => {
  it('uses x(2)..x(9) for n = 10 (coverage 1 - 2 * 11/1024)', () => {
    const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const ci = medianConfidenceInterval(sorted);
    expect(ci.lowerRank).toBe(2);
    expect([ci.low, ci.high]).toEqual([20, 90]);
    expect(ci.confidence).toBeCloseTo(1 - (2 * 11) / 1024, 12);
  });

  it('uses x(6)..x(15) for n = 20, the textbook table value', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => i + 1);
    const ci = medianConfidenceInterval(sorted);
    expect([ci.low, ci.high]).toEqual([6, 15]);
    expect(ci.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it('falls back to [min, max] with its true, lower coverage for n < 6', () => {
    const ci = medianConfidenceInterval([1, 2, 3, 4, 5]);
    expect([ci.low, ci.high]).toEqual([1, 5]);
    expect(ci.confidence).toBeCloseTo(1 - 2 / 32, 12);
  });

  it('narrows around the median as n grows and always contains it', () => {
    const sorted = Array.from({ length: 1001 }, (_, i) => i);
    const ci = medianConfidenceInterval(sorted);
    expect(ci.low).toBeLessThan(500);
    expect(ci.high).toBeGreaterThan(500);
    // normal approximation: about 1.96 * sqrt(1001) / 2 = 31 ranks either side
    expect(500 - ci.low).toBeGreaterThan(25);
    expect(500 - ci.low).toBeLessThan(37);
    expect(ci.high - 500).toBe(500 - ci.low);
  });
});
