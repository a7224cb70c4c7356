/**
 * swap: replace the running plugin with a fresh instance while calls are in
 * flight, through the supervisor's hot swap (start the new one, move the
 * traffic, drain and stop the old one). Measures the time until every call runs
 * on the new instance, the calls that failed (the goal is 0), and the slowest
 * call while it happened.
 */
import { SEED_TEXT } from '../../core/contract.js';
import { checkAborted, sleep } from '../abort.js';
import { measuredRow, statusRow } from '../rows.js';
import { HUNG_AFTER_MS, type Suite } from '../suite.js';
import { describeErrors, startTraffic } from '../traffic.js';

const LEAD_IN_MS = 20;

export const swapSuite: Suite = {
  name: 'swap',
  summary: 'hot swap with calls in flight: time until every call runs on the new instance, calls failed',
  async run(context) {
    const { budget, signal } = context;
    const allOnNew = context.row('time-to-all-on-new', 'ms', 'lower', { inFlight: budget.callsInFlight });
    const supervisor = await context.supervised();
    const samples = { swap: [] as number[], failed: [] as number[], slowest: [] as number[] };
    const notes: string[] = [];
    for (let trial = 1; trial <= budget.faultTrials; trial++) {
      checkAborted(signal);
      context.progress(`trial ${trial}/${budget.faultTrials}`);
      const generation = supervisor.generation;
      const traffic = startTraffic(() => supervisor.call('revert', [SEED_TEXT], { timeoutMs: HUNG_AFTER_MS }), budget.callsInFlight, signal);
      await sleep(LEAD_IN_MS, signal);
      const began = performance.now();
      try {
        await supervisor.swap();
      } finally {
        samples.swap.push(performance.now() - began);
      }
      const report = await traffic.stop(HUNG_AFTER_MS);
      if (supervisor.generation !== generation + 1) {
        return [statusRow(allOnNew, 'failed', `the swap did not start a new instance (generation ${supervisor.generation})`)];
      }
      samples.failed.push(report.failed + report.hung);
      samples.slowest.push(report.slowestMs);
      notes.push(describeErrors(report));
    }
    const inFlight = { inFlight: budget.callsInFlight };
    return [
      measuredRow(allOnNew, samples.swap, { note: 'start the new instance, move the traffic, drain and stop the old one' }),
      measuredRow(context.row('calls-failed', 'count', 'lower', inFlight), samples.failed, { note: notes.join('; ') }),
      measuredRow(context.row('slowest-call', 'ms', 'lower', inFlight), samples.slowest, { note: 'the slowest call of the traffic around the swap' }),
    ];
  },
};
