/** The comparison for a terminal: warnings, one table of every compared row fitted to the width, then what was not compared. */
import { colorEnabled, paintRow } from '../report/table-style.js';
import { fitTable } from '../report/fit-table.js';
import { outputWidth, wrapText } from '../report/text-width.js';
import type { Comparison } from './comparison.js';
import { legend, ROW_COLUMNS, rowCells } from './format-cells.js';
import { headerLines, trailingSections } from './format-sections.js';
import type { GateOutcome } from './gate.js';

export interface ComparisonTableOptions {
  /** Cells no line may pass (default: outputWidth()). */
  width?: number;
  /** Every column; by default "vs machine", "p (Holm)" and "n" are left out (the Markdown and --json have them). */
  wide?: boolean;
  color?: boolean;
}

/** The columns a terminal shows without --wide. */
const NARROW: ReadonlySet<string> = new Set(['target', 'measure', 'base', 'head', 'change', 'verdict']);

export function formatComparisonTable(comparison: Comparison, gate: GateOutcome, options: ComparisonTableOptions = {}): string {
  const { width = outputWidth(), wide = false, color = colorEnabled() } = options;
  const wrap = (line: string, rest = '  ') => wrapText(line, width, { rest });
  const out: string[] = [gate.message, ...headerLines(comparison, gate)].flatMap((line) => wrap(line));
  if (comparison.rows.length > 0) {
    const keep = ROW_COLUMNS.map((name) => wide || NARROW.has(name));
    const pick = (cells: readonly string[]) => cells.filter((_, i) => keep[i]);
    const rows = comparison.rows.map((row) => paintRow(pick(rowCells(row, comparison.options.thresholdPct)), color));
    out.push(fitTable({ head: pick(ROW_COLUMNS), rows, width }));
  }
  for (const section of trailingSections(comparison)) out.push(...wrap(`${section.title}:`), ...section.lines.flatMap((line) => wrap(`  ${line}`, '    ')));
  out.push(...wrap(legend(comparison), ''));
  if (!wide) out.push(...wrap('(--wide adds the "vs machine", "p (Holm)" and "n" columns)', ''));
  return out.join('\n');
}
