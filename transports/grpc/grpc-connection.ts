/**
 * The host end of a gRPC plugin process (Node or Python): the process helper, a
 * grpc-js client on the handshake's address (TCP or a Unix socket), the standard health service for
 * ping, and one HostCalls stream that carries callbacks. A call carries the
 * runner's deadline as its gRPC deadline, and is cancelled when the runner gives it up.
 */
import * as grpc from '@grpc/grpc-js';
import type { CallContext, Connection, OpenConnection } from '../../src/core/connection.js';
import { PluginError } from '../../src/core/errors.js';
import { checkPluginLoad } from '../../src/core/plugin-load.js';
import type { SpecFor } from '../process/node-runner-spec.js';
import { stepBudgetMs, type RunningPlugin } from '../process/plugin-process.js';
import { hostCredentials, makeTlsPair, TLS_CHANNEL_OPTIONS } from '../auth/grpc-tls.js';
import { openWithSecret } from '../auth/open-with-secret.js';
import { fromServiceError, parseJson } from './grpc-errors.js';
import { openHostCalls } from './host-calls-client.js';
import { LOAD_METADATA, refuseLongMethodName } from './metadata-bounds.js';
import { CHANNEL_OPTIONS, loadProtos, type InvokeReply, type RevertReply } from './revert-proto.js';

type Callback = (error: grpc.ServiceError | null, reply: any) => void;
type Unary = (request: unknown, ...rest: [Callback] | [grpc.CallOptions, Callback]) => grpc.ClientUnaryCall;

/** Typed RPCs for the contract's methods; every other method goes through Invoke as JSON. */
const TYPED_METHODS: Record<string, string> = { revert: 'Revert', revertWithPrefix: 'RevertWithPrefix' };

/** Opens a gRPC plugin process started from `spec`. */
export function openGrpc(spec: SpecFor): OpenConnection {
  return openWithSecret(makeTlsPair, spec, { protocol: 'grpc' }, async (plugin, request, tls) => {
    const { host } = request;
    const began = performance.now();
    const { network, address: announced } = plugin.handshake.handshake;
    const address = network === 'unix' ? `unix:${announced}` : announced;
    plugin.forwardStdout();
    const { Client, HealthClient } = loadProtos();
    // mTLS: the plugin admits only the certificate this start made for the host.
    const client = new Client(address, hostCredentials(tls), { ...CHANNEL_OPTIONS, ...TLS_CHANNEL_OPTIONS });
    // The health client shares the connection instead of opening a second one.
    const health = new HealthClient(address, hostCredentials(tls), { channelOverride: client.getChannel() });
    try {
      const ready = new Promise<void>((resolve, reject) =>
        client.waitForReady(Date.now() + stepBudgetMs(request), (error) =>
          error ? reject(new PluginError('START_FAILED', `${host.target}: cannot connect to gRPC at ${address}: ${error.message}`)) : resolve(),
        ),
      );
      await plugin.whileAlive(ready, 'gRPC answered');
    } catch (error) {
      client.close();
      throw error;
    }
    const hostCalls = openHostCalls(client, host);
    host.event({ type: 'step', name: 'connect', ms: performance.now() - began, detail: `gRPC over mTLS at ${address}, with grpc.health.v1 and a HostCalls stream` });
    return grpcConnection(plugin, client, health, hostCalls);
  });
}

function grpcConnection(plugin: RunningPlugin, client: grpc.Client, health: grpc.Client, hostCalls: { cancel(): void }): Connection {
  const failed = (error: unknown): Promise<never> => {
    const typed = fromServiceError(error);
    // UNAVAILABLE: the connection dropped under the call, almost always the plugin dying.
    return typed.code === 'CRASHED' ? plugin.afterChannelLoss(typed) : Promise.reject(typed);
  };
  const textOf = (reply: RevertReply) => reply.text;
  return {
    pid: plugin.pid,
    send: (method, args, call) => {
      const typed = Object.hasOwn(TYPED_METHODS, method) ? TYPED_METHODS[method] : undefined;
      if (typed) return unary(client, typed, { text: args[0], depth: call.depth }, call).then(textOf, failed);
      refuseLongMethodName(method);
      return unary(client, 'Invoke', { method, args_json: JSON.stringify(args), depth: call.depth }, call).then(
        (reply: InvokeReply) => parseJson(reply.value_json, `${method} result`),
        failed,
      );
    },
    ping: (timeoutMs) => checkHealth(health, timeoutMs),
    close: async () => {
      try {
        await plugin.stop(() => unary(client, 'Exit', {}));
      } finally {
        hostCalls.cancel();
        client.close();
      }
    },
  };
}

/**
 * One unary call. `call.timeoutMs` becomes the gRPC deadline, so the plugin
 * learns it too; when the runner gives the call up, the call is cancelled.
 */
function unary(client: grpc.Client, rpc: string, request: unknown, call?: Pick<CallContext, 'timeoutMs'> & Partial<Pick<CallContext, 'onGiveUp'>>): Promise<any> {
  return new Promise((resolve, reject) => {
    const method = (client as unknown as Record<string, Unary>)[rpc]!;
    const done: Callback = (error, reply) => (error ? reject(error) : resolve(reply));
    const timeoutMs = call?.timeoutMs;
    const pending = timeoutMs === undefined ? method.call(client, request, done) : method.call(client, request, { deadline: Date.now() + timeoutMs }, done);
    call?.onGiveUp?.(() => pending.cancel());
  });
}

/**
 * grpc.health.v1 Check for the whole server. A plugin that reports its load (the
 * Python one, in the `plugbench-load` trailer) gets it checked: degraded fails the
 * check even before the status says NOT_SERVING.
 */
function checkHealth(health: grpc.Client, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let reply: { status: string } | undefined;
    let trailers: grpc.Metadata | undefined;
    // The reply and the trailers come apart (callback, then 'status'): judge once both are in.
    const judge = () => {
      if (!reply || !trailers) return;
      try {
        const [load] = trailers.get(LOAD_METADATA);
        const detail = checkPluginLoad(typeof load === 'string' ? parseJson(load, 'plugin load') : undefined);
        if (reply.status !== 'SERVING') throw new PluginError('PLUGIN_ERROR', `health service says ${reply.status}`);
        resolve(detail);
      } catch (error) {
        reject(error);
      }
    };
    const call = (health as unknown as Record<string, Unary>).Check!.call(health, { service: '' }, { deadline: Date.now() + timeoutMs }, (error, answer) => {
      if (error) return reject(error);
      reply = answer;
      judge();
    });
    call.on('status', (status: grpc.StatusObject) => {
      trailers = status.metadata;
      judge();
    });
  });
}
