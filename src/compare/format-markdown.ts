/**
 * The comparison as GitHub-flavoured Markdown, for the CI step summary: the verdict
 * and warnings first, the rows that changed, then every row folded in <details>
 * with the interval of each change and its real confidence level.
 */
import type { Comparison, ComparedRow } from './comparison.js';
import { CHANGED, formatInterval, legend, ROW_COLUMNS, rowCells } from './format-cells.js';
import { headerLines, trailingSections } from './format-sections.js';
import type { GateOutcome } from './gate.js';

const HEADLINE: Record<GateOutcome['status'], string> = { pass: '✅', regression: '❌', refused: '⚠️' };


export function formatComparisonMarkdown(comparison: Comparison, gate: GateOutcome): string {
  const out: string[] = ['### plugbench compare', '', `${HEADLINE[gate.status]} **${escapeCell(gate.message)}**`, ''];
  for (const line of headerLines(comparison, gate)) out.push(`> ${escapeCell(line)}`, '>');
  out.pop();
  out.push('');
  const changed = comparison.rows.filter((row) => CHANGED.has(row.verdict));
  if (changed.length > 0) out.push('Significant changes:', '', ...table(changed, comparison), '');
  else out.push('No significant change in any judged row.', '');
  for (const section of trailingSections(comparison)) {
    out.push(`**${section.title}**`, '', ...section.lines.map((line) => `- ${escapeCell(line)}`), '');
  }
  if (comparison.rows.length > 0) {
    out.push(`<details><summary>All ${comparison.rows.length} compared rows</summary>`, '', ...table(comparison.rows, comparison, true), '', '</details>', '');
  }
  out.push(`_${legend(comparison)}_`, '');
  return out.join('\n');
}

function table(rows: readonly ComparedRow[], comparison: Comparison, withInterval = false): string[] {
  const head = withInterval ? [...ROW_COLUMNS.slice(0, -1), 'interval of the change', 'verdict'] : [...ROW_COLUMNS];
  const align = head.map((name) => (['target', 'measure', 'verdict', 'interval of the change'].includes(name) ? '---' : '---:'));
  return [
    `| ${head.join(' | ')} |`,
    `|${align.join('|')}|`,
    ...rows.map((row) => {
      const [target, ...rest] = rowCells(row, comparison.options.thresholdPct).map(escapeCell);
      const verdict = rest.pop()!;
      if (withInterval) rest.push(escapeCell(formatInterval(row)));
      // The target in code style, a regression in bold: the two things a reviewer scans for.
      return `| \`${target}\` | ${rest.join(' | ')} | ${row.verdict === 'regression' ? `**${verdict}**` : verdict} |`;
    }),
  ];
}

/** A `|` or a newline inside a cell would break the table. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
