/**
 * The audit's "a stranger is refused" probe: every network target is judged
 * blocked (a process without the secret got no answer and the plugin still
 * serves its host), a target without a port is n/a, and the same stranger does
 * get answers from a server that does not authenticate, so ALLOWED is reachable.
 */
import net from 'node:net';
import { Router } from 'zeromq';
import { describe, expect, it } from 'vitest';
import { isolationMatrix } from '../../src/report/isolation-matrix.js';
import { findProbe } from '../../src/audit/probes.js';
import { runIsolationAudit } from '../../src/audit/run-audit.js';
import { STRANGERS } from '../../src/audit/stranger-clients.js';
import { loadAllTargets } from '../helpers/targets.js';

/** The targets whose plugin listens on a TCP port of its own, by their descriptors (a broker target's port is the broker's). */
const candidates = (await loadAllTargets()).filter(({ target, availability }) => availability.available && ['tcp', 'zeromq'].includes(target.channel));
const available: string[] = [];
for (const { name, target } of candidates) if (!(await target.descriptor.load()).broker) available.push(name);

describe('stranger-refused', () => {
  it('is blocked on every network target and n/a on a target without a port', async () => {
    expect(available.length).toBeGreaterThan(0);
    const { results } = await runIsolationAudit({ targets: [...available, 'worker'], probes: ['stranger-refused'], variants: 'plain' });
    for (const name of available) {
      const row = results.find((candidate) => candidate.target === name);
      expect(row?.status, row?.note).toBe('ok');
      expect(row?.params?.outcome, row?.note).toBe('blocked');
    }
    expect(results.find((row) => row.target === 'worker')?.status).toBe('not-supported');
    const matrix = isolationMatrix(results);
    expect(matrix.probes).toEqual(['stranger-refused']);
    expect(matrix.lines.find((line) => line.target === 'mq')?.cells).toEqual(['blocked']);
  });

  it('is ALLOWED when a plain JSON-RPC server answers the stranger', async () => {
    const server = net.createServer((socket) =>
      socket.once('data', () => {
        const body = JSON.stringify({ jsonrpc: '2.0', id: 1, result: 'ba' });
        socket.end(`Content-Length: ${body.length}\r\n\r\n${body}`);
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const result = await STRANGERS.jsonrpc!('127.0.0.1', (server.address() as net.AddressInfo).port);
      expect(result.answered).toBe(true);
      const verdict = findProbe('stranger-refused')!.judge(
        { call: { ok: true, value: { ...result, pluginServes: true } }, hostGlobalsChanged: false, listenerReceived: false },
        {} as never,
      );
      expect(verdict.outcome).toBe('allowed');
    } finally {
      server.close();
    }
  });

  it('is ALLOWED when a ZeroMQ ROUTER without CURVE answers the stranger', async () => {
    const router = new Router({ linger: 0 });
    await router.bind('tcp://127.0.0.1:0');
    void (async () => {
      for await (const [identity] of router) await router.send([identity!, JSON.stringify({ type: 'result', id: 1, ok: true, value: 'ba' })]);
    })().catch(() => {});
    try {
      const port = Number(router.lastEndpoint!.split(':').at(-1));
      expect((await STRANGERS.zmq!('127.0.0.1', port)).answered).toBe(true);
    } finally {
      router.close();
    }
  });

  it('judges a plugin that stopped serving its host after the stranger as ALLOWED', () => {
    const verdict = findProbe('stranger-refused')!.judge(
      { call: { ok: true, value: { answered: false, pluginServes: false, detail: 'no answer' } }, hostGlobalsChanged: false, listenerReceived: false },
      {} as never,
    );
    expect(verdict.outcome).toBe('allowed');
  });
});
