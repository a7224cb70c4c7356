/**
 * throughput: completed calls per second with 1, 16 and 64 calls in flight
 * (1 and 64 in a quick run: budget.throughputInFlight).
 * Time-boxed warm-up rounds, repeated until their counts are steady, size the
 * rounds (hyperfine/mitata calibrate the same way); then a fixed number of
 * rounds of that many calls, each one sample. The calibrated count is kept in
 * `calibration`, not in the row key: it differs from run to run.
 */
import { SEED_TEXT } from '../../core/contract.js';
import { toPluginError } from '../../core/errors.js';
import { checkAborted } from '../abort.js';
import { STEADY_WARMUP_MS } from '../budget.js';
import { measuredRow, statusRow } from '../rows.js';
import { isSteady } from '../steady-warmup.js';
import type { Suite } from '../suite.js';

export const throughputSuite: Suite = {
  name: 'throughput',
  summary: 'completed calls per second with 1, 16 and 64 calls in flight',
  async run(context) {
    const { budget, signal } = context;
    const handle = await context.warm();
    const call = () => handle.call('revert', [SEED_TEXT]);
    const rows = [];
    for (const inFlight of budget.throughputInFlight) {
      context.progress(`${inFlight} in flight`);
      const identity = context.row(`calls-per-second-${inFlight}`, 'calls/s', 'higher', { inFlight });
      try {
        const perRound = Math.max(inFlight, await calibrateRound(call, inFlight, budget.throughputRoundMs, signal));
        const samples: number[] = [];
        for (let round = 0; round < budget.throughputRounds; round++) {
          checkAborted(signal);
          const ms = await runCalls(call, inFlight, perRound);
          samples.push(perRound / (Math.max(ms, 1e-6) / 1000));
        }
        rows.push(measuredRow(identity, samples, { calibration: { callsPerRound: perRound } }));
      } catch (error) {
        checkAborted(signal);
        rows.push(statusRow(identity, 'failed', toPluginError(error).message));
      }
    }
    return rows;
  },
};

/** Runs `total` calls keeping `inFlight` outstanding; returns the wall time in ms. */
export async function runCalls(call: () => Promise<unknown>, inFlight: number, total: number): Promise<number> {
  let started = 0;
  const lane = async () => {
    while (started < total) {
      started++;
      await call();
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, lane));
  return performance.now() - began;
}

/** Warm-up rounds until the count of calls per round is steady (or STEADY_WARMUP_MS.max passed); the last count. */
export async function calibrateRound(call: () => Promise<unknown>, inFlight: number, ms: number, signal: AbortSignal): Promise<number> {
  const began = performance.now();
  const counts: number[] = [];
  for (;;) {
    counts.push(await countCallsWithin(call, inFlight, ms, signal));
    const elapsed = performance.now() - began;
    if ((elapsed >= STEADY_WARMUP_MS.min && isSteady(counts)) || elapsed >= STEADY_WARMUP_MS.max) return counts.at(-1)!;
  }
}

/** One warm-up round: how many calls complete within `ms` with `inFlight` outstanding. */
async function countCallsWithin(call: () => Promise<unknown>, inFlight: number, ms: number, signal: AbortSignal): Promise<number> {
  const deadline = performance.now() + ms;
  let completed = 0;
  const lane = async () => {
    while (performance.now() < deadline && !signal.aborted) {
      await call();
      completed++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  checkAborted(signal);
  return completed;
}
