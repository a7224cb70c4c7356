/**
 * The Markdown view of a run, for READMEs and CI summaries: the same
 * side-by-side table as the terminal, then every row of every suite with its
 * statistics (median and its CI, p99, mean ± margin, samples, outliers).
 */
import { isolationMatrix, matrixMarkdown } from './isolation-matrix.js';
import type { BenchResults, ResultRow } from '../results/types.js';
import { formatBytes, formatCount, formatDuration, significant } from '../results/units.js';
import { besideTarget, timeSplits } from '../results/time-splits.js';
import { P99_MIN_SAMPLES } from '../stats/summary.js';
import { buildKeyTable, describeRun, micros } from './key-columns.js';
import { ownValue } from '../core/own-property.js';

export function renderResultsMarkdown(results: BenchResults): string {
  const view = buildKeyTable(results, ', ');
  const lines = [
    `### plugbench results (${results.options.quick ? 'quick' : 'full'})`,
    '',
    ...markdownTable(view.head, view.rows),
    '',
    describeRun(results),
  ];
  lines.push(...timeSplitMarkdown(results));
  if (view.skipped.length > 0) {
    lines.push('', 'Skipped (not available here):', '', ...view.skipped.map(({ target, reason }) => `- \`${target}\`: ${escape(reason)}`));
  }
  if (view.failures.length > 0) lines.push('', 'Failed:', '', ...view.failures.map((line) => `- ${escape(line)}`));
  if (view.warnings.length > 0) lines.push('', 'Warnings (errors a transport let escape; the run went on):', '', ...view.warnings.map((line) => `- ${escape(line)}`));
  for (const suite of results.options.suites) {
    const rows = results.results.filter((row) => row.suite === suite);
    if (rows.length === 0) continue;
    // The isolation rows read best as the audit's matrix: targets down, probes across.
    const body = suite === 'isolation' ? [matrixMarkdown(isolationMatrix(rows))] : markdownTable(DETAIL_HEAD, rows.map(detailCells));
    lines.push('', `#### ${suite}`, '', ...body);
  }
  lines.push('', DETAIL_LEGEND);
  return lines.join('\n') + '\n';
}

/**
 * Where the time goes, per target: its channel's raw floor, the bare mechanism
 * it is built on, and plugbench's call, from the same alternating rounds.
 */
function timeSplitMarkdown(results: BenchResults): string[] {
  const splits = timeSplits(results);
  if (splits.length === 0) return [];
  const head = ['target', 'channel floor', 'µs', 'bare mechanism', 'µs', 'plugbench µs', '× floor', '× bare'];
  const times = (value: number | undefined) => (value === undefined ? '' : `${significant(value, 2)}×`);
  const rows = splits.map(({ target, floor, bare }) => [
    target.target,
    target.floor ?? '',
    micros(floor),
    target.bare ?? 'none',
    target.bare ? micros(bare) : '',
    micros(target),
    times(target.ratio),
    times(target.overhead),
  ]);
  return [
    '',
    '#### Where the time goes',
    '',
    'Each target beside the raw floor of its channel and the bare mechanism it is built on (no plugbench code in its path), measured in the same alternating rounds; "× bare" is what plugbench adds.',
    '',
    ...markdownTable(head, rows),
  ];
}

const DETAIL_HEAD = ['target', 'metric', 'median', 'CI of median (level)', 'p99', 'mean ± margin', 'n', 'outliers', 'vs', 'note'];

const DETAIL_LEGEND =
  'CI of median: order statistics, at the level they really reach with n samples (95% needs 6; 2 samples give 50%). ' +
  `p99: only from ${P99_MIN_SAMPLES} samples on. margin: half-width of the 95% confidence interval of the mean (Student's t). ` +
  'A metric derived from another (calls/s from round trips, MB/s from a payload\'s round trips) says so in its note.';

function detailCells(row: ResultRow): string[] {
  const format = formatterFor(row.unit);
  const value = (n: number | undefined | null) => (n === undefined || n === null ? '' : format(n));
  const beside = besideTarget(row);
  const label = beside ? `${row.target} beside ${beside}` : row.target;
  if (row.status !== 'ok') return [label, row.metric, row.status, '', '', '', '0', '', '', row.note ?? ''];
  return [
    label,
    row.metric,
    value(row.median),
    row.ciLow === undefined ? '' : `${value(row.ciLow)} – ${value(row.ciHigh)}${row.ciConfidence === undefined ? '' : ` (${Math.floor(row.ciConfidence * 1000) / 10}%)`}`,
    value(row.p99),
    row.mean === undefined ? '' : `${value(row.mean)}${row.margin === undefined ? '' : ` ± ${value(row.margin)}`}`,
    String(row.samples.length),
    row.outliers ? String(row.outliers) : '',
    [
      row.ratio === undefined ? '' : `${significant(row.ratio, 2)}× ${row.floor ?? String(row.params?.baseline ?? '')}`,
      row.overhead === undefined ? '' : `${significant(row.overhead, 2)}× ${row.bare}`,
    ]
      .filter(Boolean)
      .join(', '),
    [row.derivedFrom ? `from ${row.derivedFrom.join(' and ')}` : '', row.note ?? ''].filter(Boolean).join('; '),
  ];
}

/** How a value of each unit reads. */
const FORMATTERS: Readonly<Record<string, (n: number) => string>> = {
  ms: formatDuration,
  bytes: (n) => formatBytes(n),
  'calls/s': (n) => `${formatCount(n)}/s`,
  'MB/s': (n) => `${significant(n)} MB/s`,
  count: (n) => (Number.isInteger(n) ? String(n) : significant(n)),
  lines: (n) => `${Math.round(n)} lines`,
};

function formatterFor(unit: string): (n: number) => string {
  return ownValue(FORMATTERS, unit) ?? ((n) => `${significant(n)} ${unit}`);
}

function markdownTable(head: readonly string[], rows: readonly string[][]): string[] {
  return [`| ${head.map(escape).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)];
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
