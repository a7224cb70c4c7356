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

/**
 * Shown under the title in one or two lines, rows grouped by why they are missing:
 * "Not drawn: worker latency round-trip (failed); vm recovery time-to-first-success, lua ... (not-supported)".
 */
export function leftOutNote(leftOut: readonly string[]): string[] {
  if (leftOut.length === 0) return [];
  const byReason = new Map<string, string[]>();
  for (const entry of leftOut) {
    const [, what = entry, reason = ''] = /^(.*) \((.*)\)$/.exec(entry) ?? [];
    byReason.set(reason, [...(byReason.get(reason) ?? []), what]);
  }
  const groups = [...byReason].map(([reason, what]) => `${what.join(', ')}${reason ? ` (${reason})` : ''}`);
  return wrap(`Left out, no result: ${groups.join('; ')}`, 130);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}
