/**
 * Rows whose status is not "ok" in every run. A suite that ran in base and
 * fails (or can no longer recover) in at least half of the head runs is a
 * regression; one failure in ten runs is a note beside the row's numbers, not a
 * verdict, because a loaded machine can make one run miss a deadline.
 */
import type { RowStatus } from '../results/types.js';
import type { StatusChange } from './comparison.js';
import { toRef, type RowGroup, type RunRow } from './match-rows.js';
import { isMeasured } from './measure-change.js';

export type StatusOutcome = { kind: 'values'; notes: string[] } | { kind: 'status-change'; change: StatusChange } | { kind: 'not-compared' };

const BROKEN: ReadonlySet<RowStatus> = new Set(['failed', 'not-recoverable']);

export function classifyStatus(group: RowGroup): StatusOutcome {
  const okBase = group.base.filter(({ row }) => isMeasured(row)).length;
  const okHead = group.head.filter(({ row }) => isMeasured(row)).length;
  const brokenBase = countBroken(group.base);
  const brokenHead = countBroken(group.head);
  const change = (regression: boolean): StatusOutcome => ({
    kind: 'status-change',
    change: { ...toRef(group.row), base: describe(group.base), head: describe(group.head), regression },
  });
  if (okBase > 0 && brokenBase === 0 && brokenHead > 0 && brokenHead * 2 >= group.head.length) return change(true);
  if (okBase > 0 && okHead > 0) return { kind: 'values', notes: [...partialNote('base', group.base), ...partialNote('head', group.head)] };
  if (okBase === 0 && okHead === 0 && describe(group.base) === describe(group.head)) return { kind: 'not-compared' };
  return change(false);
}

function countBroken(rows: readonly RunRow[]): number {
  return rows.filter(({ row }) => BROKEN.has(row.status)).length;
}

/** "failed" when every run says so, else "ok in 7 of 10 runs, failed in 3". */
function describe(rows: readonly RunRow[]): string {
  const counts = new Map<string, number>();
  for (const { row } of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  if (counts.size === 1) return rows[0]!.row.status;
  return [...counts].map(([status, count]) => `${status} in ${count} of ${rows.length} runs`).join(', ');
}

function partialNote(side: string, rows: readonly RunRow[]): string[] {
  const notOk = rows.filter(({ row }) => !isMeasured(row));
  if (notOk.length === 0) return [];
  const why = notOk[0]!.row.note ? `: ${notOk[0]!.row.note}` : '';
  return [`${notOk[0]!.row.status} in ${notOk.length} of ${rows.length} ${side} runs${why}; judged on the others`];
}
