/** Cell texts shared by the terminal table and the Markdown: one wording everywhere. */
import type { ComparedRow, Comparison, RowRef, Verdict } from './comparison.js';
import { ownValue } from '../core/own-property.js';

interface Scale {
  /** Use this scale for values below `below` (in the row's unit). */
  below: number;
  factor: number;
  unit: string;
}

/** Readable units: 29.9 µs rather than 0.0299 ms, 8.72 MiB rather than 9140000 bytes. */
const SCALES: Record<string, readonly Scale[]> = {
  ms: [
    { below: 1e-3, factor: 1e6, unit: 'ns' },
    { below: 1, factor: 1e3, unit: 'µs' },
    { below: 1e4, factor: 1, unit: 'ms' },
    { below: Infinity, factor: 1e-3, unit: 's' },
  ],
  bytes: [
    { below: 2 ** 10, factor: 1, unit: 'B' },
    { below: 2 ** 20, factor: 2 ** -10, unit: 'KiB' },
    { below: 2 ** 30, factor: 2 ** -20, unit: 'MiB' },
    { below: Infinity, factor: 2 ** -30, unit: 'GiB' },
  ],
};

/** Any other unit: k, M, G for large counts and rates. */
const DECIMAL: readonly Scale[] = [
  { below: 1e4, factor: 1, unit: '' },
  { below: 1e6, factor: 1e-3, unit: 'k' },
  { below: 1e9, factor: 1e-6, unit: 'M' },
  { below: Infinity, factor: 1e-9, unit: 'G' },
];

/** Three significant digits and a readable unit: enough to read a change, no false precision. */
export function formatValue(value: number, unit: string): string {
  const scales = ownValue(SCALES, unit);
  const scale = (scales ?? DECIMAL).find((s) => Math.abs(value) < s.below)!;
  const text = Number((value * scale.factor).toPrecision(3)).toString();
  if (scales) return `${text} ${scale.unit}`;
  return `${text}${scale.unit}${unit ? ` ${unit}` : ''}`;
}

/** "+12.3%", "from 0"; for a row that is not judged, in parentheses. */
export function formatPct(changePct: number | null, base: number, head: number): string {
  if (changePct === null) return head === base ? '0%' : 'from 0';
  return `${changePct >= 0 ? '+' : ''}${changePct.toFixed(1)}%`;
}

/** The change of the median; `~` when the test cannot tell it from noise; in parentheses when the row is not judged (floors, derived). */
export function formatChange(row: ComparedRow): string {
  const change = formatPct(row.changePct, row.baseMedian, row.headMedian);
  if (row.verdict === 'reference' || row.verdict === 'derived') return `(${change})`;
  return row.significant ? change : '~';
}

/** The change with the machine's drift taken out, for rows whose unit scales with the machine's speed. */
export function formatCorrected(row: ComparedRow): string {
  if (row.correctedChangePct === null || row.verdict === 'reference') return '';
  return formatPct(row.correctedChangePct, row.baseMedian, row.headMedian);
}

/** "-3.2% … +4.1% (95%)": the interval of the change and the level it really has. */
export function formatInterval(row: ComparedRow): string {
  if (!row.ci || row.ci.confidence <= 0) return '';
  const pct = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}%`;
  return `${pct(row.ci.lowPct)} … ${pct(row.ci.highPct)} (${formatLevel(row.ci.confidence)})`;
}

/** 0.968 -> "96.8%", 0.5 -> "50%". */
export function formatLevel(confidence: number): string {
  return `${Number((Math.floor(confidence * 1000) / 10).toFixed(1))}%`;
}

export function formatP(p: number | null): string {
  if (p === null) return '';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** "p=0.012" or "p<0.001", for running text. */
export function describeP(p: number | null): string {
  const text = formatP(p);
  return text.startsWith('<') ? `p${text}` : `p=${text}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function formatN(row: ComparedRow): string {
  return `${row.nBase}+${row.nHead}`;
}

/** "latency round-trip (size=1024)": the metric and its parameters. */
export function formatMeasure(row: RowRef): string {
  const params = Object.entries(row.params ?? {}).map(([key, value]) => `${key}=${String(value)}`);
  return `${row.suite} ${row.metric}${params.length > 0 ? ` (${params.join(', ')})` : ''}`;
}

const VERDICT_LABELS: Record<Exclude<Verdict, 'inconclusive' | 'derived'>, string> = {
  regression: 'REGRESSION',
  improvement: 'improvement',
  'within-threshold': 'within threshold',
  machine: 'the machine (floors moved as much)',
  'no-change': '',
  reference: 'floor (not judged)',
};

/** The verdict in words; an inconclusive row says what it could have detected, benchstat-style. */
export function verdictText(row: ComparedRow, thresholdPct: number): string {
  if (row.verdict === 'derived') return `from ${row.derivedFrom!.join(' and ')}`;
  if (row.verdict !== 'inconclusive') return VERDICT_LABELS[row.verdict];
  if (row.detectable?.pct == null) return `n too small to detect any change (${formatN(row)})`;
  return `n too small to detect a change of ${thresholdPct}% (detects ${row.detectable.pct.toFixed(0)}%)`;
}

/** Verdicts a reviewer must see without unfolding or asking for anything. */
export const CHANGED: ReadonlySet<ComparedRow['verdict']> = new Set(['regression', 'improvement', 'within-threshold', 'machine']);

export const ROW_COLUMNS = ['target', 'measure', 'base', 'head', 'change', 'vs machine', 'p (Holm)', 'n', 'verdict'] as const;

/** One compared row as the cells of ROW_COLUMNS, for any table. */
export function rowCells(row: ComparedRow, thresholdPct: number): string[] {
  return [
    row.target,
    formatMeasure(row),
    formatValue(row.baseMedian, row.unit),
    formatValue(row.headMedian, row.unit),
    formatChange(row),
    formatCorrected(row),
    formatP(row.holmP),
    formatN(row),
    verdictText(row, thresholdPct),
  ];
}

/** What `~`, the columns and the verdicts mean, for the foot of every output. */
export function legend(comparison: Pick<Comparison, 'mode' | 'options' | 'familySize'>): string {
  const { alpha, thresholdPct } = comparison.options;
  const unit = comparison.mode === 'runs' ? 'per-run medians (n = runs)' : 'the samples of one run per side (n = samples)';
  return (
    `~ = no significant difference: Mann-Whitney U on ${unit}, Holm-corrected over ${plural(comparison.familySize, 'judged row')} ` +
    `so the chance of any false alarm is at most ${alpha}. A regression is significant AND worse than ${thresholdPct}% in the metric's better direction, ` +
    'as measured and "vs machine" (with the drift of the floors between base and head taken out). ' +
    'Figures in parentheses are not judged: floors measure the machine, derived rows are judged through their source.'
  );
}
