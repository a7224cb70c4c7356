/**
 * `plugbench compare` as a library call: load both sides (a results file, or a
 * folder with one file per run), compare, decide the gate, render the chosen
 * format, and append the Markdown to the CI step summary.
 */
import { PluginError } from '../core/errors.js';
import { compareRuns } from './compare-results.js';
import type { CompareOptions, Comparison } from './comparison.js';
import { formatComparisonMarkdown } from './format-markdown.js';
import { formatComparisonTable, type ComparisonTableOptions } from './format-table.js';
import { decideGate, type GateOutcome } from './gate.js';
import { loadSide, type LoadedRun } from './load-side.js';
import { appendStepSummary } from './step-summary.js';

export type CompareFormat = 'table' | 'markdown' | 'json';

export interface RunCompareOptions extends CompareOptions {
  /** A results file or a folder of them, for each side. */
  baseFile: string;
  headFile: string;
  format: CompareFormat;
  allowDifferentMachines: boolean;
  env?: NodeJS.ProcessEnv;
  /** The terminal table: its width and whether it shows every column (see formatComparisonTable). */
  table?: ComparisonTableOptions;
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
  const [base, head] = await Promise.all([loadSide(options.baseFile, 'base'), loadSide(options.headFile, 'head')]);
  const comparison = compareRuns(base, head, { thresholdPct: options.thresholdPct, alpha: options.alpha });
  if (comparison.rows.length + comparison.statusChanges.length + comparison.notComparedCount === 0) throw noRowsInCommon(base, head);
  const gate = decideGate(comparison, options.allowDifferentMachines);
  const markdown = formatComparisonMarkdown(comparison, gate);
  const stepSummary = await appendStepSummary(markdown, options.env);
  const text = options.format === 'json' ? '' : options.format === 'markdown' ? markdown : formatComparisonTable(comparison, gate, options.table);
  return { report: { gate, comparison, stepSummary }, text };
}

/** Nothing to compare is an error, not a pass: a gate that sees nothing must not say "no regression". */
function noRowsInCommon(base: readonly LoadedRun[], head: readonly LoadedRun[]): PluginError {
  const measured = (runs: readonly LoadedRun[]) => {
    const targets = [...new Set(runs.flatMap(({ results }) => results.options.targets))].join(',') || 'none';
    const suites = [...new Set(runs.flatMap(({ results }) => results.options.suites))].join(',') || 'none';
    return `targets ${targets}, suites ${suites}`;
  };
  return new PluginError('INVALID_INPUT', `base and head have no rows in common (base: ${measured(base)}; head: ${measured(head)}); measure both with the same --targets and --suites`);
}
