/**
 * `plugbench compare` as a library call: load both files, compare, decide the
 * gate, render the chosen format, and append the Markdown to the CI step summary.
 */
import { compareResults, type CompareOptions, type Comparison } from './compare-results.js';
import { formatComparisonMarkdown } from './format-markdown.js';
import { formatComparisonTable } from './format-table.js';
import { decideGate, type GateOutcome } from './gate.js';
import { loadResults } from './load-results.js';
import { appendStepSummary } from './step-summary.js';

export type CompareFormat = 'table' | 'markdown' | 'json';

export interface RunCompareOptions extends CompareOptions {
  baseFile: string;
  headFile: string;
  format: CompareFormat;
  allowDifferentMachines: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface CompareReport {
  gate: GateOutcome;
  comparison: Comparison;
  /** The step summary file appended to, when GITHUB_STEP_SUMMARY was set. */
  stepSummary: string | null;
}

export interface CompareRun {
  report: CompareReport;
  /** What to print for the table and markdown formats (json prints `report`). */
  text: string;
}

export async function runCompare(options: RunCompareOptions): Promise<CompareRun> {
  const [base, head] = await Promise.all([loadResults(options.baseFile), loadResults(options.headFile)]);
  const comparison = compareResults(base, head, { thresholdPct: options.thresholdPct, alpha: options.alpha });
  const gate = decideGate(comparison, options.allowDifferentMachines);
  const markdown = formatComparisonMarkdown(comparison, gate);
  const stepSummary = await appendStepSummary(markdown, options.env);
  const text = options.format === 'json' ? '' : options.format === 'markdown' ? markdown : formatComparisonTable(comparison, gate);
  return { report: { gate, comparison, stepSummary }, text };
}
