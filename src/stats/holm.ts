/**
 * Holm's step-down correction for many tests at once: compare judges hundreds
 * of rows, and at p < 0.05 each, about one in twenty unchanged rows would look
 * changed. Holm keeps the chance of any false alarm in the whole comparison at
 * alpha, under any dependence between the rows, and is never weaker than
 * Bonferroni (Holm 1979).
 */

/** Adjusted p-values in the input order: compare each with alpha. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const count = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(count);
  let running = 0;
  for (const [rank, { p, index }] of order.entries()) {
    // The k-th smallest is compared with alpha / (count - k); adjusted values never decrease along the order.
    running = Math.max(running, Math.min(1, (count - rank) * p));
    adjusted[index] = running;
  }
  return adjusted;
}
