/**
 * Every row of a run as CSV (RFC 4180), one line per row with its unit, for a
 * spreadsheet or a notebook: the figures as measured (ms, bytes, calls/s, ...),
 * never rounded or rescaled, so a column can be summed or plotted as it is.
 */
import type { BenchResults, ResultRow } from '../results/types.js';

const COLUMNS: ReadonlyArray<readonly [string, (row: ResultRow) => string | number | undefined | null]> = [
  ['target', (row) => row.target],
  ['suite', (row) => row.suite],
  ['metric', (row) => row.metric],
  ['params', (row) => Object.entries(row.params ?? {}).map(([key, value]) => `${key}=${String(value)}`).join(';')],
  ['status', (row) => row.status],
  ['unit', (row) => row.unit],
  ['better', (row) => row.better],
  ['median', (row) => row.median],
  ['ci_low', (row) => row.ciLow],
  ['ci_high', (row) => row.ciHigh],
  ['ci_level', (row) => row.ciConfidence],
  ['p99', (row) => row.p99],
  ['mean', (row) => row.mean],
  ['margin', (row) => row.margin],
  ['samples', (row) => row.samples.length],
  ['outliers', (row) => row.outliers],
  ['floor', (row) => row.floor],
  ['x_floor', (row) => row.ratio],
  ['bare', (row) => row.bare],
  ['x_bare', (row) => row.overhead],
  ['note', (row) => row.note],
];

/** A field quoted when it holds a comma, a quote or a line break; quotes doubled. */
function field(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function renderResultsCsv(results: BenchResults): string {
  const lines = [COLUMNS.map(([name]) => name).join(','), ...results.results.map((row) => COLUMNS.map(([, value]) => field(value(row))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
