/** A log scale cannot draw zero or a negative value: such rows move to the left-out list with the reason. */
import type { ChartRows } from './chart-rows.js';

export function positiveOnly({ drawn, leftOut }: ChartRows): ChartRows {
  const positive = drawn.filter((row) => row.median! > 0);
  const dropped = drawn.filter((row) => row.median! <= 0).map((row) => `${row.target} ${row.suite} ${row.metric} (${row.median} on a log scale)`);
  return { drawn: positive, leftOut: [...leftOut, ...dropped] };
}
