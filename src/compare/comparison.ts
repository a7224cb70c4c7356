/** What a comparison is made of: the rows judged, the rows whose status changed, and what could not be compared. */
import type { ResultRow, RowStatus } from '../results/types.js';
import type { MachineDifference } from './machine-differences.js';

export interface CompareOptions {
  /** Smallest change of the median, in percent, that can count as a regression. */
  thresholdPct: number;
  /** Chance of any false alarm in the whole comparison (Holm's correction over the judged rows). */
  alpha: number;
}

export const DEFAULT_COMPARE_OPTIONS: CompareOptions = { thresholdPct: 10, alpha: 0.05 };

/**
 * regression / improvement: significant after Holm, beyond the threshold as measured and with the machine's drift taken out.
 * within-threshold: significant but smaller than the threshold. machine: beyond the threshold raw, but
 * the runs' floors moved as much (the machine, not the code). no-change (`~`): not significant, and a
 * change beyond the threshold would have been. inconclusive: not significant, and the runs are too few
 * or too noisy to detect a change of the threshold. derived: computed from another row, judged there.
 * reference: a floor, never the project's regression.
 */
export type Verdict = 'regression' | 'improvement' | 'within-threshold' | 'machine' | 'no-change' | 'inconclusive' | 'derived' | 'reference';

export type RowRef = Pick<ResultRow, 'target' | 'suite' | 'metric' | 'unit' | 'params'>;

/** How far head is from base, for one set of values (raw, or corrected for the machine). */
export interface Change {
  baseMedian: number;
  headMedian: number;
  /** (head - base) / |base| in percent; null when the base median is 0. */
  changePct: number | null;
  /** Two-sided Mann-Whitney U p-value; null when a side has no value. */
  p: number | null;
  test: 'exact' | 'normal' | null;
  /** Hodges-Lehmann interval of the change in percent, at the level the sizes reach. */
  ci: { lowPct: number; highPct: number; confidence: number } | null;
}

export interface ComparedRow extends RowRef, Change {
  better: ResultRow['better'];
  /** Runs per side (or samples, with one run per side). */
  nBase: number;
  nHead: number;
  /**
   * The change with the machine taken out: for a latency row, the change of its per-run
   * ratio to the floor measured beside it; else the change with the drift between the
   * sides (from the floors) divided out. Null without floors, or for bytes and counts.
   */
  correctedChangePct: number | null;
  /** Set when p, interval and verdict come from the per-run ratio to this floor (compare/floor-ratio.ts); `share` is the floor's part of the round trip, `tracking` how closely the runs followed it (Spearman's ρ within each side). */
  judgedBy?: { floor: string; share: number; tracking?: number };
  /** Holm-adjusted p of the row; null for rows outside the family. */
  holmP: number | null;
  significant: boolean;
  /** The smallest worsening these values could have flagged were it the only change (percent, and in the unit); null: none. */
  detectable: { pct: number | null; amount: number } | null;
  verdict: Verdict;
  derivedFrom?: string[];
  /** Runs in which the row did not come out ok, when some did. */
  notes?: string[];
}

/** A row whose status is not "ok" on at least one side. */
export interface StatusChange extends RowRef {
  base: string;
  head: string;
  /** Ran in base and fails (or can no longer recover) in head: a regression too. */
  regression: boolean;
}

export interface RunSummary {
  createdAt: string;
  gitCommit: string | null;
  hostname: string;
}

export interface SuiteJudgement {
  suite: string;
  /** Rows compared (not derived, not floors). */
  rows: number;
  /** Rows too few or too noisy to detect a change of the threshold. */
  inconclusive: number;
  /** The smallest change any of its inconclusive rows could detect, percent; null: none. */
  bestDetectablePct: number | null;
}

export interface Comparison {
  /** runs: each row judged on per-run medians; samples: one run per side, judged on its samples. */
  mode: 'runs' | 'samples';
  base: RunSummary[];
  head: RunSummary[];
  options: CompareOptions;
  machineDifferences: MachineDifference[];
  /** The machine's speed per run, from the floors (1 = usual), and head's drift against base; null without floors. */
  machineSpeed: { base: number[]; head: number[]; floors: string[]; driftPct: number } | null;
  notes: string[];
  rows: ComparedRow[];
  statusChanges: StatusChange[];
  /** Rows not ok on both sides with the same status: nothing to compare. */
  notComparedCount: number;
  onlyInBase: RowRef[];
  onlyInHead: RowRef[];
  /** Rows in Holm's family: judged rows whose sizes can reach p < alpha. */
  familySize: number;
  suites: SuiteJudgement[];
  regressions: number;
}

export type { RowStatus };
