/**
 * Writes every chart the results can fill as an SVG file. Called by `plugbench
 * report` and by `plugbench bench` after a run. Each file is written to a temporary
 * name and renamed, so an interrupted run never leaves a half-written chart.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../results/results-file.js';
import type { BenchResults } from '../../results/types.js';
import type { ChartBuilder } from './chart-spec.js';
import { decompositionChart } from './decomposition-chart.js';
import { latencyChart } from './latency-chart.js';
import { payloadChart } from './payload-chart.js';
import { recoveryChart } from './recovery-chart.js';
import { renderSvg } from './render-svg.js';
import { withStamp } from './stamp.js';
import { startupChart } from './startup-chart.js';

/** Every chart, keyed by the name its file gets. */
export const CHARTS: Readonly<Record<string, ChartBuilder>> = {
  latency: latencyChart,
  decomposition: decompositionChart,
  startup: startupChart,
  recovery: recoveryChart,
  payload: payloadChart,
};

export interface WriteChartsOptions {
  /** Put before each chart name: "run-1." gives run-1.latency.svg. Default: none. */
  prefix?: string;
}

/** Renders and writes the charts the results have data for; returns the paths written. */
export async function writeCharts(results: BenchResults, outDir: string, options: WriteChartsOptions = {}): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const [name, build] of Object.entries(CHARTS)) {
    const spec = build(results);
    if (!spec) continue;
    const file = path.join(outDir, `${options.prefix ?? ''}${name}.svg`);
    await writeFileAtomic(file, await renderSvg(withStamp(spec, results)));
    written.push(file);
  }
  return written;
}
