/**
 * The comparison as GitHub-flavoured Markdown, for the CI step summary, on one
 * screen before anything is unfolded: the verdict in one line, a machine
 * warning if any, the rows that changed; then, folded in <details>, the notes,
 * what was not judged or compared, and every row with the interval of its
 * change and its real confidence level.
 */
import type { Comparison, ComparedRow } from './comparison.js';
import { CHANGED, formatInterval, legend, ROW_COLUMNS, rowCells } from './format-cells.js';
import { headerLines, trailingSections } from './format-sections.js';
import type { GateOutcome } from './gate.js';

const HEADLINE: Record<GateOutcome['status'], string> = { pass: '✅', regression: '❌', refused: '⚠️' };


/** Significant changes shown before anything is unfolded; the rest of them are one click away. */
const SHOWN_CHANGES = 15;

export function formatComparisonMarkdown(comparison: Comparison, gate: GateOutcome): string {
  const out: string[] = ['### plugbench compare', '', headline(gate), ''];
  const fold = (summary: string, body: readonly string[]) => out.push(`<details><summary>${escapeCell(summary)}</summary>`, '', ...body, '', '</details>', '');
  // A machine difference decides whether the numbers mean anything: it stays in sight, the other notes fold.
  const [warnings, notes] = partition(headerLines(comparison, gate), (line) => line.startsWith('Different machines'));
  for (const line of warnings) out.push(`> ${escapeCell(line)}`, '');
  const changed = comparison.rows.filter((row) => CHANGED.has(row.verdict));
  if (changed.length > 0) out.push(`Significant changes (${changed.length}):`, '', ...table(changed.slice(0, SHOWN_CHANGES), comparison), '');
  else out.push('No significant change in any judged row.', '');
  if (changed.length > SHOWN_CHANGES) fold(`${changed.length - SHOWN_CHANGES} more significant changes`, table(changed.slice(SHOWN_CHANGES), comparison));
  fold(`How the runs were compared (${notes.length} note${notes.length === 1 ? '' : 's'})`, notes.map((line) => `- ${escapeCell(line)}`));
  for (const section of trailingSections(comparison)) fold(`${section.title} (${section.lines.length})`, section.lines.map((line) => `- ${escapeCell(line)}`));
  if (comparison.rows.length > 0) fold(`All ${comparison.rows.length} compared rows`, table(comparison.rows, comparison, true));
  out.push(`_${legend(comparison)}_`, '');
  return out.join('\n');
}

/** "❌ **2 regressions in 2 targets**: worker latency round-trip +30.2% ...": the verdict in bold, the detail after it plain. */
function headline(gate: GateOutcome): string {
  const cut = gate.message.search(/ \(|: /);
  const [verdict, detail] = cut < 0 ? [gate.message, ''] : [gate.message.slice(0, cut), gate.message.slice(cut)];
  return `${HEADLINE[gate.status]} **${escapeCell(verdict)}**${escapeCell(detail)}`;
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
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
