/** The one metric that stands for each suite: the table's column, and the row a failed suite records. */
import type { SuiteName } from '../results/suite-names.js';

export interface KeyMetric {
  metric: string;
  unit: string;
  better: 'lower' | 'higher';
}

export const KEY_METRICS: Readonly<Record<SuiteName, KeyMetric>> = {
  latency: { metric: 'round-trip', unit: 'ms', better: 'lower' },
  throughput: { metric: 'calls-per-second-64', unit: 'calls/s', better: 'higher' },
  payload: { metric: 'megabytes-per-second-1MiB', unit: 'MB/s', better: 'higher' },
  startup: { metric: 'start-to-first-call', unit: 'ms', better: 'lower' },
  recovery: { metric: 'time-to-first-success', unit: 'ms', better: 'lower' },
  hang: { metric: 'time-to-usable', unit: 'ms', better: 'lower' },
  effort: { metric: 'lines-of-code', unit: 'lines', better: 'lower' },
  swap: { metric: 'time-to-all-on-new', unit: 'ms', better: 'lower' },
  callback: { metric: 'revertWithPrefix', unit: 'ms', better: 'lower' },
  /** One row per probe (metric = probe id); this row only stands for a failed audit. */
  isolation: { metric: 'audit', unit: 'contained', better: 'higher' },
  scale: { metric: 'calls-per-second-1-instance', unit: 'calls/s', better: 'higher' },
};
