import { describe, expect, it } from 'vitest';
import { decades, pickTimeUnit } from '../../src/report/charts/time-scale.js';
import { estimateTextWidth } from '../../src/report/charts/text-width.js';

describe('pickTimeUnit', () => {
  it('picks the largest unit in which the largest value is at least one', () => {
    expect(pickTimeUnit([0.0004, 0.081]).name).toBe('µs'); // 0.4-81 µs
    expect(pickTimeUnit([30, 210]).name).toBe('ms');
    expect(pickTimeUnit([500, 2740]).name).toBe('s');
    expect(pickTimeUnit([0.0002]).name).toBe('ns');
    expect(pickTimeUnit([]).name).toBe('ms');
  });
});

describe('decades', () => {
  it('covers every value with whole powers of ten', () => {
    expect(decades([0.00049, 7.96])).toEqual([0.0001, 0.001, 0.01, 0.1, 1, 10]);
    expect(decades([1, 1])).toEqual([1, 10]);
  });
});

describe('estimateTextWidth', () => {
  it('is wider for wide letters and bold, and near 0.6 em for ordinary text', () => {
    expect(estimateTextWidth('iii', 10)).toBeLessThan(estimateTextWidth('mmm', 10));
    expect(estimateTextWidth('abc', 10, true)).toBeGreaterThan(estimateTextWidth('abc', 10));
    expect(estimateTextWidth('stdio-rpc-python', 11)).toBeGreaterThan(80);
    expect(estimateTextWidth('stdio-rpc-python', 11)).toBeLessThan(16 * 11 * 0.8); // vega's own guess pads every chart
  });
});
