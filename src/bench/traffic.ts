/**
 * Steady traffic for the recovery and swap suites: a fixed number of lanes,
 * each calling again as soon as its last call settled, so calls are always in
 * flight when the plugin crashes or is swapped. Failures are counted, not thrown.
 */
import { toPluginError } from '../core/errors.js';
import { withinMs } from './abort.js';

export interface TrafficReport {
  completed: number;
  /** Calls that rejected with anything but TIMEOUT. */
  failed: number;
  /** Calls that never settled: rejected with TIMEOUT, or still pending when the traffic stopped. */
  hung: number;
  /** Error codes of the failed calls, with counts. */
  errors: Record<string, number>;
  /** The longest a single call took. */
  slowestMs: number;
}

export interface Traffic {
  /** Stops sending and waits (at most `settleMs`) for the calls in flight. */
  stop(settleMs: number): Promise<TrafficReport>;
}

/** Starts `lanes` lanes calling `call`; they stop on `stop()` or when `signal` aborts (Ctrl-C, suite deadline). */
export function startTraffic(call: () => Promise<unknown>, lanes: number, signal: AbortSignal): Traffic {
  let running = true;
  let pending = 0;
  const report: TrafficReport = { completed: 0, failed: 0, hung: 0, errors: {}, slowestMs: 0 };
  const lane = async () => {
    while (running && !signal.aborted) {
      const began = performance.now();
      pending++;
      try {
        await call();
        report.completed++;
      } catch (error) {
        const code = toPluginError(error).code;
        if (code === 'TIMEOUT') report.hung++;
        else report.failed++;
        report.errors[code] = (report.errors[code] ?? 0) + 1;
      } finally {
        pending--;
        report.slowestMs = Math.max(report.slowestMs, performance.now() - began);
      }
      // An in-process call settles in a microtask; yield so timers (and Ctrl-C) still run.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const all = Promise.all(Array.from({ length: lanes }, lane));
  return {
    async stop(settleMs) {
      running = false;
      const settled = await withinMs(all, settleMs);
      if (!settled) report.hung += pending;
      return { ...report, errors: { ...report.errors } };
    },
  };
}

/** Describes the failures of a report in one line ("3 CRASHED"). */
export function describeErrors(report: TrafficReport): string {
  const parts = Object.entries(report.errors).map(([code, count]) => `${count} ${code}`);
  return parts.length > 0 ? parts.join(', ') : 'no call failed';
}
