/**
 * The tcp-rpc plugin process: serves the revert service and grpc.health.v1 on
 * 127.0.0.1 port 0 (or on a Unix socket in the private folder the host names)
 * over mTLS (only the host's certificate, transports/auth/grpc-tls.ts) and
 * announces the address in its handshake line. Refuses to run without the magic cookie; exits when the host's lifeline (stdin) closes.
 */
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { PluginError } from '../../src/core/errors.js';
import type { Dispatch } from '../../src/core/plugin-dispatcher.js';
import { parseJson, toServiceError } from '../grpc/grpc-errors.js';
import { refuseLongMethodName } from '../grpc/metadata-bounds.js';
import { CHANNEL_OPTIONS, loadRevertProto, type InvokeRequest, type RevertRequest } from '../grpc/revert-proto.js';
import { takePluginServerCredentials } from '../auth/grpc-tls.js';
import { formatHandshake } from '../process/handshake.js';
import { announced, grpcBindTarget, listenAddress } from '../process/listen-address.js';
import { refuseUnlessStartedByHost } from '../process/magic-cookie.js';
import { exitWhenStdinCloses, loadNodePlugin } from '../process/node-runner.js';
import { createHostCallRouter, type HostCallRouter } from './host-call-stream.js';
import { NOT_UTF8, withStrictStrings } from './strict-utf8.js';

type Callback = (error: Partial<grpc.StatusObject> | null, reply?: unknown) => void;

const NOT_UTF8_ERROR = 'a string field of the request is not UTF-8 (a lone surrogate sent as raw bytes?): send well-formed Unicode';

type Run<Req> = (request: Req, dispatch: Dispatch) => Promise<unknown>;

/**
 * A grpc-js unary handler around an async function, with the dispatcher of the
 * connection the call came on (its callbacks go back there); a throw becomes a typed status.
 */
function unary<Req>(router: HostCallRouter, run: Run<Req>) {
  return (call: grpc.ServerUnaryCall<Req, unknown>, callback: Callback) => {
    if ((call.request as Record<symbol, unknown>)[NOT_UTF8]) return callback(toServiceError(new PluginError('INVALID_INPUT', NOT_UTF8_ERROR)));
    run(call.request, router.dispatchFor(call.getPeer())).then(
      (reply) => callback(null, reply),
      (error: unknown) => callback(toServiceError(error)),
    );
  };
}

function serviceFor(router: HostCallRouter): grpc.UntypedServiceImplementation {
  return {
    Revert: unary(router, async ({ text, depth }: RevertRequest, dispatch) => ({ text: await dispatch('revert', [text], depth) })),
    RevertWithPrefix: unary(router, async ({ text, depth }: RevertRequest, dispatch) => ({ text: await dispatch('revertWithPrefix', [text], depth) })),
    Invoke: unary(router, async ({ method, args_json, depth }: InvokeRequest, dispatch) => {
      refuseLongMethodName(method);
      const args = parseJson(args_json, 'arguments');
      const value = await dispatch(method, Array.isArray(args) ? args : [], depth);
      return { value_json: JSON.stringify(value ?? null) };
    }),
    // Runs the contract's exit; the process ends when the host then closes stdin.
    Exit: unary(router, async (_request, dispatch) => {
      await dispatch('exit', [], 1).catch(() => {});
      return {};
    }),
    HostCalls: (stream: any) => router.attach(stream),
  };
}

// Before the plugin module loads: it cannot read the TLS material from process.env.
refuseUnlessStartedByHost();
const credentials = takePluginServerCredentials();
const { dispatcherFor } = await loadNodePlugin();
const router = createHostCallRouter((hostCall) => dispatcherFor(hostCall, () => process.stdout.write('garbage that is not the protocol\n')));
exitWhenStdinCloses();

const server = new grpc.Server(CHANNEL_OPTIONS);
server.addService(withStrictStrings(loadRevertProto().service, ['Revert', 'RevertWithPrefix', 'Invoke']), serviceFor(router));
new HealthImplementation({ '': 'SERVING', 'plugbench.revert.v1.RevertPlugin': 'SERVING' }).addToServer(server);
const address = listenAddress();
server.bindAsync(grpcBindTarget(address), credentials, (error, port) => {
  if (error) {
    process.stderr.write(`cannot listen: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(formatHandshake({ ...announced(address, port), protocol: 'grpc' }) + '\n');
});
