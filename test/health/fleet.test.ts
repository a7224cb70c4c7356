/** The fleet check: one plugin hung, one killed; the survey names both, brings both back, and every call in flight settles. */
import { describe, expect, it } from 'vitest';
import { PluginError } from '../../src/core/errors.js';
import { createHostFunctions } from '../../src/core/host-api.js';
import { Fleet } from '../../src/health/fleet.js';
import { waitUntilGone } from '../helpers/process.js';
import { loadTarget } from '../helpers/targets.js';

const mqTarget = await loadTarget('mq');
const mqPythonTarget = await loadTarget('mq-python');

/** Settles `promise`, or fails the test if it is still pending after a bound that only catches hangs. */
function settledWithin<T>(promise: Promise<T>, boundMs: number): Promise<PromiseSettledResult<T>> {
  return Promise.race([
    promise.then(
      (value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
      (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
    ),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`a call still hangs after ${boundMs} ms`)), boundMs).unref()),
  ]);
}

const killedTarget = (await mqPythonTarget.availability()).available ? mqPythonTarget : mqTarget;

describe('fleet health check', () => {
  it(`names a hung mq plugin and a killed ${killedTarget.name} plugin, restarts both through the supervisor, and loses no call`, async () => {
    const startOptions = { faultInjection: true, hostFunctions: createHostFunctions() };
    await using fleet = await Fleet.start([
      { name: 'hung', target: mqTarget, startOptions },
      { name: 'killed', target: killedTarget, startOptions },
      { name: 'healthy', target: mqTarget, startOptions },
    ]);
    expect(fleet.startFailures).toEqual([]);
    const hung = fleet.member('hung');
    const killed = fleet.member('killed');
    const healthy = fleet.member('healthy');
    const hungPid = hung.pid!;
    const killedPid = killed.pid!;

    const inFlight = [
      hung.call('fault:sleep', [50]),
      hung.call('fault:hang', []),
      hung.call('revert', ['queued behind the hang']),
      killed.call('fault:sleep', [60_000]),
      killed.call('revertWithPrefix', ['abc']),
      ...Array.from({ length: 20 }, (_, i) => healthy.call('revertWithPrefix', [`call ${i}`])),
    ].map((call) => settledWithin(call, 60_000));
    // Let the calls reach their sockets, so the survey's ping queues behind the hang.
    await new Promise((resolve) => setImmediate(resolve));
    // The kill and the survey go out in the same tick: the survey sees a dead plugin, not one already restarted.
    process.kill(killedPid, 'SIGKILL');
    const report = await fleet.check({ deadlineMs: 1_000 });

    const status = (answers: typeof report.survey, member: string) => answers.find((answer) => answer.member === member)?.status;
    expect(status(report.survey, 'hung')).toBe('silent');
    expect(status(report.survey, 'killed')).not.toBe('answered');
    expect(status(report.survey, 'healthy')).toBe('answered');
    expect(report.restarts.map((record) => record.member).sort()).toEqual(['hung', 'killed']);
    for (const record of report.restarts) expect(record.ok, record.detail).toBe(true);
    expect(report.resurvey?.map((answer) => answer.status)).toEqual(['answered', 'answered', 'answered']);
    expect(report.allAnswering).toBe(true);

    expect(hung.pid).not.toBe(hungPid);
    expect(killed.pid).not.toBe(killedPid);
    expect(await hung.call('revert', ['ab'])).toBe('ba');
    expect(await killed.call('revertWithPrefix', ['ab'])).toBe('reverted: ba');

    // Not lost: every call settles, with its result or a typed error saying why.
    const outcomes = await Promise.all(inFlight);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toBeInstanceOf(PluginError);
        expect((outcome.reason as PluginError).code, (outcome.reason as Error).message).toBe('CRASHED');
      }
    }
    const healthyOutcomes = outcomes.slice(5);
    expect(healthyOutcomes.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(await waitUntilGone(hungPid, 15_000)).toBe(true);
    expect(await waitUntilGone(killedPid, 15_000)).toBe(true);
  });

  it('surveys everyone and restarts nobody when all answer', async () => {
    await using fleet = await Fleet.start([
      { name: 'a', target: mqTarget },
      { name: 'b', target: mqTarget },
    ]);
    const report = await fleet.check({ deadlineMs: 5_000 });
    expect(report.survey.map((answer) => answer.status)).toEqual(['answered', 'answered']);
    expect(report.restarts).toEqual([]);
    expect(report.resurvey).toBeNull();
    expect(report.allAnswering).toBe(true);
  });

  it('records a member that cannot start instead of failing the fleet', async () => {
    await using fleet = await Fleet.start([
      { name: 'ok', target: mqTarget },
      { name: 'nowhere', target: mqTarget, startOptions: { endpoint: 'not-an-endpoint' } },
    ]);
    expect(fleet.startFailures.map((failure) => failure.member)).toEqual(['nowhere']);
    const report = await fleet.check({ deadlineMs: 5_000 });
    expect(report.allAnswering).toBe(false);
  });
});
