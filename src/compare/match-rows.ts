/**
 * Pairs the rows of two results files by what they measure: target, suite,
 * metric and suite parameters (payload size, calls in flight). Rows found in one
 * file only are returned, not dropped: a target that appeared or vanished is news.
 */
import type { ResultRow } from '../bench/results.js';

export interface RowPair {
  base: ResultRow;
  head: ResultRow;
}

export interface MatchedRows {
  pairs: RowPair[];
  onlyInBase: ResultRow[];
  onlyInHead: ResultRow[];
}

/** Stable identity of a row; parameters are sorted so their order in the file does not matter. */
export function rowKey(row: Pick<ResultRow, 'target' | 'suite' | 'metric' | 'params'>): string {
  const params = Object.entries(row.params ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([row.target, row.suite, row.metric, params]);
}

/** Pairs in the head file's order (the order the newer run chose); a duplicated key keeps its first row. */
export function matchRows(base: readonly ResultRow[], head: readonly ResultRow[]): MatchedRows {
  const baseByKey = indexByKey(base);
  const headByKey = indexByKey(head);
  const pairs: RowPair[] = [];
  const onlyInHead: ResultRow[] = [];
  for (const [key, headRow] of headByKey) {
    const baseRow = baseByKey.get(key);
    if (baseRow) pairs.push({ base: baseRow, head: headRow });
    else onlyInHead.push(headRow);
  }
  const onlyInBase = [...baseByKey].filter(([key]) => !headByKey.has(key)).map(([, row]) => row);
  return { pairs, onlyInBase, onlyInHead };
}

function indexByKey(rows: readonly ResultRow[]): Map<string, ResultRow> {
  const byKey = new Map<string, ResultRow>();
  for (const row of rows) {
    const key = rowKey(row);
    if (!byKey.has(key)) byKey.set(key, row);
  }
  return byKey;
}
