/**
 * The plugin end of a JSON-RPC channel in a Node plugin process: answers the
 * host's calls with the plugin's dispatcher and sends `host/call` requests back
 * over the same connection, so callbacks run while the host awaits the plugin.
 */
import { createMessageConnection, type CancellationToken, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { Readable, Writable } from 'node:stream';
import { PluginError } from '../../src/core/errors.js';
import type { HostCaller } from '../../src/core/plugin-dispatcher.js';
import type { NodeRunner } from '../process/node-runner.js';
import { LossReportingWriter } from './loss-reporting-writer.js';
import { fromResponseError, toResponseError } from './rpc-errors.js';
import { readCallParams } from '../../src/core/plugin/call-params.js';
import { PeerMessageReader } from './peer-message-reader.js';
import { EXIT_METHOD, HOST_CALL_METHOD, PING_METHOD, type HostCallParams } from './rpc-methods.js';

export interface JsonRpcPluginChannel {
  input: Readable;
  output: Writable;
}

/** A HostCaller whose connection is attached later (the runner needs it before the channel exists). */
export function createLateHostCaller(): { hostCall: HostCaller; attach(connection: MessageConnection): void } {
  let connection: MessageConnection | undefined;
  return {
    attach: (value) => (connection = value),
    hostCall: async (name, args, depth) => {
      if (!connection) throw new Error('host connection is not ready');
      const params: HostCallParams = { name, args, depth };
      return connection.sendRequest(HOST_CALL_METHOD, params).catch((error: unknown) => {
        throw fromResponseError(error, 'HOST_ERROR');
      });
    },
  };
}

/** Serves `runner` on the channel; the process exits when the channel closes (the host is gone). */
export function serveJsonRpc(runner: NodeRunner, channel: JsonRpcPluginChannel, attach: (connection: MessageConnection) => void): MessageConnection {
  // A write that fails means the host is gone: leave like on a closed channel, not by an unhandled rejection.
  const writer = new LossReportingWriter(channel.output, () => process.exit(0));
  // A peer's malformed message is answered here with the protocol's error; the plugin keeps serving.
  const reader = new PeerMessageReader(channel.input, (response) => void writer.write(response), (line) => process.stderr.write(`plugin: ${line}\n`));
  const connection = createMessageConnection(reader, writer);
  attach(connection);
  connection.onRequest(PING_METHOD, () => null);
  connection.onRequest(async (method: string, params: unknown, token: CancellationToken) => {
    try {
      const call = readCallParams(method, params);
      // `exit` runs the contract's exit and answers; the process ends when the host then closes stdin.
      if (method === EXIT_METHOD) {
        await runner.dispatch(EXIT_METHOD, [], 1).catch(() => {});
        return null;
      }
      return (await untilCancelled(() => runner.dispatch(method, call.args, call.depth), token)) ?? null;
    } catch (error) {
      throw toResponseError(error);
    }
  });
  // Only bytes that can no longer be framed get here: the channel is beyond repair, so say why and leave.
  reader.onError((error) => {
    process.stderr.write(`plugin: closing the channel: ${error.message}\n`);
    process.exit(3);
  });
  reader.onClose(() => process.exit(0));
  connection.listen();
  return connection;
}

/**
 * The host gave the call up (`$/cancelRequest`): answer CANCELLED at once rather
 * than hold its id open until the plugin returns, or skip a call not yet begun.
 * A running JavaScript call cannot be interrupted; what it returns later is dropped.
 */
function untilCancelled<T>(work: () => Promise<T>, token: CancellationToken): Promise<T> {
  // Cancelled while it was queued: vscode-jsonrpc hands over a token that never fires, and the work is skipped.
  if (token.isCancellationRequested) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const listening = token.onCancellationRequested(() => reject(cancelled()));
    work().then(
      (value) => {
        listening.dispose();
        resolve(value);
      },
      (error: unknown) => {
        listening.dispose();
        reject(error);
      },
    );
  });
}

function cancelled(): PluginError {
  return new PluginError('CANCELLED', 'the host gave the call up');
}
