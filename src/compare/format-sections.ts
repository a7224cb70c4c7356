/**
 * The parts of a comparison report that are prose, not table: the verdict, the
 * machine warning, the notes, and the rows that could not be compared. Both the
 * terminal and the Markdown output print these, in this order.
 */
import type { Comparison, RowRef, RunSummary } from './compare-results.js';
import { formatMeasure, plural } from './format-cells.js';
import type { GateOutcome } from './gate.js';

export interface ReportSection {
  title: string;
  lines: string[];
}

/** The warnings a reader must see before any number. */
export function headerLines(comparison: Comparison, gate: GateOutcome): string[] {
  const lines: string[] = [];
  if (comparison.machineDifferences.length > 0) {
    const what = comparison.machineDifferences.map((d) => `${d.what}: ${d.base} vs ${d.head}`).join('; ');
    const consequence = gate.status === 'refused' ? 'not gated' : 'gated anyway (--allow-different-machines)';
    lines.push(`Different machines, so these numbers are not comparable (${what}); ${consequence}.`);
  }
  lines.push(...comparison.notes.map((note) => `Note: ${note}.`));
  lines.push(`base: ${describeRun(comparison.base)}; head: ${describeRun(comparison.head)}`);
  return lines;
}

/** Rows that were not compared, each group only when it has something. */
export function trailingSections(comparison: Comparison): ReportSection[] {
  const sections: ReportSection[] = [];
  if (comparison.statusChanges.length > 0) {
    sections.push({
      title: 'Status changed',
      lines: comparison.statusChanges.map((s) => `${s.target} ${formatMeasure(s)}: ${s.base} -> ${s.head}${s.regression ? ' (REGRESSION)' : ''}`),
    });
  }
  if (comparison.onlyInBase.length > 0) sections.push({ title: 'Only in base (not compared)', lines: comparison.onlyInBase.map(describeRef) });
  if (comparison.onlyInHead.length > 0) sections.push({ title: 'Only in head (not compared)', lines: comparison.onlyInHead.map(describeRef) });
  if (comparison.notComparedCount > 0) {
    sections.push({ title: 'Not compared', lines: [`${plural(comparison.notComparedCount, 'row')} did not run (failed, skipped or not supported) in both files`] });
  }
  return sections;
}

function describeRef(ref: RowRef): string {
  return `${ref.target} ${formatMeasure(ref)}`;
}

function describeRun(run: RunSummary): string {
  return `${run.createdAt}${run.gitCommit ? ` at ${run.gitCommit.slice(0, 12)}` : ''} on ${run.hostname}`;
}
