/**
 * Descriptive statistics for one set of benchmark samples, the way benchstat and
 * hyperfine report them: the median with a distribution-free confidence interval
 * and the level it really has, quantiles interpolated linearly between ranks
 * (NumPy's default, via simple-statistics), the tail (p99) once there are enough
 * samples to have one, the mean, and outliers by the 1.5 IQR rule, flagged, never dropped.
 */
import { max, mean, min, quantileSorted, sampleStandardDeviation } from 'simple-statistics';

/**
 * Below this many samples a "p99" is the maximum, or an interpolation toward it:
 * with 100 samples one lies above the 99th percentile's rank.
 */
export const P99_MIN_SAMPLES = 100;

export interface Summary {
  count: number;
  median: number;
  /** Null below P99_MIN_SAMPLES samples. */
  p99: number | null;
  mean: number;
  min: number;
  max: number;
  /** Sample standard deviation (0 for fewer than two samples). */
  stdDev: number;
  /** Bounds of the confidence interval of the median (order statistics); null for a single sample. */
  ciLow: number | null;
  ciHigh: number | null;
  /** The confidence that interval actually has; below 0.95 only for n < 6, where [min, max] is the best there is. */
  ciConfidence: number | null;
  /** Tukey fences: samples outside [q1 - 1.5 IQR, q3 + 1.5 IQR] are outliers. */
  lowFence: number;
  highFence: number;
  /** Positions (in the order given) of the samples outside the fences. */
  outlierIndices: number[];
}

/** Summarises `samples` (at least one finite number). */
export function summarize(samples: readonly number[], confidence = 0.95): Summary {
  if (samples.length === 0) throw new RangeError('summarize needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const lowFence = q1 - 1.5 * iqr;
  const highFence = q3 + 1.5 * iqr;
  const ci = sorted.length > 1 ? medianConfidenceInterval(sorted, confidence) : null;
  return {
    count: sorted.length,
    median: quantileSorted(sorted, 0.5),
    p99: sorted.length >= P99_MIN_SAMPLES ? quantileSorted(sorted, 0.99) : null,
    mean: mean(sorted),
    min: min(sorted),
    max: max(sorted),
    stdDev: sorted.length > 1 ? sampleStandardDeviation(sorted) : 0,
    ciLow: ci?.low ?? null,
    ciHigh: ci?.high ?? null,
    ciConfidence: ci?.confidence ?? null,
    lowFence,
    highFence,
    outlierIndices: samples.flatMap((value, index) => (value < lowFence || value > highFence ? [index] : [])),
  };
}

export interface MedianInterval {
  low: number;
  high: number;
  /** Exact coverage of [x(l), x(n+1-l)] for a continuous distribution. */
  confidence: number;
  /** 1-based rank of the lower bound in the sorted samples. */
  lowerRank: number;
}

/**
 * Distribution-free confidence interval of the median from order statistics:
 * the number of samples below the true median is Binomial(n, 1/2), so
 * [x(l), x(n+1-l)] covers it with probability 1 - 2 P(B <= l - 1). Picks the
 * largest l whose coverage is still at least `confidence` (n = 10 gives x(2)..x(9)).
 */
export function medianConfidenceInterval(sorted: readonly number[], confidence = 0.95): MedianInterval {
  const n = sorted.length;
  const alpha = (1 - confidence) / 2;
  let lowerRank = 0;
  let cumulative = 0; // P(B <= lowerRank - 1)
  for (let k = 0; k < Math.floor(n / 2); k++) {
    const next = cumulative + Math.exp(logBinomial(n, k) - n * Math.LN2);
    if (next > alpha) break;
    cumulative = next;
    lowerRank = k + 1;
  }
  if (lowerRank === 0) {
    // Too few samples for the requested level: [min, max] is the widest there is.
    return { low: sorted[0]!, high: sorted[n - 1]!, confidence: 1 - 2 * Math.pow(0.5, n), lowerRank: 1 };
  }
  return { low: sorted[lowerRank - 1]!, high: sorted[n - lowerRank]!, confidence: 1 - 2 * cumulative, lowerRank };
}

function logBinomial(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[n]!;
}
