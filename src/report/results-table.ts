/** The terminal view of a run: cli-table3, targets as rows, each suite's key figure as a column. */
import Table from 'cli-table3';
import type { BenchResults } from '../results/types.js';
import { buildKeyTable, describeRun } from './key-columns.js';
import { paintCell, paintRow, tableStyle } from '../results/table-style.js';

/** `color` (see colorEnabled) paints the failed cells red; without it the text is plain. */
export function renderResultsTable(results: BenchResults, color = false): string {
  const view = buildKeyTable(results, '\n');
  const table = new Table({ head: view.head, wordWrap: true, ...tableStyle() });
  table.push(...view.rows.map((row) => paintRow(row, color)));
  for (const { target, reason } of view.skipped) {
    table.push([target, { colSpan: Math.max(1, view.head.length - 1), content: `skipped: ${reason}` }]);
  }
  const notes = [...view.failures.map((line) => `${paintCell('failed', color)}: ${line}`), ...view.warnings.map((line) => `warning: ${line}`)];
  return [table.toString(), ...notes, describeRun(results)].join('\n');
}
