/**
 * The verdict of a compared row once Holm's correction has run, and per suite
 * whether its rows could be judged at all.
 */
import type { CompareOptions, ComparedRow, SuiteJudgement } from './comparison.js';

export function settleVerdict(row: ComparedRow, options: CompareOptions): void {
  if (row.verdict === 'reference' || row.verdict === 'derived') return;
  if (row.holmP === null) {
    // Outside the family: every value equal (nothing changed), or too few values for any p < alpha.
    row.verdict = row.nBase > 0 && row.nHead > 0 && row.baseMedian === row.headMedian && row.p === 1 ? 'no-change' : 'inconclusive';
    return;
  }
  row.significant = row.holmP < options.alpha;
  if (!row.significant) {
    // From a zero base any change is beyond the threshold, so a detectable one is enough.
    const detectable = row.detectable && (row.detectable.pct === null || row.detectable.pct <= options.thresholdPct);
    row.verdict = detectable ? 'no-change' : 'inconclusive';
    return;
  }
  // A row judged against its floor has its change in the ratio: the raw median carries the machine's state.
  const raw = direction(row.judgedBy ? row.correctedChangePct : row.changePct, row.baseMedian, row.headMedian, options.thresholdPct);
  const corrected = row.correctedChangePct === null ? raw : direction(row.correctedChangePct, row.baseMedian, row.headMedian, options.thresholdPct);
  if (raw === 0) row.verdict = 'within-threshold';
  else if (corrected !== raw) row.verdict = 'machine';
  else row.verdict = (raw > 0) === (row.better === 'lower') ? 'regression' : 'improvement';
}

/** +1 grown beyond the threshold, -1 shrunk beyond it, 0 within it. From a zero base any change is beyond. */
function direction(changePct: number | null, base: number, head: number, thresholdPct: number): -1 | 0 | 1 {
  if (changePct === null) return head === base ? 0 : head > base ? 1 : -1;
  if (Math.abs(changePct) < thresholdPct) return 0;
  return changePct > 0 ? 1 : -1;
}

/** Per suite: how many of its judged rows were inconclusive (too few runs, or too noisy, for the threshold). */
export function judgeSuites(rows: readonly ComparedRow[]): SuiteJudgement[] {
  const bySuite = new Map<string, ComparedRow[]>();
  for (const row of rows) {
    if (row.verdict === 'reference' || row.verdict === 'derived') continue;
    bySuite.set(row.suite, [...(bySuite.get(row.suite) ?? []), row]);
  }
  return [...bySuite].map(([suite, suiteRows]) => {
    const inconclusive = suiteRows.filter((row) => row.verdict === 'inconclusive');
    const detectable = inconclusive.flatMap((row) => (row.detectable?.pct == null ? [] : [row.detectable.pct]));
    return { suite, rows: suiteRows.length, inconclusive: inconclusive.length, bestDetectablePct: detectable.length > 0 ? Math.min(...detectable) : null };
  });
}
