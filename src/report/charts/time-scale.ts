/**
 * Human time units for chart axes. A linear axis gets one unit for the whole
 * chart, chosen from its data (µs for a 0.4-80 µs range, ms for 30-2700 ms); a
 * log axis that spans decades labels each decade in its own unit (100 ns, 1 µs,
 * ... 100 ms), so no tick reads 0.0001.
 */

export interface TimeUnit {
  name: 'ns' | 'µs' | 'ms' | 's';
  /** How many of this unit make one millisecond. */
  perMs: number;
}

const UNITS: readonly TimeUnit[] = [
  { name: 's', perMs: 1e-3 },
  { name: 'ms', perMs: 1 },
  { name: 'µs', perMs: 1e3 },
  { name: 'ns', perMs: 1e6 },
];

/** The largest unit in which the largest value is at least 1 (200 ms stays ms, 2,700 ms reads 2.7 s, 80 µs stays µs). */
export function pickTimeUnit(valuesMs: readonly number[]): TimeUnit {
  const largest = Math.max(...valuesMs.map(Math.abs));
  if (!Number.isFinite(largest) || largest === 0) return UNITS[1]!;
  return UNITS.find((unit) => largest * unit.perMs >= 1) ?? UNITS[UNITS.length - 1]!;
}

/** Whole decades that cover every value: the domain and tick values of a log axis. */
export function decades(values: readonly number[]): number[] {
  const positive = values.filter((value) => value > 0);
  const low = Math.floor(Math.log10(Math.min(...positive)) + 1e-9);
  const high = Math.ceil(Math.log10(Math.max(...positive)) - 1e-9);
  return Array.from({ length: Math.max(1, high - low) + 1 }, (_, i) => Number((10 ** (low + i)).toPrecision(1)));
}

/** A vega expression that writes a value in ms as "100 ns", "1 µs", "10 ms", "2 s". */
export function durationLabelExpr(field = 'datum.value'): string {
  const part = (factor: number, unit: string) => `format(${field} * ${factor}, '~r') + ' ${unit}'`;
  return `${field} >= 1000 ? ${part(1e-3, 's')} : ${field} >= 1 ? ${part(1, 'ms')} : ${field} >= 0.001 ? ${part(1e3, 'µs')} : ${part(1e6, 'ns')}`;
}

/** A log axis over durations in ms: one labelled tick per decade, each in its own unit. */
export function logTimeAxis(valuesMs: readonly number[], title: string | null) {
  const ticks = decades(valuesMs);
  return {
    scale: { type: 'log' as const, domain: [ticks[0]!, ticks[ticks.length - 1]!] },
    axis: { values: ticks, labelExpr: durationLabelExpr(), title, grid: true },
  };
}
