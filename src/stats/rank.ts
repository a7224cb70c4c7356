/**
 * Mid-ranks for rank tests: tied values share the mean of the ranks they span,
 * and the size of every tie group is kept for the variance correction.
 */
export interface Ranking {
  /** 1-based mid-rank of each value, in the input order. */
  ranks: number[];
  /** Size of every group of equal values (1 for a value with no tie). */
  tieGroups: number[];
}

export function rankWithTies(values: readonly number[]): Ranking {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  const tieGroups: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    // Positions start..end hold 1-based ranks start+1..end+1; their mean is the mid-rank.
    const midRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.index] = midRank;
    tieGroups.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieGroups };
}
