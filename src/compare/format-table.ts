/** The comparison for a terminal: warnings, one cli-table3 table of every compared row, then what was not compared. */
import { colorEnabled, paintRow, tableStyle } from '../results/table-style.js';
import Table from 'cli-table3';
import type { Comparison } from './comparison.js';
import { legend, ROW_COLUMNS, rowCells } from './format-cells.js';
import { headerLines, trailingSections } from './format-sections.js';
import type { GateOutcome } from './gate.js';

export function formatComparisonTable(comparison: Comparison, gate: GateOutcome): string {
  const out: string[] = [gate.message, ...headerLines(comparison, gate)];
  if (comparison.rows.length > 0) {
    const table = new Table({ head: [...ROW_COLUMNS], ...tableStyle() });
    const color = colorEnabled();
    for (const row of comparison.rows) table.push(paintRow(rowCells(row, comparison.options.thresholdPct), color));
    out.push(table.toString());
  }
  for (const section of trailingSections(comparison)) out.push(`${section.title}:`, ...section.lines.map((line) => `  ${line}`));
  out.push(legend(comparison));
  return out.join('\n');
}
