/**
 * The parts of a comparison report that are prose, not table: the verdict, the
 * machine warning, the notes, the machine's speed, and what could not be
 * compared or judged. The terminal and the Markdown print these, in this order.
 */
import type { Comparison, RowRef, RunSummary } from './comparison.js';
import { formatMeasure, formatPct, plural } from './format-cells.js';
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
  if (comparison.machineSpeed) {
    const { driftPct, floors } = comparison.machineSpeed;
    lines.push(`Machine: head's floors took ${formatPct(driftPct, 1, 1)} against base's (median run, from ${floors.join(', ')}); "vs machine" takes that drift out.`);
  }
  lines.push(`base: ${describeSide(comparison.base)}; head: ${describeSide(comparison.head)}`);
  return lines;
}

/** Rows that were not compared or not judged, each group only when it has something. */
export function trailingSections(comparison: Comparison): ReportSection[] {
  const sections: ReportSection[] = [];
  const notJudged = notJudgedLines(comparison);
  if (notJudged.length > 0) sections.push({ title: 'Not judged (too few runs, or too noisy, to detect the threshold)', lines: notJudged });
  if (comparison.statusChanges.length > 0) {
    sections.push({
      title: 'Status changed',
      lines: comparison.statusChanges.map((s) => `${s.target} ${formatMeasure(s)}: ${s.base} -> ${s.head}${s.regression ? ' (REGRESSION)' : ''}`),
    });
  }
  const partial = comparison.rows.filter((row) => row.notes).map((row) => `${row.target} ${formatMeasure(row)}: ${row.notes!.join('; ')}`);
  if (partial.length > 0) sections.push({ title: 'Not ok in every run', lines: partial });
  if (comparison.onlyInBase.length > 0) sections.push({ title: 'Only in base (not compared)', lines: comparison.onlyInBase.map(describeRef) });
  if (comparison.onlyInHead.length > 0) sections.push({ title: 'Only in head (not compared)', lines: comparison.onlyInHead.map(describeRef) });
  if (comparison.notComparedCount > 0) {
    sections.push({ title: 'Not compared', lines: [`${plural(comparison.notComparedCount, 'row')} did not run (failed, skipped or not supported) on both sides`] });
  }
  return sections;
}

/** One line per suite with inconclusive rows: all of them ("not judged"), or how many. */
function notJudgedLines(comparison: Comparison): string[] {
  const threshold = comparison.options.thresholdPct;
  return comparison.suites
    .filter((suite) => suite.inconclusive > 0)
    .map((suite) => {
      const best = suite.bestDetectablePct === null ? 'no change of any size was detectable' : `the best of them detects ${suite.bestDetectablePct.toFixed(0)}%`;
      const which = suite.inconclusive === suite.rows ? `not judged, none of its ${plural(suite.rows, 'row')} could` : `${suite.inconclusive} of its ${plural(suite.rows, 'row')} could not`;
      return `${suite.suite}: ${which} detect a change of ${threshold}% (${best}); more rounds narrow it`;
    });
}

function describeRef(ref: RowRef): string {
  return `${ref.target} ${formatMeasure(ref)}`;
}

/** "2026-11-25T09:30:27Z at a756609e27ea on vm", or for runs "10 runs, 09:30-09:52, at a756609e27ea on vm". */
function describeSide(runs: readonly RunSummary[]): string {
  const commits = [...new Set(runs.map((run) => (run.gitCommit ? run.gitCommit.slice(0, 12) : 'no commit')))].join('/');
  const hosts = [...new Set(runs.map((run) => run.hostname))].join('/');
  if (runs.length === 1) return `${runs[0]!.createdAt} at ${commits} on ${hosts}`;
  const times = runs.map((run) => run.createdAt).sort();
  return `${runs.length} runs, ${times[0]} to ${times.at(-1)}, at ${commits} on ${hosts}`;
}
