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
import { buildKeyTable, describeRun, micros, runKind, type KeyTable } from './key-columns.js';
import { ownValue } from '../core/own-property.js';

/**
 * A job summary first: a one-line verdict, the side-by-side table (a row per
 * target) and how the figures were made, on one screen; everything else
 * (where the time goes, failures, skipped targets, every row) folded below.
 */
export function renderResultsMarkdown(results: BenchResults): string {
  const view = buildKeyTable(results, ', ');
  const lines = [`### plugbench results (${runKind(results)})`, '', verdictLine(results, view), '', ...markdownTable(view.head, view.rows), '', describeRun(results)];
  const fold = (summary: string, body: readonly string[]) => lines.push('', `<details><summary>${summary}</summary>`, '', ...body, '', '</details>');
  const splits = timeSplitMarkdown(results);
  if (splits.length > 0) fold('Where the time goes', splits);
  if (view.failures.length > 0) fold(`Failed (${view.failures.length})`, view.failures.map((line) => `- ${escape(line)}`));
  if (view.skipped.length > 0) fold(`Skipped, not available here (${view.skipped.length})`, view.skipped.map(({ target, reason }) => `- \`${target}\`: ${escape(reason)}`));
  if (view.warnings.length > 0) fold(`Warnings (${view.warnings.length}): errors a transport let escape; the run went on`, view.warnings.map((line) => `- ${escape(line)}`));
  const details: string[] = [];
  for (const suite of results.options.suites) {
    const rows = results.results.filter((row) => row.suite === suite);
    if (rows.length === 0) continue;
    // The isolation rows read best as the audit's matrix: targets down, probes across.
    const body = suite === 'isolation' ? [matrixMarkdown(isolationMatrix(rows))] : markdownTable(DETAIL_HEAD, rows.map(detailCells));
    details.push(`#### ${suite}`, '', ...body, '');
  }
  if (details.length > 0) fold(`Every row of every suite (${results.results.length}), with its statistics`, [...details, DETAIL_LEGEND]);
  return lines.join('\n') + '\n';
}

/** "**19 targets × 10 suites: 188 of 190 ok**, 2 failed (quickjs payload, lua payload), 3 skipped; round trip from 0.611 µs (native) to 1.10 ms (tcp-rpc)" */
function verdictLine(results: BenchResults, view: KeyTable): string {
  const { targets, suites } = results.options;
  const failed = view.failures.map((line) => line.split(':')[0]!);
  const head = `**${targets.length} target${targets.length === 1 ? '' : 's'} × ${suites.length} suite${suites.length === 1 ? '' : 's'}: ${failed.length === 0 ? 'all ran' : `${failed.length} failed`}**`;
  const named = failed.length === 0 ? '' : ` (${failed.slice(0, 3).join(', ')}${failed.length > 3 ? `, and ${failed.length - 3} more` : ''})`;
  const skipped = view.skipped.length > 0 ? `, ${view.skipped.length} skipped` : '';
  const trips = results.results.filter((row) => row.suite === 'latency' && row.metric === 'round-trip' && row.status === 'ok' && row.median !== null && besideTarget(row) === undefined && !row.target.startsWith('floor:'));
  trips.sort((a, b) => a.median! - b.median!);
  const range = trips.length > 1 ? `; round trip from ${formatDuration(trips[0]!.median!)} (${trips[0]!.target}) to ${formatDuration(trips.at(-1)!.median!)} (${trips.at(-1)!.target})` : '';
  return escape(head + named + skipped + range);
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
