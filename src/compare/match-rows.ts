/**
 * Gathers the rows of every run by what they measure: target, suite, metric and
 * the parameters that identify the measurement (payload size, calls in flight).
 * Each group holds, per side, the row of every run that has it, with the run's
 * index (its machine speed is per run). Keys found on one side only are returned,
 * not dropped: a target that appeared or vanished is news.
 */
import type { ResultRow } from '../results/types.js';
import type { RowRef } from './comparison.js';
import type { LoadedRun } from './load-side.js';

export interface RunRow {
  /** Index of the run on its side. */
  run: number;
  row: ResultRow;
}

export interface RowGroup {
  key: string;
  /** The row as the newest run wrote it (head first): its identity, unit and direction. */
  row: ResultRow;
  base: RunRow[];
  head: RunRow[];
}

export interface GroupedRows {
  groups: RowGroup[];
  onlyInBase: ResultRow[];
  onlyInHead: ResultRow[];
}

/** Stable identity of a row; parameters are sorted so their order in the file does not matter. */
export function rowKey(row: Pick<ResultRow, 'target' | 'suite' | 'metric' | 'params'>): string {
  const params = Object.entries(row.params ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([row.target, row.suite, row.metric, params]);
}

/** Groups in the head's order (the order the newer run chose), then keys only in base. */
export function groupRows(base: readonly LoadedRun[], head: readonly LoadedRun[]): GroupedRows {
  const baseByKey = indexRuns(base);
  const headByKey = indexRuns(head);
  const groups: RowGroup[] = [];
  const onlyInHead: ResultRow[] = [];
  for (const [key, headRows] of headByKey) {
    const baseRows = baseByKey.get(key);
    if (baseRows) groups.push({ key, row: headRows[0]!.row, base: baseRows, head: headRows });
    else onlyInHead.push(headRows[0]!.row);
  }
  const onlyInBase = [...baseByKey].filter(([key]) => !headByKey.has(key)).map(([, rows]) => rows[0]!.row);
  return { groups, onlyInBase, onlyInHead };
}

/** Per key, the row of each run (a key repeated within one run keeps its first row). */
function indexRuns(runs: readonly LoadedRun[]): Map<string, RunRow[]> {
  const byKey = new Map<string, RunRow[]>();
  for (const [run, { results }] of runs.entries()) {
    const seen = new Set<string>();
    for (const row of results.results) {
      const key = rowKey(row);
      if (seen.has(key)) continue;
      seen.add(key);
      byKey.set(key, [...(byKey.get(key) ?? []), { run, row }]);
    }
  }
  return byKey;
}

/** Just what names a row, for the lists of rows not compared. */
export function toRef(row: RowRef): RowRef {
  return { target: row.target, suite: row.suite, metric: row.metric, unit: row.unit, ...(row.params ? { params: row.params } : {}) };
}
