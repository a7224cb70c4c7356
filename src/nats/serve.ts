/**
 * `plugbench serve <target> --nats URL`: one plugin instance serving the
 * target's plugin on a broker until the signal aborts (SIGTERM, Ctrl-C); then
 * it stops taking calls, finishes those in flight, and exits. It runs under a
 * supervisor, so a crashed instance is restarted and the fleet keeps its size.
 */
import { PluginError } from '../core/errors.js';
import { createHostFunctions } from '../core/host-api.js';
import { Supervisor } from '../core/supervisor.js';
import type { BrokerOptions } from '../core/transport.js';
import { loadTarget } from '../targets/load-target.js';
import { findTarget } from '../../transports/catalog.js';
import { brokerTargets } from './broker-targets.js';

export interface ServeOptions {
  target: string;
  broker: BrokerOptions;
  pluginPath?: string;
  /** Aborting it stops the instance (drain, then exit). */
  signal: AbortSignal;
  narrate?: (line: string) => void;
}

export interface ServeResult {
  target: string;
  url: string;
  /** Instances started: 1 plus restarts after crashes. */
  instances: number;
  pids: number[];
}

export async function serveOnBroker(options: ServeOptions): Promise<ServeResult> {
  const say = options.narrate ?? (() => {});
  const entry = findTarget(options.target);
  if (entry && !(await entry.descriptor.load()).broker) {
    throw new PluginError('INVALID_INPUT', `target "${options.target}" does not serve through a broker; serve one of: ${(await brokerTargets()).join(', ')}`);
  }
  const target = await loadTarget(options.target);
  // Imported here, not at the top: every command module is loaded to list commands, and this is transport code.
  const { displayUrl } = await import('../../transports/nats/broker-config.js');
  const url = displayUrl(options.broker.url);
  const pids: number[] = [];
  const supervisor = await Supervisor.start(
    target,
    { broker: options.broker, hostFunctions: createHostFunctions(), ...(options.pluginPath ? { pluginPath: options.pluginPath } : {}) },
    {
      onEvent: (event) => {
        if (event.type === 'started' && event.pid !== undefined) pids.push(event.pid);
        if (event.type === 'crashed') say(`instance crashed (${event.message}); restarting`);
        if (event.type === 'gave-up') say(event.message);
      },
    },
  );
  try {
    say(`serving ${options.target}: instance pid ${supervisor.pid} on ${url}, in the service's queue group; SIGTERM or Ctrl-C drains and stops it`);
    await Promise.race([
      new Promise((resolve) => (options.signal.aborted ? resolve(null) : options.signal.addEventListener('abort', resolve, { once: true }))),
      supervisor.exited,
    ]);
    say('stopping: finishing the calls in flight');
  } finally {
    await supervisor.stop();
  }
  say('stopped');
  return { target: options.target, url, instances: pids.length, pids };
}
