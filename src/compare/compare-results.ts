/**
 * The comparison itself: for every row measured in both files, the base and head
 * medians, the change, and a Mann-Whitney U test on the raw samples. A change is
 * a regression only when it is significant (p < alpha) AND worse than the
 * threshold in the row's `better` direction: noise alone fails neither test for
 * long, and a real but tiny change does not fail a build.
 */
import type { BenchResults, ResultRow, RowStatus } from '../bench/results.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { comparisonNotes, machineDifferences, type MachineDifference } from './machine-differences.js';
import { matchRows } from './match-rows.js';

export interface CompareOptions {
  /** Smallest change of the median, in percent, that can count as a regression. */
  thresholdPct: number;
  /** Significance level of the U test. */
  alpha: number;
}

export const DEFAULT_COMPARE_OPTIONS: CompareOptions = { thresholdPct: 10, alpha: 0.05 };

/**
 * not-significant: p >= alpha, shown as `~`. within-threshold: significant but smaller
 * than the threshold. regression / improvement: significant and beyond the threshold.
 */
export type Verdict = 'regression' | 'improvement' | 'within-threshold' | 'not-significant';

export type RowRef = Pick<ResultRow, 'target' | 'suite' | 'metric' | 'unit' | 'params'>;

export interface ComparedRow extends RowRef {
  better: ResultRow['better'];
  baseMedian: number;
  headMedian: number;
  /** (head - base) / base in percent; null when the base median is 0. */
  changePct: number | null;
  /** Two-sided p-value of the U test; null when a side has no samples. */
  p: number | null;
  test: 'exact' | 'normal' | null;
  nBase: number;
  nHead: number;
  significant: boolean;
  verdict: Verdict;
}

/** A row measured in both files whose status is not "ok" in at least one. */
export interface StatusChange extends RowRef {
  base: RowStatus;
  head: RowStatus;
  /** A suite that ran in base and fails (or can no longer recover) in head is a regression too. */
  regression: boolean;
}

export interface RunSummary {
  createdAt: string;
  gitCommit: string | null;
  hostname: string;
}

export interface Comparison {
  base: RunSummary;
  head: RunSummary;
  options: CompareOptions;
  machineDifferences: MachineDifference[];
  notes: string[];
  rows: ComparedRow[];
  statusChanges: StatusChange[];
  /** Rows not ok in both files with the same status: nothing to compare. */
  notComparedCount: number;
  onlyInBase: RowRef[];
  onlyInHead: RowRef[];
  regressions: number;
}

const BROKEN_STATUSES: ReadonlySet<RowStatus> = new Set(['failed', 'not-recoverable']);

export function compareResults(base: BenchResults, head: BenchResults, options: CompareOptions = DEFAULT_COMPARE_OPTIONS): Comparison {
  const { pairs, onlyInBase, onlyInHead } = matchRows(base.results, head.results);
  const rows: ComparedRow[] = [];
  const statusChanges: StatusChange[] = [];
  let notComparedCount = 0;
  for (const pair of pairs) {
    if (isComparable(pair.base) && isComparable(pair.head)) rows.push(compareRow(pair.base, pair.head, options));
    else if (pair.base.status !== pair.head.status) statusChanges.push(statusChange(pair.base, pair.head));
    else notComparedCount++;
  }
  const regressions = rows.filter((r) => r.verdict === 'regression').length + statusChanges.filter((s) => s.regression).length;
  return {
    base: summarize(base),
    head: summarize(head),
    options,
    machineDifferences: machineDifferences(base, head),
    notes: [...comparisonNotes(base, head), ...floorDriftNotes(rows, options)],
    rows,
    statusChanges,
    notComparedCount,
    onlyInBase: onlyInBase.map(toRef),
    onlyInHead: onlyInHead.map(toRef),
    regressions,
  };
}

function compareRow(base: ResultRow, head: ResultRow, options: CompareOptions): ComparedRow {
  const baseMedian = base.median!;
  const headMedian = head.median!;
  const test = mannWhitneyU(base.samples, head.samples);
  const p = test?.p ?? null;
  const significant = p !== null && p < options.alpha;
  const changePct = baseMedian === 0 ? null : ((headMedian - baseMedian) / Math.abs(baseMedian)) * 100;
  // From a zero base any change is beyond every threshold (3 failed calls where there were none).
  const beyond = changePct === null ? headMedian !== baseMedian : Math.abs(changePct) >= options.thresholdPct;
  const worse = head.better === 'lower' ? headMedian > baseMedian : headMedian < baseMedian;
  const verdict: Verdict = !significant ? 'not-significant' : !beyond ? 'within-threshold' : worse ? 'regression' : 'improvement';
  return {
    ...toRef(head),
    better: head.better,
    baseMedian,
    headMedian,
    changePct,
    p,
    test: test?.method ?? null,
    nBase: base.samples.length,
    nHead: head.samples.length,
    significant,
    verdict,
  };
}

function isComparable(row: ResultRow): boolean {
  return row.status === 'ok' && row.median !== null;
}

function statusChange(base: ResultRow, head: ResultRow): StatusChange {
  return { ...toRef(head), base: base.status, head: head.status, regression: base.status === 'ok' && BROKEN_STATUSES.has(head.status) };
}

function toRef(row: ResultRow): RowRef {
  return { target: row.target, suite: row.suite, metric: row.metric, unit: row.unit, ...(row.params ? { params: row.params } : {}) };
}

function summarize(results: BenchResults): RunSummary {
  return { createdAt: results.createdAt, gitCommit: results.machine.gitCommit, hostname: results.machine.hostname };
}

/**
 * The raw channel floors involve no plugin code, so when they move significantly
 * beyond the threshold the machine itself ran at another speed between the runs
 * (a shared VM's neighbours, frequency scaling). Say so before anyone trusts a
 * regression of the same size.
 */
export function floorDriftNotes(rows: readonly ComparedRow[], options: CompareOptions): string[] {
  const drifted = rows.filter(
    (row) => row.target.startsWith('floor:') && row.significant && row.changePct !== null && Math.abs(row.changePct) > options.thresholdPct,
  );
  if (drifted.length === 0) return [];
  const list = drifted.map((row) => `${row.target} ${row.changePct! > 0 ? '+' : ''}${row.changePct!.toFixed(1)}%`).join(', ');
  return [
    `the raw channel floors moved between the runs (${list}): the machine itself ran at another speed, so changes of that size elsewhere may be the machine, not the code; run base and head back to back, or interleaved, before trusting them`,
  ];
}
