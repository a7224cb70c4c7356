/**
 * What every chart shares: the vega-lite spec type, the look, and the title with
 * its left-out note. A chart module builds a spec from results, or null when the
 * results hold nothing for it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BenchResults } from '../../results/types.js';
import { leftOutNote } from './chart-rows.js';

export type ChartSpec = TopLevelSpec;
export type ChartBuilder = (results: BenchResults) => ChartSpec | null;

/** One value row of a chart's inline data. */
export type Datum = Record<string, string | number>;

export const CHART_WIDTH = 560;

export function chartTitle(text: string, explanation: string, leftOut: readonly string[]): { text: string; subtitle: string[] } {
  return { text, subtitle: [explanation, ...leftOutNote(leftOut)] };
}

/** White background and a readable font, so the SVG looks the same in a README on any theme. */
export const CHART_CONFIG = {
  background: 'white',
  padding: 12,
  font: 'Helvetica, Arial, sans-serif',
  title: { anchor: 'start', fontSize: 15, subtitleFontSize: 11, subtitleColor: '#555' },
  axis: { labelFontSize: 11, titleFontSize: 11 },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 360, orient: 'top', direction: 'horizontal' },
} as const;
