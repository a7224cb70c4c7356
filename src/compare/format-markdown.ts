/**
 * The comparison as GitHub-flavoured Markdown, for the CI step summary: the verdict
 * and warnings first, the rows that changed, then every row folded in <details>.
 */
import type { Comparison, ComparedRow } from './compare-results.js';
import { legend, ROW_COLUMNS, rowCells } from './format-cells.js';
import { headerLines, trailingSections } from './format-sections.js';
import type { GateOutcome } from './gate.js';

const HEADLINE: Record<GateOutcome['status'], string> = { pass: '✅', regression: '❌', refused: '⚠️' };

export function formatComparisonMarkdown(comparison: Comparison, gate: GateOutcome): string {
  const out: string[] = ['### plugbench compare', '', `${HEADLINE[gate.status]} **${escapeCell(gate.message)}**`, ''];
  for (const line of headerLines(comparison, gate)) out.push(`> ${escapeCell(line)}`, '>');
  out.pop();
  out.push('');
  const changed = comparison.rows.filter((row) => row.verdict !== 'not-significant');
  if (changed.length > 0) out.push('Significant changes:', '', ...table(changed), '');
  else out.push('No significant change in any compared row.', '');
  if (comparison.rows.length > 0) {
    out.push(`<details><summary>All ${comparison.rows.length} compared rows</summary>`, '', ...table(comparison.rows), '', '</details>', '');
  }
  for (const section of trailingSections(comparison)) {
    out.push(`**${section.title}**`, '', ...section.lines.map((line) => `- ${escapeCell(line)}`), '');
  }
  out.push(`_${legend(comparison.options.alpha, comparison.options.thresholdPct)}_`, '');
  return out.join('\n');
}

function table(rows: readonly ComparedRow[]): string[] {
  return [
    `| ${ROW_COLUMNS.join(' | ')} |`,
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...rows.map((row) => {
      const [target, ...rest] = rowCells(row).map(escapeCell);
      const verdict = rest.pop()!;
      // The target in code style, a regression in bold: the two things a reviewer scans for.
      return `| \`${target}\` | ${rest.join(' | ')} | ${row.verdict === 'regression' ? `**${verdict}**` : verdict} |`;
    }),
  ];
}

/** A `|` or a newline inside a cell would break the table. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
