/**
 * `plugbench report` as a library call: read a results file and write what a
 * person reads next to it, named after it (run.json -> run.latency.svg, ...).
 */
import path from 'node:path';
import { loadResults } from '../results/load-results.js';
import { writeCharts } from './charts/write-charts.js';

export interface ReportOutput {
  results: string;
  /** Every file written. */
  files: string[];
}

export async function writeReport(resultsFile: string, outDir?: string): Promise<ReportOutput> {
  const results = await loadResults(resultsFile);
  const prefix = `${path.basename(resultsFile, path.extname(resultsFile))}.`;
  const files = await writeCharts(results, outDir ?? path.dirname(resultsFile), { prefix });
  return { results: resultsFile, files };
}
