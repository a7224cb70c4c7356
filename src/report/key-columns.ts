/**
 * The side-by-side view shared by the terminal table and the Markdown: one row
 * per target (floors first), one column per suite with that suite's key
 * figure, ratios beside the figures they explain.
 */
import type { BenchResults, ResultRow } from '../results/types.js';
import type { SuiteName } from '../results/suite-names.js';
import { formatBytes, formatCount, formatDuration, significant } from '../results/units.js';
import { besideTarget, referenceOf } from '../results/time-splits.js';

/** The rows of one target in one suite, by metric. */
type Metrics = (metric: string) => ResultRow | undefined;
/** The floor or bare row (by name) measured beside the target. */
type Beside = (name: string | undefined) => ResultRow | undefined;

interface Column {
  head: string;
  suite: SuiteName;
  /** The row whose status decides "failed", "n/a", ... when the figure is missing. */
  key: string;
  /** The figure, in parts the renderer joins (a line break in the terminal, a comma in Markdown); `beside` finds a reference row of the target. */
  cell(metrics: Metrics, beside: Beside): string[];
}

const ms = (row: ResultRow | undefined) => (row?.median == null ? '?' : formatDuration(row.median));
const count = (row: ResultRow | undefined) => (row?.median == null ? '?' : formatCount(row.median));
/** A median in µs, three significant digits ("?" when the row has none): the time split is read in one unit. */
export const micros = (row: ResultRow | undefined) => (row?.median == null ? '?' : significant(row.median * 1000));
const ratio = (value: number | undefined, of: string) => (value === undefined ? '' : `${significant(value, 2)}× ${of}`);

const COLUMNS: readonly Column[] = [
  {
    head: 'latency',
    suite: 'latency',
    key: 'round-trip',
    cell: (m) => [ms(m('round-trip')), ratio(m('round-trip')?.ratio, 'floor'), ratio(m('round-trip')?.overhead, 'bare')],
  },
  {
    head: 'µs: floor → library → plugbench',
    suite: 'latency',
    key: 'round-trip',
    cell: (m, beside) => {
      const row = m('round-trip')!;
      if (row.floor === undefined) return [];
      return [`${micros(beside(row.floor))} → ${row.bare ? micros(beside(row.bare)) : '–'} → ${micros(row)}`];
    },
  },
  {
    head: 'calls/s 1 | 64 in flight',
    suite: 'throughput',
    key: 'calls-per-second-64',
    cell: (m) => [`${count(m('calls-per-second-1'))} | ${count(m('calls-per-second-64'))}`],
  },
  { head: 'MB/s at 1 MiB', suite: 'payload', key: 'megabytes-per-second-1MiB', cell: (m) => [significant(m('megabytes-per-second-1MiB')!.median!)] },
  {
    head: 'cold start',
    suite: 'startup',
    key: 'start-to-first-call',
    cell: (m) => [ms(m('start-to-first-call')), `max ${formatDuration(Math.max(...m('start-to-first-call')!.samples))}`],
  },
  // RSS deltas of a few hundred KiB can come out negative (the allocator gave pages back): noise, shown as 0 here, raw in the Markdown.
  { head: 'memory added', suite: 'startup', key: 'memory-added', cell: (m) => [formatBytes(Math.max(0, m('memory-added')!.median!))] },
  {
    head: 'crash recovery',
    suite: 'recovery',
    key: 'time-to-first-success',
    cell: (m) => [ms(m('time-to-first-success')), `${total(m('calls-failed'))} failed, ${total(m('calls-hung'))} hung`],
  },
  { head: 'hang to usable', suite: 'hang', key: 'time-to-usable', cell: (m) => [ms(m('time-to-usable'))] },
  { head: 'hot swap', suite: 'swap', key: 'time-to-all-on-new', cell: (m) => [ms(m('time-to-all-on-new')), `${total(m('calls-failed'))} failed`] },
  {
    head: 'callback',
    suite: 'callback',
    key: 'revertWithPrefix',
    cell: (m) => [ms(m('revertWithPrefix')), ratio(m('revertWithPrefix')?.ratio, 'revert')],
  },
  {
    head: 'author effort',
    suite: 'effort',
    key: 'lines-of-code',
    cell: (m) => [
      `${plural(total(m('files')), 'file')}, ${total(m('lines-of-code'))} LoC${m('support-lines-of-code') ? ` (+${total(m('support-lines-of-code'))} runtime)` : ''}`,
      `${total(m('build-steps'))} build, ${m('schema-files')?.median ? 'schema' : 'no schema'}`,
    ],
  },
];

const plural = (count: string, noun: string) => `${count} ${noun}${count === '1' ? '' : 's'}`;

/** Sum over trials (calls failed in every trial), as an integer. */
function total(row: ResultRow | undefined): string {
  return row ? String(Math.round(row.samples.reduce((a, b) => a + b, 0))) : '?';
}

const STATUS_TEXT: Readonly<Record<ResultRow['status'], string>> = {
  ok: '',
  failed: 'failed',
  skipped: 'skipped',
  'not-recoverable': 'not recoverable',
  'not-supported': 'n/a',
};

export interface KeyTable {
  head: string[];
  rows: string[][];
  /** Targets that did not run, with the reason. */
  skipped: Array<{ target: string; reason: string }>;
  /** Notes for failed cells: "worker hang: ...". */
  failures: string[];
  /** Errors a transport let escape during the run (see BenchResults.warnings). */
  warnings: string[];
}

/** The side-by-side figures of a run, as plain strings (the renderers add borders); `joiner` joins a cell's parts. */
export function buildKeyTable(results: BenchResults, joiner: string): KeyTable {
  const columns = COLUMNS.filter((column) => results.options.suites.includes(column.suite));
  // Floors and bare rows measured beside a target are shown in its line; a floor measured on its own gets a line, first.
  const own = results.results.filter((row) => besideTarget(row) === undefined);
  const labels = [...new Set(own.map((row) => row.target))].sort((a, b) => Number(!a.startsWith('floor:')) - Number(!b.startsWith('floor:')));
  const failures: string[] = [];
  const rows = labels.map((label) => [
    label,
    ...columns.map((column) => {
      const suiteRows = own.filter((row) => row.target === label && row.suite === column.suite);
      if (suiteRows.length === 0) return '';
      const metrics: Metrics = (metric) => suiteRows.find((row) => row.metric === metric);
      const key = metrics(column.key) ?? suiteRows.find((row) => row.status !== 'ok');
      if (!key || key.status !== 'ok') {
        const status = key?.status ?? 'failed';
        if (status === 'failed') failures.push(`${label} ${column.suite}: ${key?.note ?? 'no result'}`);
        return STATUS_TEXT[status];
      }
      return column.cell(metrics, (name) => referenceOf(results.results, name, label)).filter(Boolean).join(joiner);
    }),
  ]);
  return {
    head: ['target', ...columns.map((column) => column.head)],
    rows,
    skipped: results.skipped,
    failures: [...new Set(failures)],
    warnings: results.warnings ?? [],
  };
}

/** One line about how the figures were made, for under the table. */
export function describeRun(results: BenchResults): string {
  const { machine } = results;
  const harness = results.harness ? `; harness overhead ${formatDuration(results.harness.emptyTaskMedianMs)} per call (empty task)` : '';
  return (
    `${runKind(results)} run, ${(results.durationMs / 1000).toFixed(1)} s, ${results.createdAt}; ` +
    `${machine.cpuModel}, ${machine.cores} cores${machine.cpusAllowed ? ` (pinned to CPU ${machine.cpusAllowed})` : ''}, Node ${machine.node}, load ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}${harness}. ` +
    'Figures are medians; "× floor" is the target over the raw round trip of its channel, "× bare" over the bare mechanism it is built on, both measured in the same alternating rounds.'
  );
}

/** "quick", "full", or "quick, 5000 samples, 500 warm-up calls" when --samples / --warmup changed the budget. */
export function runKind(results: BenchResults): string {
  const { samples, warmup } = results.options.overrides ?? {};
  const overrides = [samples === undefined ? '' : `${samples} samples`, warmup === undefined ? '' : `${warmup} warm-up calls`].filter(Boolean);
  return [results.options.quick ? 'quick' : 'full', ...overrides].join(', ');
}
