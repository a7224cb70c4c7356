/** The comparison for a terminal: warnings, a table of the rows that changed (every row with --all) fitted to the width, then what was not compared. */
import { colorEnabled, paintRow } from '../results/table-style.js';
import { fitTable } from '../results/fit-table.js';
import { outputWidth, wrapText } from '../results/text-width.js';
import type { ComparedRow, Comparison } from './comparison.js';
import { CHANGED, formatMeasure, formatN, legend, plural, ROW_COLUMNS, rowCells } from './format-cells.js';
import { headerLines, trailingSections } from './format-sections.js';
import type { GateOutcome } from './gate.js';

export interface ComparisonTableOptions {
  /** Cells no line may pass (default: outputWidth()). */
  width?: number;
  /** Every column; by default "vs machine", "p (Holm)" and "n" are left out (the Markdown and --json have them). */
  wide?: boolean;
  /** Every compared row; by default only those that changed (CHANGED), the others counted. */
  all?: boolean;
  color?: boolean;
}

/** The columns a terminal shows without --wide. */
const NARROW: ReadonlySet<string> = new Set(['target', 'measure', 'base', 'head', 'change', 'verdict']);

export function formatComparisonTable(comparison: Comparison, gate: GateOutcome, options: ComparisonTableOptions = {}): string {
  const { width = outputWidth(), wide = false, all = false, color = colorEnabled() } = options;
  const wrap = (line: string, rest = '  ') => wrapText(line, width, { rest });
  const out: string[] = [gate.message, ...headerLines(comparison, gate)].flatMap((line) => wrap(line));
  const shown = all ? comparison.rows : comparison.rows.filter((row) => CHANGED.has(row.verdict));
  if (shown.length > 0) {
    const keep = ROW_COLUMNS.map((name) => wide || NARROW.has(name));
    const pick = (cells: readonly string[]) => cells.filter((_, i) => keep[i]);
    // A target is named on its first row only: the eye finds where each one starts.
    const rows = shown.map((row, i) => {
      const cells = terminalCells(row, comparison.options.thresholdPct);
      if (i > 0 && shown[i - 1]!.target === row.target) cells[0] = '';
      return paintRow(pick(cells), color);
    });
    out.push(fitTable({ head: pick(ROW_COLUMNS), rows, width, compact: true }));
  }
  const hidden = comparison.rows.length - shown.length;
  if (hidden > 0) out.push(...wrap(`${shown.length === 0 ? 'No significant change in any judged row; ' : ''}${plural(hidden, 'more row')} without a significant change (floors, derived, unchanged or not judged): --all lists every row.`));
  for (const section of trailingSections(comparison)) out.push(...wrap(`${section.title}:`), ...section.lines.flatMap((line) => wrap(`  ${line}`, '    ')));
  out.push(...wrap(`${legend(comparison)} "n too small": fewer runs (or noisier ones) than it takes to detect a change of ${comparison.options.thresholdPct}%.`, ''));
  if (!wide) out.push(...wrap('(--wide adds the "vs machine", "p (Holm)" and "n" columns)', ''));
  return out.join('\n');
}

/**
 * rowCells, shorter where a terminal line is scarce: a floor or bare row follows
 * the target it was measured beside, so "beside=" is left out, as are parameters
 * a metric's name already carries ("-64", "-1KiB"), and an
 * inconclusive verdict is "n too small" with its n (the legend says what it means).
 */
function terminalCells(row: ComparedRow, thresholdPct: number): string[] {
  const cells = rowCells(row, thresholdPct);
  // "calls-per-second-64 (inFlight=64)", "round-trip-1KiB (bytes=1024)": the name already says it.
  const named = /-\d+(B|KiB|MiB)?$/.test(row.metric);
  const params = Object.fromEntries(Object.entries(row.params ?? {}).filter(([key]) => key !== 'beside' && !named));
  cells[ROW_COLUMNS.indexOf('measure')] = formatMeasure({ ...row, params });
  if (row.verdict === 'inconclusive') cells[ROW_COLUMNS.indexOf('verdict')] = `n too small (${formatN(row)})`;
  return cells;
}
