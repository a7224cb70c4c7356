/**
 * scale: a target served through a broker (its transport offers `broker`), with
 * 1, 2 and 4 plugin instances in the service's queue group behind one client:
 * completed calls per second at each size; then one instance killed (SIGKILL)
 * mid-run: the calls that failed (the retry policy's goal is 0), hung, were
 * sent again, and the slowest call. Other targets have one plugin per handle.
 */
import os from 'node:os';
import { SEED_TEXT } from '../../core/contract.js';
import { toPluginError } from '../../core/errors.js';
import type { PluginHandle } from '../../core/transport.js';
import { findTarget } from '../../../transports/catalog.js';
import { checkAborted, sleep } from '../abort.js';
import type { ResultRow } from '../../results/types.js';
import { measuredRow, statusRow } from '../rows.js';
import { HUNG_AFTER_MS, type Suite, type SuiteContext } from '../suite.js';
import { describeErrors, startTraffic } from '../traffic.js';
import { calibrateRound, runCalls } from './throughput.js';

export const INSTANCES = [1, 2, 4] as const;
/** Traffic runs this long before the kill, and this long after it. */
const LEAD_IN_MS = 50;
const RUN_ON_MS = 500;

export const scaleSuite: Suite = {
  name: 'scale',
  summary: 'through a broker: calls per second with 1, 2 and 4 instances in the queue group, and calls failed when one is killed mid-run',
  async run(context) {
    const support = (await findTarget(context.target.name)?.descriptor.load())?.broker;
    if (!support) {
      return [statusRow(throughputRow(context, 1), 'not-supported', 'one plugin per handle: the target is not served through a broker, so instances cannot share one service')];
    }
    const broker = context.stopList.add(await support.startBroker(context.signal));
    let retries = 0;
    const client = await context.start({ endpoint: broker.url, onEvent: (event) => event.type === 'log' && event.message.startsWith('retry:') && retries++ });
    const instances: PluginHandle[] = [];
    const grow = async (size: number) => {
      while (instances.length < size) instances.push(await context.start({ broker: { url: broker.url } }));
    };
    const rows: ResultRow[] = [];
    for (const size of INSTANCES) {
      context.progress(`${size} instance${size === 1 ? '' : 's'}`);
      await grow(size);
      rows.push(await measureThroughput(context, client, size));
    }
    rows.push(...(await killTrials(context, client, instances, grow, () => retries)));
    return rows;
  },
};

const throughputRow = (context: SuiteContext, instances: number) =>
  context.row(`calls-per-second-${instances}-instance${instances === 1 ? '' : 's'}`, 'calls/s', 'higher', { instances, inFlight: context.budget.callsInFlight });

const machineNote = (size: number) => `${size} plugin process${size === 1 ? '' : 'es'}, the nats-server and the host share ${os.cpus().length} cores`;

async function measureThroughput(context: SuiteContext, client: PluginHandle, size: number): Promise<ResultRow> {
  const { budget, signal } = context;
  const inFlight = budget.callsInFlight;
  const identity = throughputRow(context, size);
  const call = () => client.call('revert', [SEED_TEXT]);
  try {
    const perRound = Math.max(inFlight, await calibrateRound(call, inFlight, budget.throughputRoundMs, signal));
    const samples: number[] = [];
    for (let round = 0; round < budget.throughputRounds; round++) {
      checkAborted(signal);
      samples.push(perRound / (Math.max(await runCalls(call, inFlight, perRound), 1e-6) / 1000));
    }
    return measuredRow(identity, samples, { calibration: { callsPerRound: perRound }, note: machineNote(size) });
  } catch (error) {
    checkAborted(signal);
    return statusRow(identity, 'failed', toPluginError(error).message);
  }
}

/** Kills one of the instances with traffic running, `faultTrials` times, bringing the group back to full size between. */
async function killTrials(context: SuiteContext, client: PluginHandle, instances: PluginHandle[], grow: (size: number) => Promise<void>, retries: () => number): Promise<ResultRow[]> {
  const { budget, signal } = context;
  const size = INSTANCES[INSTANCES.length - 1];
  const samples = { failed: [] as number[], hung: [] as number[], retried: [] as number[], slowest: [] as number[] };
  const notes: string[] = [];
  for (let trial = 1; trial <= budget.faultTrials; trial++) {
    checkAborted(signal);
    context.progress(`kill one of ${size}, trial ${trial}/${budget.faultTrials}`);
    await grow(size);
    const retriedBefore = retries();
    const traffic = startTraffic(() => client.call('revert', [SEED_TEXT], { timeoutMs: HUNG_AFTER_MS }), budget.callsInFlight, signal);
    await sleep(LEAD_IN_MS, signal);
    const victim = instances.shift()!;
    process.kill(victim.pid!, 'SIGKILL');
    await victim.exited;
    await sleep(RUN_ON_MS, signal);
    const report = await traffic.stop(HUNG_AFTER_MS);
    await context.stopList.release(victim);
    samples.failed.push(report.failed);
    samples.hung.push(report.hung);
    samples.retried.push(retries() - retriedBefore);
    samples.slowest.push(report.slowestMs);
    notes.push(`${report.completed} calls, ${describeErrors(report)}`);
  }
  const params = { instances: size, inFlight: budget.callsInFlight };
  return [
    measuredRow(context.row('calls-failed-on-kill', 'count', 'lower', params), samples.failed, { note: `revert, retried by the host's policy; ${notes.join('; ')}` }),
    measuredRow(context.row('calls-hung-on-kill', 'count', 'lower', params), samples.hung, { note: `a call is hung when it has not answered within ${HUNG_AFTER_MS} ms` }),
    measuredRow(context.row('calls-retried-on-kill', 'count', 'lower', params), samples.retried, { note: 'calls sent again (the ones in flight on the killed instance); without the policy each would fail' }),
    measuredRow(context.row('slowest-call-on-kill', 'ms', 'lower', params), samples.slowest, { note: 'what a retried call costs: its attempt timeout, then the answer' }),
  ];
}
