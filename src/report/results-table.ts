/** The terminal view of a run: targets as rows, each suite's key figure as a column, fitted to the width (fitTable). */
import type { BenchResults } from '../results/types.js';
import { fitTable } from '../results/fit-table.js';
import { buildKeyTable, describeRun } from './key-columns.js';
import { paintCell, paintRow } from '../results/table-style.js';
import { outputWidth, wrapText } from '../results/text-width.js';

export interface ResultsTableOptions {
  /** See colorEnabled: paints the failed cells red; without it the text is plain. */
  color?: boolean;
  /** Cells no line may pass (default: outputWidth()). */
  width?: number;
}

export function renderResultsTable(results: BenchResults, options: ResultsTableOptions = {}): string {
  const { color = false, width = outputWidth() } = options;
  const view = buildKeyTable(results, '\n');
  const table = fitTable({ head: view.head, rows: view.rows.map((row) => paintRow(row, color)), width });
  const notes = [
    ...view.skipped.map(({ target, reason }) => `${target} skipped: ${reason}`),
    ...view.failures.map((line) => `${paintCell('failed', color)}: ${line}`),
    ...view.warnings.map((line) => `warning: ${line}`),
    describeRun(results),
  ];
  return [table, ...notes.flatMap((note) => wrapText(note, width, { rest: '  ' }))].join('\n');
}
