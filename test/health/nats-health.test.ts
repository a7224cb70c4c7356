/**
 * `plugbench serve` and `plugbench health --nats`: a fleet served by separate
 * serve processes is surveyed whole; a local instance that stops answering is
 * restarted through its supervisor and the service surveyed again; SIGTERM
 * drains a serve process and it exits.
 */
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { Supervisor } from '../../src/core/supervisor.js';
import { Fleet } from '../../src/health/fleet.js';
import { checkNatsFleet, runNatsHealth } from '../../src/nats/nats-health.js';
import { findNatsServer } from '../../transports/nats/find-nats-server.js';
import { startNatsServer, type NatsServer } from '../../transports/nats/nats-server.js';
import { surveyUntil } from '../helpers/nats.js';
import { waitUntilGone } from '../helpers/process.js';
import { loadTarget } from '../helpers/targets.js';

const bin = new URL('../../bin/run.js', import.meta.url).pathname;

/** Starts `plugbench serve nats --nats URL` and resolves with its instance's pid once it serves. */
async function serve(url: string, started: ResultPromise[]): Promise<number> {
  const child = execa(process.execPath, [bin, 'serve', 'nats', '--nats', url], { reject: false, buffer: false, stdin: 'ignore' });
  started.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const pid = /instance pid (\d+)/.exec(chunk.toString())?.[1];
      if (pid) resolve(Number(pid));
    });
    void child.then((result) => reject(new Error(`serve ended early (exit ${result.exitCode})`)));
  });
}

describe.skipIf(!findNatsServer())('health --nats over a fleet started with plugbench serve', () => {
  let server: NatsServer | undefined;
  const serving: ResultPromise[] = [];

  afterEach(async () => {
    for (const child of serving.splice(0)) {
      child.kill('SIGKILL');
      await child;
    }
    await server?.stop();
  });

  it('surveys every served instance and local ones, with their request counts', async () => {
    server = await startNatsServer({ timeoutMs: 10_000 });
    const pids = await Promise.all([serve(server.url, serving), serve(server.url, serving)]);
    await surveyUntil(server.url, 2);
    const result = await runNatsHealth({ broker: { url: server.url }, deadlineMs: 500, instances: 1 });
    expect(result.allAnswering).toBe(true);
    expect(result.surveys).toHaveLength(1);
    const answered = result.surveys[0]!.instances;
    expect(answered).toHaveLength(3);
    expect(answered.map((answer) => answer.pid)).toEqual(expect.arrayContaining([...pids, result.local.members[0]!.pid]));
    for (const answer of answered) expect(answer).toMatchObject({ requests: 0, errors: 0, answered: { ping: true, stats: true } });
  }, 60_000);

  it('restarts a local instance that stops answering, through its supervisor, and surveys again', async () => {
    server = await startNatsServer({ timeoutMs: 10_000 });
    const target = await loadTarget('nats');
    await using fleet = await Fleet.start([
      { name: 'nats#1', target, startOptions: { broker: { url: server.url }, faultInjection: true } },
      { name: 'nats#2', target, startOptions: { broker: { url: server.url } } },
    ]);
    const hung = fleet.member('nats#1') as Supervisor;
    const hungPid = hung.pid!;
    void hung.call('fault:hang', [], { timeoutMs: 60_000 }).catch(() => {});
    const result = await checkNatsFleet(fleet, { url: server.url }, 500);
    expect(result.missing[0]).toEqual(['nats#1']);
    expect(result.local.restarts).toMatchObject([{ member: 'nats#1', ok: true, pidBefore: hungPid }]);
    expect(result.surveys).toHaveLength(2);
    expect(result.missing[1]).toEqual([]);
    expect(result.allAnswering).toBe(true);
    expect(await waitUntilGone(hungPid, 10_000)).toBe(true);
  }, 60_000);

  it('drains and exits on SIGTERM, leaving no plugin behind', async () => {
    server = await startNatsServer({ timeoutMs: 10_000 });
    const pid = await serve(server.url, serving);
    const child = serving[0]!;
    let said = '';
    child.stdout!.on('data', (chunk: Buffer) => (said += chunk.toString()));
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(said).toContain('stopped');
    expect(await waitUntilGone(pid, 10_000)).toBe(true);
  }, 60_000);
});
