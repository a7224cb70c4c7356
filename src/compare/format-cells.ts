/** Cell texts shared by the terminal table and the Markdown: one wording everywhere. */
import type { ComparedRow, RowRef, Verdict } from './compare-results.js';

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
  const scales = SCALES[unit];
  const scale = (scales ?? DECIMAL).find((s) => Math.abs(value) < s.below)!;
  const text = Number((value * scale.factor).toPrecision(3)).toString();
  if (scales) return `${text} ${scale.unit}`;
  return `${text}${scale.unit}${unit ? ` ${unit}` : ''}`;
}

/** The change of the median, or `~` when the U test cannot tell it from noise. */
export function formatChange(row: ComparedRow): string {
  if (!row.significant) return '~';
  if (row.changePct === null) return row.headMedian === row.baseMedian ? '0%' : 'from 0';
  return `${row.changePct >= 0 ? '+' : ''}${row.changePct.toFixed(1)}%`;
}

export function formatP(p: number | null): string {
  if (p === null) return 'n/a';
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

export const VERDICT_LABELS: Record<Verdict, string> = {
  regression: 'REGRESSION',
  improvement: 'improvement',
  'within-threshold': 'within threshold',
  'not-significant': '',
};

export const ROW_COLUMNS = ['target', 'measure', 'base', 'head', 'change', 'p', 'n', 'verdict'] as const;

/** One compared row as the cells of ROW_COLUMNS, for any table. */
export function rowCells(row: ComparedRow): string[] {
  return [
    row.target,
    formatMeasure(row),
    formatValue(row.baseMedian, row.unit),
    formatValue(row.headMedian, row.unit),
    formatChange(row),
    formatP(row.p),
    formatN(row),
    VERDICT_LABELS[row.verdict],
  ];
}

/** What `~` and the verdicts mean, for the foot of every output. */
export function legend(alpha: number, thresholdPct: number): string {
  return (
    `~ = no significant difference (Mann-Whitney U on the raw samples, p >= ${alpha}). ` +
    `A regression is significant AND worse than ${thresholdPct}% in the metric's better direction.`
  );
}
