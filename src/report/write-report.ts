/**
 * `plugbench report` as a library call: read a results file and write what a
 * person reads next to it, named after it (run.json -> run.latency.svg, ...).
 */
import path from 'node:path';
import { loadResults } from '../results/load-results.js';
import { PluginError } from '../core/errors.js';
import { writeCharts } from './charts/write-charts.js';
import { writeFileAtomic } from '../results/results-file.js';
import { renderResultsCsv } from './results-csv.js';
import { upgradeForCharts } from './upgrade-results.js';
import type { BenchResults } from '../results/types.js';

export interface ReportOutput {
  results: string;
  /** Every file written. */
  files: string[];
}

/** `csv`: also write every row as CSV (renderResultsCsv), as run.csv beside the charts. */
export async function writeReport(resultsFile: string, outDir?: string, options: { csv?: boolean } = {}): Promise<ReportOutput> {
  const results = await loadResults(resultsFile, { upgrade: upgradeForCharts });
  const prefix = `${path.basename(resultsFile, path.extname(resultsFile))}.`;
  const dir = outDir ?? path.dirname(resultsFile);
  try {
    const files = await writeCharts(results, dir, { prefix });
    if (options.csv) files.push(await writeCsv(results, path.join(dir, `${prefix}csv`)));
    return { results: resultsFile, files };
  } catch (error) {
    // A chart that needs what an older file lacks says so in one line, naming the file.
    if (error instanceof PluginError && error.code === 'INVALID_INPUT') throw new PluginError('INVALID_INPUT', `results file ${resultsFile}: ${error.message}`, { cause: error });
    throw error;
  }
}

async function writeCsv(results: BenchResults, file: string): Promise<string> {
  await writeFileAtomic(file, renderResultsCsv(results));
  return file;
}
