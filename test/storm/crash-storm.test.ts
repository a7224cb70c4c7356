/**
 * The crash storm: every available process target, under the Supervisor, is
 * crashed 100 times (`fault:crash`) with calls in flight. Every call settles
 * (none hangs past a generous bound), each with the right answer or a typed
 * PluginError (CRASHED, or CLOSED if it raced the stop), the plugin answers at
 * the end, and no plugin process is left once it is stopped.
 * Cost: 100 crashes are 100 plugin starts per target, about 1,100 in all, so
 * the targets run STORMS_AT_ONCE at a time and each logs how long its storm took.
 * Measured (`time npx vitest run test/transports/process/crash-storm.test.ts`,
 * 2 cores shared at load 15-24): 154 s of CPU (user 124 s, sys 31 s), 9.7 min
 * wall; Go targets 15-24 s each, Node and Python 84-370 s each at that load.
 * The work is CPU-bound: 154 s of CPU on 2 cores is at least 77 s of wall on an
 * idle runner (an estimate, no idle machine here), inside the ~3 min budget.
 * Each round has its own hang bound; the 15 min hook bound only catches a stuck run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { revertText } from '../../src/core/contract.js';
import { PluginError } from '../../src/core/errors.js';
import { createHostFunctions } from '../../src/core/host-api.js';
import { Supervisor } from '../../src/core/supervisor.js';
import type { Target } from '../../src/core/transport.js';
import { isRunning, waitUntilGone } from '../helpers/process.js';
import { loadAllTargets } from '../helpers/targets.js';

// Overridable to replay one target by hand: PLUGBENCH_STORM_TARGETS=stdio-rpc PLUGBENCH_STORM_CRASHES=20.
const CRASHES = Number(process.env.PLUGBENCH_STORM_CRASHES ?? 100);
const ONLY = process.env.PLUGBENCH_STORM_TARGETS?.split(',');
const STORMS_AT_ONCE = 3;
/** Calls sent beside each crash; some are answered before it, the rest reject. */
const TEXTS = ['ab👋', 'e\u0301x', '', 'Live on time, emit no evil'];
/** A bound that only catches a hang: one round is a crash and a restart. */
const ROUND_BOUND_MS = 30_000;
const SETTLE_CODES = new Set(['CRASHED', 'CLOSED']);

interface StormReport {
  crashes: number;
  answered: number;
  codes: Record<string, number>;
  /** Anything that was neither the right answer nor an expected typed error, or a round that hung. */
  wrong: string[];
  finalAnswer: unknown;
  pids: number[];
  leftRunning: number[];
  ms: number;
}

const processTargets = (await loadAllTargets()).filter(({ name, target }) => target.family === 'process' && (!ONLY || ONLY.includes(name)));
const available = processTargets.filter(({ availability }) => availability.available);
const reports = new Map<string, StormReport | Error>();

/** One round: calls in flight, then the crash; resolves once every call settled, or says it hung. */
async function round(plugin: Supervisor, report: StormReport): Promise<boolean> {
  const calls = TEXTS.map((text) =>
    plugin.call<string>('revert', [text]).then((value) => {
      if (value === revertText(text)) report.answered++;
      else report.wrong.push(`revert(${JSON.stringify(text)}) answered ${JSON.stringify(value)}`);
    }, (error: unknown) => count(error, report)),
  );
  calls.push(plugin.call('fault:crash', []).then((value) => void report.wrong.push(`fault:crash answered ${JSON.stringify(value)}`), (error: unknown) => count(error, report)));
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), ROUND_BOUND_MS)));
  const result = await Promise.race([Promise.all(calls).then(() => false), hung]);
  clearTimeout(timer);
  return !result;
}

function count(error: unknown, report: StormReport): void {
  if (PluginError.is(error) && SETTLE_CODES.has(error.code)) report.codes[error.code] = (report.codes[error.code] ?? 0) + 1;
  else report.wrong.push(`rejected with ${PluginError.is(error) ? `${error.code}: ${error.message}` : String(error)}`);
}

async function storm(target: Target): Promise<StormReport> {
  const began = performance.now();
  const report: StormReport = { crashes: 0, answered: 0, codes: {}, wrong: [], finalAnswer: undefined, pids: [], leftRunning: [], ms: 0 };
  const plugin = await Supervisor.start(
    target,
    { faultInjection: true, hostFunctions: createHostFunctions() },
    {
      restart: { maxCrashes: CRASHES * 2, initialDelayMs: 0, maxDelayMs: 0, factor: 1 },
      onEvent: (event) => void (event.type === 'started' && event.pid !== undefined && report.pids.push(event.pid)),
    },
  );
  try {
    for (; report.crashes < CRASHES; report.crashes++) {
      if (!(await round(plugin, report))) {
        report.wrong.push(`round ${report.crashes + 1}: a call did not settle within ${ROUND_BOUND_MS} ms`);
        break;
      }
    }
    report.finalAnswer = await plugin.call('revert', ['storm👋']).catch((error: unknown) => `failed: ${String(error)}`);
  } finally {
    await plugin.stop();
  }
  const gone = await Promise.all(report.pids.map((pid) => waitUntilGone(pid, 10_000)));
  report.leftRunning = report.pids.filter((pid, index) => !gone[index] && isRunning(pid));
  report.ms = Math.round(performance.now() - began);
  return report;
}

beforeAll(async () => {
  const queue = [...available];
  const runOne = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      reports.set(next.name, await storm(next.target).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
    }
  };
  await Promise.all(Array.from({ length: STORMS_AT_ONCE }, runOne));
}, 900_000);

for (const { name, availability } of processTargets) {
  describe.skipIf(!availability.available)(`${name} crash storm${availability.available ? '' : ` (skipped: ${availability.reason})`}`, () => {
    it(`survives ${CRASHES} crashes with calls in flight, leaving no process`, () => {
      const report = reports.get(name);
      if (report instanceof Error || report === undefined) throw report ?? new Error('the storm did not run');
      console.log(`${name}: ${CRASHES} crashes in ${report.ms} ms`);
      const context = `${name}: ${JSON.stringify({ ...report, pids: report.pids.length })}`;
      expect(report.wrong, context).toEqual([]);
      expect(report.crashes, context).toBe(CRASHES);
      expect(report.codes.CRASHED ?? 0, context).toBeGreaterThanOrEqual(CRASHES);
      expect(report.finalAnswer, context).toBe('👋mrots');
      expect(report.pids.length, context).toBeGreaterThanOrEqual(CRASHES + 1);
      expect(report.leftRunning, context).toEqual([]);
    });
  });
}
