/**
 * The nats plugin process (Node): loads the plugin module the host names,
 * connects to the NATS server in its environment and serves the plugin there
 * as a service (serve-service.ts), then announces itself with the handshake
 * line. Refuses to run without the host's magic cookie; exits when its host's
 * lifeline (stdin) closes; on SIGTERM, or `exit` from its host, it stops taking
 * calls, finishes those in flight, and exits.
 */
import path from 'node:path';
import { toPluginError } from '../../src/core/errors.js';
import { createDispatcher } from '../../src/core/plugin-dispatcher.js';
import { brokerFromEnv, clientConfig } from './broker-config.js';
import { connectNats } from './nats-client.js';
import { INSTANCE_ENV } from './plugin-entry-env.js';
import { serveRevert, type RevertService } from './serve-service.js';
import { formatHandshake } from '../process/handshake.js';
import { CRASH_EXIT_CODE, exitWhenStdinCloses, startNodeRunner } from '../process/node-runner.js';
import { FAULT_INJECTION_ENV, PLUGIN_PATH_ENV } from '../process/runner-env.js';

/** How long a stopping instance waits for the calls it is serving. */
const DRAIN_TIMEOUT_MS = 5_000;

const fail = (why: string): never => {
  process.stderr.write(`nats plugin: ${why}\n`);
  process.exit(1);
};

const garbage = () => void process.stdout.write('garbage that is not the protocol\n');
let served: RevertService | undefined;
let leaving = false;

/** Drain, run the plugin's exit(), leave; once. */
function leave(runExit: () => Promise<unknown>): void {
  if (leaving) return;
  leaving = true;
  void (served?.drain(DRAIN_TIMEOUT_MS) ?? Promise.resolve())
    .catch(() => {})
    .then(runExit)
    .catch(() => {})
    .finally(() => process.exit(0));
}

try {
  const runner = await startNodeRunner(async () => null, garbage);
  exitWhenStdinCloses();
  const broker = brokerFromEnv() ?? fail('PLUGBENCH_NATS_URL is not set: the host must name the NATS server');
  const instance = process.env[INSTANCE_ENV] ?? fail(`${INSTANCE_ENV} is not set: the host must name this instance`);
  const nc = await connectNats(clientConfig(broker), { name: `plugbench plugin ${instance}`, reconnect: true, timeoutMs: 10_000 });
  void nc.closed().then((error) => leaving || fail(`the NATS connection closed${error ? `: ${error.message}` : ''}`));
  const faults = { crash: () => process.exit(CRASH_EXIT_CODE), garbage };
  const faultInjection = process.env[FAULT_INJECTION_ENV] === '1';
  served = await serveRevert(nc, {
    instance,
    plugin: path.basename(process.env[PLUGIN_PATH_ENV] ?? ''),
    dispatcher: (hostCall) => createDispatcher(runner.plugin, { hostCall, faultInjection, faults }),
    onExit: () => leave(() => runner.dispatch('exit', [], 1)),
  });
  process.once('SIGTERM', () => leave(() => runner.dispatch('exit', [], 1)));
  const server = nc.getServer().replace(/^nats:\/\//, '');
  process.stdout.write(formatHandshake({ network: 'tcp', address: server, protocol: 'nats' }) + '\n');
} catch (error) {
  fail(`failed to start: ${toPluginError(error, 'START_FAILED').message}`);
}
