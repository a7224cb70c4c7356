/**
 * Builds result rows: measured samples become a row with its statistics; a
 * failure or an unsupported case becomes a row too, so failed runs are data.
 */
import { summarize } from '../stats/summary.js';
import type { ResultRow, RowStatus } from '../results/types.js';

/** What names a measurement: the row key is target, suite, metric and params (never a count the run calibrated). */
export interface RowIdentity {
  target: string;
  suite: string;
  metric: string;
  unit: string;
  better: 'lower' | 'higher';
  params?: Record<string, string | number | boolean>;
}

/**
 * A measured row: median, CI of the median with its real level, p99 (only with
 * enough samples), mean and outlier count from the raw samples.
 */
export function measuredRow(identity: RowIdentity, samples: readonly number[], extra: Partial<ResultRow> = {}): ResultRow {
  if (samples.length === 0) return statusRow(identity, 'failed', 'no samples were collected');
  const stats = summarize(samples);
  return {
    ...identity,
    status: 'ok',
    median: stats.median,
    samples: [...samples],
    ...(stats.p99 === null ? {} : { p99: stats.p99 }),
    mean: stats.mean,
    ...(stats.ciConfidence === null ? {} : { ciLow: stats.ciLow!, ciHigh: stats.ciHigh!, ciConfidence: stats.ciConfidence }),
    outliers: stats.outlierIndices.length,
    ...extra,
  };
}

/** A row computed from other rows of the same target and suite: shown, judged through its sources. */
export function derivedRow(identity: RowIdentity, samples: readonly number[], from: readonly string[], extra: Partial<ResultRow> = {}): ResultRow {
  return measuredRow(identity, samples, { ...extra, derivedFrom: [...from] });
}

/** A row without samples: failed, skipped, not-recoverable or not-supported, with why. */
export function statusRow(identity: RowIdentity, status: Exclude<RowStatus, 'ok'>, note: string): ResultRow {
  return { ...identity, status, median: null, samples: [], note };
}
