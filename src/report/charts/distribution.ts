/**
 * The spread of a row's raw samples, drawn two ways: a box (middle half, median,
 * whiskers from the fastest sample to the p99) when there are enough samples for
 * quartiles to mean something, and every sample as a dot (a strip) when there are few.
 */
import { quantileSorted } from 'simple-statistics';
import type { ResultRow } from '../../results/types.js';
import { P99_MIN_SAMPLES } from '../../stats/summary.js';
import type { Datum } from './chart-spec.js';

/** From this many samples a row is drawn as a box; below it, every sample is a dot. */
export const BOX_MIN_SAMPLES = 30;

export interface BoxStats {
  low: number;
  q1: number;
  median: number;
  q3: number;
  /** The p99 from P99_MIN_SAMPLES samples on, else the slowest sample. */
  high: number;
  count: number;
}

export function boxStats(samples: readonly number[]): BoxStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const high = sorted.length >= P99_MIN_SAMPLES ? quantileSorted(sorted, 0.99) : sorted[sorted.length - 1]!;
  return { low: sorted[0]!, q1: quantileSorted(sorted, 0.25), median: quantileSorted(sorted, 0.5), q3: quantileSorted(sorted, 0.75), high, count: sorted.length };
}

/** What the whisker's right end is, in words, for a chart's subtitle. */
export function whiskerWords(rows: readonly ResultRow[]): string {
  return rows.every((row) => row.samples.length >= P99_MIN_SAMPLES) ? 'fastest sample to p99' : 'fastest to slowest sample';
}

/** Every sample of a row as a datum, with a fixed spread across the row's band (golden-ratio steps: no randomness, the same SVG every time). */
export function stripValues(row: ResultRow, base: Datum, scale = 1): Datum[] {
  return row.samples.map((sample, i) => ({ ...base, value: sample * scale, jitter: ((i * 0.618034) % 1) - 0.5 }));
}

/** Layers of a horizontal box per category on `y`: whisker rule, box bar, median tick; fields low, q1, median, q3, high. */
export function boxLayers(x: object, y: object, color: object) {
  return [
    { name: 'whisker', mark: { type: 'rule' as const }, encoding: { y, x: { field: 'low', ...x }, x2: { field: 'high' }, color } },
    { name: 'box', mark: { type: 'bar' as const, size: 12, opacity: 0.85 }, encoding: { y, x: { field: 'q1', ...x }, x2: { field: 'q3' }, color } },
    { name: 'median', mark: { type: 'tick' as const, color: 'black', thickness: 2, size: 14 }, encoding: { y, x: { field: 'median', ...x } } },
  ];
}

/** Layers of a strip per category on `y`: every sample (`dots`, from stripValues) a dot spread across the band, and the median as a black tick. */
export function stripLayers(x: object, y: object, color: object, dots: readonly Datum[]) {
  return [
    {
      name: 'strip',
      data: { values: dots },
      mark: { type: 'point' as const, filled: true, size: 22, opacity: 0.6 },
      encoding: { y, x: { field: 'value', ...x }, yOffset: { field: 'jitter', type: 'quantitative' as const, scale: { domain: [-0.9, 0.9] } }, color },
    },
    { name: 'median', mark: { type: 'tick' as const, color: 'black', thickness: 2, size: 14 }, encoding: { y, x: { field: 'median', ...x } } },
  ];
}
