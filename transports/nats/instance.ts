/**
 * One plugin instance: a Node child process that serves the plugin on the broker
 * (plugin-entry.ts), started with the shared process lifecycle
 * (transports/process/plugin-process.ts), so it gets the magic cookie, the stdin
 * lifeline, the parent-death signal, the sandbox, and its exit reported to the runner.
 */
import { randomBytes } from 'node:crypto';
import type { OpenRequest } from '../../src/core/connection.js';
import { builtSibling, sampleJsPlugin } from '../../src/core/runtime-paths.js';
import type { BrokerOptions } from '../../src/core/transport.js';
import { nodeRunnerSpec } from '../process/node-runner-spec.js';
import { startPluginProcess, type RunningPlugin } from '../process/plugin-process.js';
import { brokerEnv } from './broker-config.js';
import { INSTANCE_ENV } from './plugin-entry-env.js';

export interface StartedInstance {
  readonly id: string;
  readonly plugin: RunningPlugin;
}

export async function startInstance(broker: BrokerOptions, request: OpenRequest): Promise<StartedInstance> {
  const id = randomBytes(6).toString('hex');
  const spec = nodeRunnerSpec(builtSibling(import.meta.url, './plugin-entry.js'), request.options, sampleJsPlugin(), broker.credsFile ? [broker.credsFile] : []);
  const plugin = await startPluginProcess({ ...spec, env: { ...spec.env, ...brokerEnv(broker), [INSTANCE_ENV]: id } }, { protocol: 'nats' }, request);
  plugin.forwardStdout();
  return { id, plugin };
}
