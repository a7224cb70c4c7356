/**
 * The host end of a JSON-RPC plugin process (Node or Python, over stdio, TCP or a Unix socket):
 * the process helper, then a vscode-jsonrpc connection with requests in both
 * directions. The handshake's network picks the channel. A call the runner
 * gives up is cancelled with `$/cancelRequest` (vscode-jsonrpc's CancellationToken).
 */
import { createMessageConnection, ResponseError, type CancellationToken, type Disposable, type MessageConnection, type MessageReader, type MessageWriter } from 'vscode-jsonrpc/node.js';
import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import type { CallContext, Connection, ConnectionHost, OpenConnection } from '../../src/core/connection.js';
import { checkPluginLoad } from '../../src/core/plugin-load.js';
import { connectTcp, connectUnix } from '../process/connect-tcp.js';
import type { HandshakeNetwork } from '../process/handshake.js';
import type { SpecFor } from '../process/node-runner-spec.js';
import { stepBudgetMs, type RunningPlugin } from '../process/plugin-process.js';
import { openWithSecret } from '../auth/open-with-secret.js';
import { makeSecretEnv } from '../auth/plugin-secret.js';
import { sendTokenPreamble } from '../auth/token-preamble.js';
import { LossReportingWriter } from './loss-reporting-writer.js';
import { fromResponseError, toResponseError } from './rpc-errors.js';
import { EXIT_METHOD, HOST_CALL_METHOD, isHostCallParams, PING_METHOD, type CallParams } from './rpc-methods.js';
import { isProtocolViolation, StrictMessageReader } from './strict-message-reader.js';

interface RpcChannel {
  reader: MessageReader;
  writer: MessageWriter;
  detail: string;
  close(): void;
}

type ChannelOpener = (plugin: RunningPlugin, timeoutMs: number, secret: string) => Promise<RpcChannel>;

/** How to reach the plugin, by the network its handshake announced. */
const CHANNELS: Partial<Record<HandshakeNetwork, ChannelOpener>> = {
  stdio: async (plugin) => ({
    reader: new StrictMessageReader(plugin.process.stdout, plugin.handshake.rest),
    writer: lossReporting(plugin, plugin.process.stdin),
    detail: 'JSON-RPC over the plugin stdin/stdout',
    close: () => {},
  }),
  tcp: (plugin, timeoutMs, secret) => overSocket(plugin, connectTcp(plugin.handshake.handshake.address, timeoutMs), 'TCP', secret),
  unix: (plugin, timeoutMs, secret) => overSocket(plugin, connectUnix(plugin.handshake.handshake.address, timeoutMs), 'the Unix socket', secret),
};

async function overSocket(plugin: RunningPlugin, connecting: Promise<Socket>, what: string, secret: string): Promise<RpcChannel> {
  plugin.forwardStdout();
  const socket = await connecting;
  // Before any message: the plugin serves only a connection that proves the start's secret.
  sendTokenPreamble(socket, secret);
  const detail = `JSON-RPC over ${what} ${plugin.handshake.handshake.address}, token preamble sent`;
  return { reader: new StrictMessageReader(socket), writer: lossReporting(plugin, socket), detail, close: () => socket.destroy() };
}

function lossReporting(plugin: RunningPlugin, writable: Writable): MessageWriter {
  return new LossReportingWriter(writable, (error) => plugin.channelLost(`writing to the plugin failed: ${error.message}`));
}

/** Opens a JSON-RPC plugin process started from `spec`. */
export function openJsonRpc(spec: SpecFor): OpenConnection {
  return openWithSecret(makeSecretEnv, spec, { protocol: 'jsonrpc' }, async (plugin, request, secret) => {
    const began = performance.now();
    const open = CHANNELS[plugin.handshake.handshake.network];
    if (!open) throw new Error(`${request.host.target}: cannot speak JSON-RPC over ${plugin.handshake.handshake.network}`);
    const channel = await open(plugin, stepBudgetMs(request), secret);
    const rpc = listen(channel, plugin, request.host);
    request.host.event({ type: 'step', name: 'connect', ms: performance.now() - began, detail: channel.detail });
    return jsonRpcConnection(rpc, channel, plugin);
  });
}

function listen(channel: RpcChannel, plugin: RunningPlugin, host: ConnectionHost): MessageConnection {
  const rpc = createMessageConnection(channel.reader, channel.writer);
  channel.reader.onError((error) =>
    isProtocolViolation(error) ? plugin.protocolError(error.message) : plugin.channelLost(`reading from the plugin failed: ${error.message}`),
  );
  channel.reader.onClose(() => plugin.channelLost('the plugin closed its channel'));
  rpc.onRequest(HOST_CALL_METHOD, async (params: unknown) => {
    if (!isHostCallParams(params)) throw toResponseError(new Error('host/call needs {name, args, depth}'), 'INVALID_INPUT');
    try {
      return (await host.hostCall(params.name, params.args, params.depth)) ?? null;
    } catch (error) {
      throw toResponseError(error, 'HOST_ERROR');
    }
  });
  rpc.listen();
  return rpc;
}

function jsonRpcConnection(rpc: MessageConnection, channel: RpcChannel, plugin: RunningPlugin): Connection {
  // Not an answer from the plugin: the connection closed under the call (the plugin is dying).
  const failed = (error: unknown) => (error instanceof ResponseError ? Promise.reject(fromResponseError(error)) : plugin.afterChannelLoss(fromResponseError(error)));
  return {
    pid: plugin.pid,
    send: (method, args, call) => {
      const params: CallParams = { args, depth: call.depth };
      let sent: Promise<unknown>;
      try {
        sent = rpc.sendRequest(method, params, new GiveUpToken(call));
      } catch (error) {
        // vscode-jsonrpc throws at once on a connection its reader already closed.
        return failed(error);
      }
      return sent.then(undefined, failed);
    },
    ping: async () => checkPluginLoad(await rpc.sendRequest(PING_METHOD)),
    close: async () => {
      try {
        await plugin.stop(() => rpc.sendRequest(EXIT_METHOD, { args: [], depth: 1 } satisfies CallParams));
      } finally {
        rpc.dispose();
        channel.close();
      }
    },
  };
}

/**
 * vscode-jsonrpc's CancellationToken over one runner call: when the runner gives
 * the call up, vscode-jsonrpc sends `$/cancelRequest` for it. It is its own
 * Disposable; vscode-jsonrpc disposes it when the request settles, after which
 * giving up sends nothing.
 */
class GiveUpToken implements CancellationToken, Disposable {
  isCancellationRequested = false;
  #done = false;

  constructor(private readonly call: CallContext) {}

  onCancellationRequested(listener: (event: unknown) => unknown): Disposable {
    this.call.onGiveUp(() => {
      if (this.#done) return;
      this.isCancellationRequested = true;
      listener(undefined);
    });
    return this;
  }

  dispose(): void {
    this.#done = true;
  }
}
