/**
 * One plugin instance: a Node child process that serves the plugin on the broker
 * (plugin-entry.ts), started with the shared process lifecycle, so it gets the
 * magic cookie, the stdin lifeline, the parent-death signal and the sandbox.
 */
import { randomBytes } from 'node:crypto';
import type { ConnectionHost } from '../../src/core/connection.js';
import { builtSibling, sampleJsPlugin } from '../../src/core/runtime-paths.js';
import type { BrokerOptions, StartOptions } from '../../src/core/transport.js';
import { nodeRunnerSpec } from '../process/node-runner-spec.js';
import { brokerEnv } from './broker-config.js';
import { awaitHandshake, forwardStdout, spawnChild, type ChildProcess } from './child-process.js';
import { INSTANCE_ENV } from './plugin-entry-env.js';

export interface StartedInstance {
  readonly id: string;
  readonly child: ChildProcess;
  /** The server it connected to, as its handshake said. */
  readonly server: string;
}

export async function startInstance(broker: BrokerOptions, options: StartOptions, host: ConnectionHost, timeoutMs: number): Promise<StartedInstance> {
  const id = randomBytes(6).toString('hex');
  const spec = nodeRunnerSpec(builtSibling(import.meta.url, './plugin-entry.js'), options, sampleJsPlugin(), broker.credsFile ? [broker.credsFile] : []);
  const began = performance.now();
  const child = await spawnChild(
    { ...spec, name: host.target, env: { ...spec.env, ...brokerEnv(broker), [INSTANCE_ENV]: id }, onStderrLine: (line) => host.event({ type: 'stderr', line }) },
    'is Node on PATH?',
  );
  host.event({ type: 'step', name: 'spawn', ms: performance.now() - began, detail: `pid ${child.process.pid}: instance ${id}` });
  const handshake = await awaitHandshake(child, 'nats', timeoutMs, options.signal);
  host.event({ type: 'step', name: 'handshake', ms: performance.now() - began, detail: `${handshake.line} (serving in queue group on ${handshake.handshake.address})` });
  forwardStdout(child.process, handshake, (line) => host.event({ type: 'stderr', line }));
  return { id, child, server: handshake.handshake.address };
}
