/**
 * How check-compare sizes the planted waits. A wait starts at its literal length,
 * SLOWDOWN% of the target's median round trip in a calibration comparison; short
 * planted trials then scale it only by what they prove (tuningFactor), and never
 * below that literal length: a busy wait in the plugin's path costs at least its
 * own length, so a trial that measured more than SLOWDOWN% measured the machine,
 * and cutting the wait to match under-planted. On the AMD VM (2026-12-04) a 4 + 4
 * trial cut tcp-jsonrpc's 23.3 µs to 18 µs and worker-sab's 3.77 µs to 2.99 µs;
 * the comparisons that followed realized +12 to +22% and +16 to +25%, and missed them.
 */

/**
 * The factor a short trial proves: 1 when the change interval holds `slowdown`; one
 * whose interval lies above (below) it shrinks (grows) until the interval's near end
 * would be `slowdown`, within x[1/3, 3]. Scaling by the median change alone chased
 * noise: a 4 + 4 trial measured stdio-rpc +56% (interval -28 to +87%), and the wait
 * cut to match made it +20% in the comparison that followed.
 */
export function tuningFactor(row, slowdown) {
  const { lowPct, highPct } = row.ci ?? {};
  if (!(Number.isFinite(lowPct) && Number.isFinite(highPct))) return 1;
  const factor = lowPct > slowdown ? slowdown / lowPct : highPct < slowdown ? (highPct > 0 ? slowdown / highPct : 3) : 1;
  return Math.min(3, Math.max(1 / 3, factor));
}

/** The wait after a trial: scaled as the trial proves, never below the literal `floorUs`. */
export function tunedWait(waitUs, floorUs, row, slowdown) {
  return Math.max(floorUs, waitUs * tuningFactor(row, slowdown));
}
