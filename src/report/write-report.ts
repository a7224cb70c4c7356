/**
 * `plugbench report` as a library call: read a results file and write what a
 * person reads next to it, named after it (run.json -> run.latency.svg, ...).
 */
import path from 'node:path';
import { loadResults } from '../compare/load-results.js';
import { writeCharts } from './charts/write-charts.js';
import { writeFileAtomic } from '../bench/results-file.js';
import { renderResultsCsv } from './results-csv.js';

export interface ReportOutput {
  results: string;
  /** Every file written. */
  files: string[];
}

/** `csv`: also write every row as CSV (renderResultsCsv), as run.csv beside the charts. */
export async function writeReport(resultsFile: string, outDir?: string, options: { csv?: boolean } = {}): Promise<ReportOutput> {
  const results = await loadResults(resultsFile);
  const prefix = `${path.basename(resultsFile, path.extname(resultsFile))}.`;
  const dir = outDir ?? path.dirname(resultsFile);
  const files = await writeCharts(results, dir, { prefix });
  if (options.csv) {
    const csv = path.join(dir, `${prefix}csv`);
    await writeFileAtomic(csv, renderResultsCsv(results));
    files.push(csv);
  }
  return { results: resultsFile, files };
}
