/**
 * Builds result rows: measured samples become a row with its statistics; a
 * failure or an unsupported case becomes a row too, so failed runs are data.
 */
import { summarize } from '../stats/summary.js';
import type { ResultRow, RowStatus } from './results.js';

export interface RowIdentity {
  target: string;
  suite: string;
  metric: string;
  unit: string;
  better: 'lower' | 'higher';
  params?: Record<string, string | number | boolean>;
}

/** A measured row: median, p99, mean, CI of the median and outlier count from the raw samples. */
export function measuredRow(identity: RowIdentity, samples: readonly number[], extra: Partial<ResultRow> = {}): ResultRow {
  if (samples.length === 0) return statusRow(identity, 'failed', 'no samples were collected');
  const stats = summarize(samples);
  return {
    ...identity,
    status: 'ok',
    median: stats.median,
    samples: [...samples],
    p99: stats.p99,
    mean: stats.mean,
    ciLow: stats.ciLow,
    ciHigh: stats.ciHigh,
    outliers: stats.outlierIndices.length,
    ...extra,
  };
}

/** A row without samples: failed, skipped, not-recoverable or not-supported, with why. */
export function statusRow(identity: RowIdentity, status: Exclude<RowStatus, 'ok'>, note: string): ResultRow {
  return { ...identity, status, median: null, samples: [], note };
}
