/**
 * The exact null distribution of the Mann-Whitney U statistic for sizes m and n
 * without ties. The number of arrangements giving U = u is the coefficient of
 * q^u in the Gaussian binomial [m+n choose m]; it is built with exact BigInt
 * arithmetic as the product over i of (1 - q^(n+i)) / (1 - q^i), so no count
 * is rounded before the final division.
 */

const cache = new Map<string, Float64Array>();

/** P(U = u) for u = 0..m*n. Cached per (m, n): a comparison asks for the same sizes many times. */
export function exactUDistribution(m: number, n: number): Float64Array {
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  const key = `${small}x${large}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const top = small * large;
  const counts = new Array<bigint>(top + 1).fill(0n);
  counts[0] = 1n;
  for (let i = 1; i <= small; i++) {
    // Multiply by (1 - q^(large+i)), highest degree first so each term is read before it changes.
    const shift = large + i;
    for (let j = top; j >= shift; j--) counts[j]! -= counts[j - shift]!;
    // Divide by (1 - q^i): a running sum with stride i; the quotient is a polynomial again.
    for (let j = i; j <= top; j++) counts[j]! += counts[j - i]!;
  }
  const total = counts.reduce((sum, count) => sum + count, 0n);
  // Each count and the total round to 53 bits on their own; the quotient stays within 1e-15 relative.
  const probabilities = Float64Array.from(counts, (count) => Number(count) / Number(total));
  cache.set(key, probabilities);
  return probabilities;
}

/** Two-sided exact p-value for an observed U, as R's wilcox.test computes it. */
export function exactTwoSidedP(u: number, m: number, n: number): number {
  const distribution = exactUDistribution(m, n);
  const mean = (m * n) / 2;
  let tail = 0;
  if (u > mean) {
    for (let j = Math.ceil(u); j < distribution.length; j++) tail += distribution[j]!;
  } else {
    for (let j = 0; j <= Math.floor(u); j++) tail += distribution[j]!;
  }
  return Math.min(1, 2 * tail);
}
