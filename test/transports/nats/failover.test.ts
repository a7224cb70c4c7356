/**
 * Failover in one queue group: an instance killed with calls in flight. Calls
 * that may not run twice fail with a typed error within their deadline (never
 * hang); idempotent `revert` is sent again under the retry policy, so no caller
 * sees a failure; new calls go to the instances left. And plugbench's own
 * nats-server dies with its host, like every plugin.
 */
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { revertText } from '../../../src/core/contract.js';
import { toPluginError } from '../../../src/core/errors.js';
import type { PluginEvent, PluginHandle } from '../../../src/core/transport.js';
import { NO_DEATH_SIGNAL_ENV } from '../../../transports/process/death-signal.js';
import { findNatsServer } from '../../../transports/nats/find-nats-server.js';
import { startNatsServer, type NatsServer } from '../../../transports/nats/nats-server.js';
import { surveyUntil } from '../../helpers/nats.js';
import { isRunning, waitUntilGone } from '../../helpers/process.js';
import { loadTarget } from '../../helpers/targets.js';

const hostThenDie = new URL('../../fixtures/nats/host-then-die.mjs', import.meta.url).pathname;

describe.skipIf(!findNatsServer())('nats failover', () => {
  let server: NatsServer | undefined;
  const handles: PluginHandle[] = [];

  afterEach(async () => {
    await Promise.allSettled(handles.splice(0).map((handle) => handle.stop()));
    await server?.stop();
  });

  async function group(size: number, onEvent?: (event: PluginEvent) => void): Promise<{ instances: PluginHandle[]; client: PluginHandle }> {
    server = await startNatsServer({ timeoutMs: 10_000 });
    const target = await loadTarget('nats');
    const instances = await Promise.all(Array.from({ length: size }, () => target.start({ broker: { url: server!.url }, faultInjection: true })));
    handles.push(...instances);
    const client = await target.start({ endpoint: server.url, ...(onEvent ? { onEvent } : {}) });
    handles.push(client);
    await surveyUntil(server.url, size);
    return { instances, client };
  }

  it('fails calls in flight on a killed instance with TIMEOUT at their deadline, and serves the rest', async () => {
    const { instances, client } = await group(2);
    const began = performance.now();
    const calls = Array.from({ length: 8 }, () =>
      client.call('fault:sleep', [2_000], { timeoutMs: 4_000 }).then(
        (value) => ({ value, ms: performance.now() - began }),
        (error: unknown) => ({ error: toPluginError(error), ms: performance.now() - began }),
      ),
    );
    // The queue group spread the calls; kill the instance holding most of them.
    const held = (await surveyUntil(server!.url, 2)).instances;
    const busiest = held.reduce((a, b) => ((a.requests ?? 0) >= (b.requests ?? 0) ? a : b));
    process.kill(busiest.pid!, 'SIGKILL');
    const outcomes = await Promise.all(calls);
    const failed = outcomes.filter((outcome) => 'error' in outcome);
    expect(failed.length).toBe(busiest.requests);
    expect(failed.map((outcome) => ('error' in outcome ? outcome.error.code : ''))).toEqual(failed.map(() => 'TIMEOUT'));
    expect(outcomes.filter((outcome) => 'value' in outcome).every((outcome) => 'value' in outcome && outcome.value === 'slept')).toBe(true);
    // Never later than the deadline plus a bound that only catches a hang.
    for (const outcome of outcomes) expect(outcome.ms).toBeLessThan(4_000 + 3_000);
    expect(instances.map((instance) => instance.pid)).toContain(busiest.pid);
    expect(await client.call('revert', ['after'])).toBe('retfa');
  });

  it('retries idempotent revert on the instances left, so no caller sees the kill', async () => {
    let retries = 0;
    const { instances, client } = await group(3, (event) => event.type === 'log' && event.message.startsWith('retry:') && retries++);
    let running = true;
    const failures: string[] = [];
    let answered = 0;
    const lane = async (id: number) => {
      for (let i = 0; running; i++) {
        const text = `${id}:${i}`;
        try {
          expect(await client.call('revert', [text], { timeoutMs: 5_000 })).toBe(revertText(text));
          answered++;
        } catch (error) {
          failures.push(toPluginError(error).message);
        }
      }
    };
    const lanes = Array.from({ length: 16 }, (_, i) => lane(i));
    await client.call('revert', ['warm']);
    process.kill(instances[0]!.pid!, 'SIGKILL');
    await instances[0]!.exited;
    const atKill = answered;
    while (answered < atKill + 200) await client.call('revert', ['more']);
    running = false;
    await Promise.all(lanes);
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(atKill);
    expect(retries).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('ends its own nats-server when the host is killed with SIGKILL, without the parent-death signal', async () => {
    const host = execa(process.execPath, [hostThenDie], { reject: false, stdin: 'ignore', buffer: false, env: { [NO_DEATH_SIGNAL_ENV]: '1' } });
    let pids: { plugin: number; server: number } | undefined;
    try {
      const started = await new Promise<{ plugin: number; server: number }>((resolve, reject) => {
        host.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as { plugin: number; server: number }));
        void host.then((result) => reject(new Error(`host ended early: ${String(result.stderr)}`)));
      });
      pids = started;
      expect(isRunning(started.server)).toBe(true);
      host.kill('SIGKILL');
      await host;
      expect(await waitUntilGone(started.server, 10_000), `nats-server ${started.server} outlived its host`).toBe(true);
      expect(await waitUntilGone(started.plugin, 10_000), `plugin ${started.plugin} outlived its host`).toBe(true);
    } finally {
      host.kill('SIGKILL');
      for (const pid of [pids?.plugin, pids?.server]) if (pid !== undefined && isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
