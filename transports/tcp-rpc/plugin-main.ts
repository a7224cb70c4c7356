/**
 * The tcp-rpc plugin process: serves the revert service and grpc.health.v1 on
 * 127.0.0.1 port 0 over mTLS (only the host's certificate, transports/auth/grpc-tls.ts)
 * and announces the address in its handshake line. Refuses to
 * run without the magic cookie; exits when the host's lifeline (stdin) closes.
 */
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { Dispatch } from '../../src/core/plugin-dispatcher.js';
import { parseJson, toServiceError } from '../grpc/grpc-errors.js';
import { CHANNEL_OPTIONS, loadProtos, type InvokeRequest, type RevertRequest } from '../grpc/revert-proto.js';
import { takePluginServerCredentials } from '../auth/grpc-tls.js';
import { formatHandshake } from '../process/handshake.js';
import { refuseUnlessStartedByHost } from '../process/magic-cookie.js';
import { exitWhenStdinCloses, startNodeRunner } from '../process/node-runner.js';
import { createHostCallStream } from './host-call-stream.js';

type Callback = (error: Partial<grpc.StatusObject> | null, reply?: unknown) => void;

/** A grpc-js unary handler around an async function; a throw becomes a typed status. */
function unary<Req>(run: (request: Req) => Promise<unknown>) {
  return (call: grpc.ServerUnaryCall<Req, unknown>, callback: Callback) => {
    run(call.request).then(
      (reply) => callback(null, reply),
      (error: unknown) => callback(toServiceError(error)),
    );
  };
}

function serviceFor(dispatch: Dispatch, attachHostCalls: (stream: any) => void): grpc.UntypedServiceImplementation {
  return {
    Revert: unary(async ({ text, depth }: RevertRequest) => ({ text: await dispatch('revert', [text], depth) })),
    RevertWithPrefix: unary(async ({ text, depth }: RevertRequest) => ({ text: await dispatch('revertWithPrefix', [text], depth) })),
    Invoke: unary(async ({ method, args_json, depth }: InvokeRequest) => {
      const args = parseJson(args_json, 'arguments');
      const value = await dispatch(method, Array.isArray(args) ? args : [], depth);
      return { value_json: JSON.stringify(value ?? null) };
    }),
    // Runs the contract's exit; the process ends when the host then closes stdin.
    Exit: unary(async () => {
      await dispatch('exit', [], 1).catch(() => {});
      return {};
    }),
    HostCalls: attachHostCalls,
  };
}

// Before the plugin module loads: it cannot read the TLS material from process.env.
refuseUnlessStartedByHost();
const credentials = takePluginServerCredentials();
const hostCalls = createHostCallStream();
const runner = await startNodeRunner(hostCalls.hostCall, () => process.stdout.write('garbage that is not the protocol\n'));
exitWhenStdinCloses();

const server = new grpc.Server(CHANNEL_OPTIONS);
server.addService(loadProtos().service, serviceFor(runner.dispatch, (stream) => hostCalls.attach(stream)));
new HealthImplementation({ '': 'SERVING', 'plugbench.revert.v1.RevertPlugin': 'SERVING' }).addToServer(server);
server.bindAsync('127.0.0.1:0', credentials, (error, port) => {
  if (error) {
    process.stderr.write(`cannot listen: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(formatHandshake({ network: 'tcp', address: `127.0.0.1:${port}`, protocol: 'grpc' }) + '\n');
});
