/**
 * Picks the rows a chart draws. Only rows that ran (status "ok" with a median)
 * are drawn; the others are returned too, so the chart can say what it left out
 * instead of silently showing fewer targets.
 */
import type { BenchResults, ResultRow } from '../../results/types.js';

export interface ChartRows {
  drawn: ResultRow[];
  /** "worker startup cold-start (failed)": one entry per row left out. */
  leftOut: string[];
}

/** Rows of these suites in these units (and of these metrics, when given). */
export function selectRows(results: BenchResults, suites: readonly string[], units: readonly string[], metrics?: readonly string[]): ChartRows {
  const wanted = results.results.filter(
    (row) => suites.includes(row.suite) && units.includes(row.unit) && (metrics === undefined || metrics.includes(row.metric)),
  );
  const drawn = wanted.filter((row) => row.status === 'ok' && row.median !== null);
  const leftOut = wanted
    .filter((row) => !drawn.includes(row))
    .map((row) => `${row.target} ${row.suite} ${row.metric} (${row.status === 'ok' ? 'no median' : row.status})`);
  return { drawn, leftOut };
}

/** Shown under the title, a few per line, so a chart says which targets are missing and why. */
export function leftOutNote(leftOut: readonly string[]): string[] {
  if (leftOut.length === 0) return [];
  const lines: string[] = [];
  const perLine = 3;
  for (let i = 0; i < leftOut.length; i += perLine) lines.push(leftOut.slice(i, i + perLine).join(', '));
  lines[0] = `Left out, no result: ${lines[0]}`;
  return lines;
}

/** "worker" when the chart has one metric per target, "worker cold-start" when it has several. */
export function seriesLabel(row: ResultRow, rows: readonly ResultRow[]): string {
  const metrics = new Set(rows.map((r) => `${r.suite}/${r.metric}`));
  return metrics.size > 1 ? `${row.target} ${row.metric}` : row.target;
}
