/**
 * "Did you mean": the known name closest to a mistyped one, by edit distance
 * (insert, delete, substitute, swap two neighbours), when it is close enough to
 * be a typo: 1 edit for names up to 4 letters, 2 up to 8, 3 beyond.
 */

/** Optimal string alignment distance between `a` and `b`. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

export function closestName(input: string, candidates: readonly string[]): string | undefined {
  const typed = input.toLowerCase();
  const allowed = typed.length <= 4 ? 1 : typed.length <= 8 ? 2 : 3;
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(typed, name.toLowerCase());
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** ` (did you mean "worker"?)` for a close name, else the empty string: ready to append to an error. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const name = closestName(input, candidates);
  return name === undefined ? '' : ` (did you mean "${name}"?)`;
}
