/**
 * A three-node NATS cluster on loopback: plugin instances on two nodes, the host
 * on the third. Calls cross the cluster, the survey sees every instance, and
 * killing a node keeps the service answering through the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revertText } from '../../../src/core/contract.js';
import { createHostFunctions } from '../../../src/core/host-api.js';
import type { PluginHandle } from '../../../src/core/transport.js';
import type { NatsServer } from '../../../transports/nats/nats-server.js';
import { findNatsServer } from '../../../transports/nats/find-nats-server.js';
import { startCluster, surveyUntil } from '../../helpers/nats.js';
import { isRunning } from '../../helpers/process.js';
import { loadTarget } from '../../helpers/targets.js';

describe.skipIf(!findNatsServer())('nats on a three-node cluster', () => {
  const servers: NatsServer[] = [];
  const handles: PluginHandle[] = [];
  let nodes: NatsServer[];
  let client: PluginHandle;

  beforeAll(async () => {
    nodes = await startCluster(3, servers);
    const target = await loadTarget('nats');
    for (const node of nodes.slice(0, 2)) handles.push(await target.start({ broker: { url: node.url } }));
    client = await target.start({ endpoint: nodes[2]!.url, hostFunctions: createHostFunctions({ config: { prefix: '>> ' } }) });
    handles.push(client);
    expect((await surveyUntil(nodes[2]!.url, 2)).instances.length).toBe(2);
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled(handles.map((handle) => handle.stop()));
    await Promise.allSettled(servers.map((server) => server.stop()));
    for (const server of servers) expect(isRunning(server.pid)).toBe(false);
  }, 30_000);

  it('serves calls from a host on the third node, with callbacks back to that host', async () => {
    const inputs = Array.from({ length: 40 }, (_, i) => `cluster call ${i} 😀`);
    expect(await Promise.all(inputs.map((text) => client.call('revert', [text])))).toEqual(inputs.map(revertText));
    expect(await client.call('revertWithPrefix', ['abc'])).toBe('>> cba');
  });

  it('is seen whole by one survey through any node: every instance, with the calls each served', async () => {
    const survey = await surveyUntil(nodes[2]!.url, 2);
    expect(survey.instances.map((answer) => answer.pid).sort()).toEqual(handles.slice(0, 2).map((handle) => handle.pid).sort());
    const served = survey.instances.map((answer) => answer.requests ?? 0);
    expect(served.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(41);
    expect(served.every((count) => count > 0)).toBe(true);
  });

  it('keeps answering, without a failed call, when the node of one instance is killed under load', async () => {
    let running = true;
    const failures: unknown[] = [];
    let answered = 0;
    const lane = async (lane: number) => {
      for (let i = 0; running; i++) {
        const text = `lane ${lane} call ${i}`;
        await client.call('revert', [text], { timeoutMs: 10_000 }).then(
          (output) => (output === revertText(text) ? answered++ : failures.push(output)),
          (error: unknown) => failures.push(error),
        );
      }
    };
    const lanes = Array.from({ length: 8 }, (_, i) => lane(i));
    const before = answered;
    await client.call('revert', ['warm']);
    process.kill(nodes[0]!.pid, 'SIGKILL');
    await nodes[0]!.exited;
    const atKill = answered;
    // Calls made after the kill are answered by the instance on the surviving node.
    for (let i = 0; i < 20; i++) expect(await client.call('revert', [`after ${i}`], { timeoutMs: 10_000 })).toBe(revertText(`after ${i}`));
    running = false;
    await Promise.all(lanes);
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(atKill);
    expect(atKill).toBeGreaterThanOrEqual(before);
  }, 60_000);
});
