/**
 * Everything a finished run leaves on disk, beside the results file: the JSON
 * itself, its Markdown and its SVG charts, each written atomically.
 */
import path from 'node:path';
import { markdownPathFor, writeFileAtomic } from '../results/results-file.js';
import type { BenchResults } from '../results/types.js';
import { writeCharts } from './charts/write-charts.js';
import { renderResultsMarkdown } from './results-markdown.js';

export interface BenchFiles {
  json: string;
  markdown: string;
  charts: string[];
}

export async function writeBenchFiles(results: BenchResults, jsonPath: string): Promise<BenchFiles> {
  const markdown = markdownPathFor(jsonPath);
  // The results file first: a failure after it leaves the results, never a Markdown without them.
  await writeFileAtomic(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  await writeFileAtomic(markdown, renderResultsMarkdown(results));
  const charts = await writeCharts(results, path.dirname(jsonPath), { prefix: `${path.basename(jsonPath, path.extname(jsonPath))}.` });
  return { json: jsonPath, markdown, charts };
}
