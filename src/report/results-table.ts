/** The terminal view of a run: cli-table3, targets as rows, each suite's key figure as a column. */
import Table from 'cli-table3';
import type { BenchResults } from '../bench/results.js';
import { buildKeyTable, describeRun } from './key-columns.js';

/** `color` adds cli-table3's colours (for a terminal); without it the text is plain. */
export function renderResultsTable(results: BenchResults, color = false): string {
  const view = buildKeyTable(results, '\n');
  const table = new Table({ head: view.head, wordWrap: true, ...(color ? {} : { style: { head: [], border: [] } }) });
  table.push(...view.rows);
  for (const { target, reason } of view.skipped) {
    table.push([target, { colSpan: Math.max(1, view.head.length - 1), content: `skipped: ${reason}` }]);
  }
  const notes = [...view.failures.map((line) => `failed: ${line}`), ...view.warnings.map((line) => `warning: ${line}`)];
  return [table.toString(), ...notes, describeRun(results)].join('\n');
}
