/**
 * The host end of a JSON-RPC plugin process (Node or Python, over stdio or
 * TCP): the shared process lifecycle plus a vscode-jsonrpc connection with
 * requests in both directions. The handshake's network picks the channel.
 */
import { createMessageConnection, ResponseError, type MessageConnection, type MessageReader, type MessageWriter } from 'vscode-jsonrpc/node.js';
import type { InvokeContext } from '../../src/core/base-handle.js';
import type { StartOptions } from '../../src/core/transport.js';
import { connectTcp } from '../process/connect-tcp.js';
import { forwardStdout } from '../process/forward-stdout.js';
import type { HandshakeNetwork } from '../process/handshake.js';
import { ProcessPluginHandle } from '../process/process-handle.js';
import type { HandshakeResult } from '../process/read-handshake.js';
import type { PluginProcess, ProcessSpec } from '../process/spawn-plugin.js';
import { fromResponseError, toResponseError } from './rpc-errors.js';
import { EXIT_METHOD, HOST_CALL_METHOD, isHostCallParams, PING_METHOD, type CallParams } from './rpc-methods.js';
import { LossReportingWriter } from './loss-reporting-writer.js';
import { isProtocolViolation, StrictMessageReader } from './strict-message-reader.js';

interface RpcChannel {
  reader: MessageReader;
  writer: MessageWriter;
  detail: string;
  close(): void;
}

interface ChannelHooks {
  /** A line the plugin printed on stdout when stdout is not the channel. */
  onStdoutLine(line: string): void;
  /** A write failed: the channel is gone (the plugin died, most likely). */
  onWriteLost(error: Error): void;
}

type ChannelOpener = (plugin: PluginProcess, result: HandshakeResult, timeoutMs: number, hooks: ChannelHooks) => Promise<RpcChannel>;

/** How to reach the plugin, by the network its handshake announced. */
const CHANNELS: Partial<Record<HandshakeNetwork, ChannelOpener>> = {
  stdio: async (plugin, result, _timeoutMs, hooks) => ({
    reader: new StrictMessageReader(plugin.stdout, result.rest),
    writer: new LossReportingWriter(plugin.stdin, hooks.onWriteLost),
    detail: 'JSON-RPC over the plugin stdin/stdout',
    close: () => {},
  }),
  tcp: async (plugin, result, timeoutMs, hooks) => {
    forwardStdout(plugin, result, hooks.onStdoutLine);
    const socket = await connectTcp(result.handshake.address, timeoutMs);
    return {
      reader: new StrictMessageReader(socket),
      writer: new LossReportingWriter(socket, hooks.onWriteLost),
      detail: `JSON-RPC over TCP ${result.handshake.address}`,
      close: () => socket.destroy(),
    };
  },
};

export class JsonRpcHandle extends ProcessPluginHandle {
  #connection: MessageConnection | undefined;
  #channel: RpcChannel | undefined;

  /** Spawns `spec`, reads its handshake, connects, and returns the running handle. */
  static async open(target: string, spec: Omit<ProcessSpec, 'name' | 'onStderrLine'>, options: StartOptions): Promise<JsonRpcHandle> {
    const handle = new JsonRpcHandle(target, options);
    await handle.startProcess(spec, { protocol: 'jsonrpc' });
    return handle;
  }

  protected async invoke(method: string, args: unknown[], context: InvokeContext): Promise<unknown> {
    const params: CallParams = { args, depth: context.depth };
    try {
      return await this.connection.sendRequest(method, params);
    } catch (error) {
      // Not an answer from the plugin: the connection closed under the call (the plugin is dying).
      if (!(error instanceof ResponseError)) return this.whenChannelLost(fromResponseError(error));
      throw fromResponseError(error);
    }
  }

  protected async ping(): Promise<void> {
    await this.connection.sendRequest(PING_METHOD);
  }

  protected requestExit(): Promise<unknown> {
    return this.connection.sendRequest(EXIT_METHOD, { args: [], depth: 1 } satisfies CallParams);
  }

  protected override closeChannel(): void {
    this.#connection?.dispose();
    this.#channel?.close();
  }

  private get connection(): MessageConnection {
    if (!this.#connection) throw new Error(`${this.target}: not connected`);
    return this.#connection;
  }

  protected override async connect(result: HandshakeResult): Promise<void> {
    const began = performance.now();
    const open = CHANNELS[result.handshake.network];
    if (!open) throw new Error(`${this.target}: cannot speak JSON-RPC over ${result.handshake.network}`);
    const remaining = Math.max(1, this.startTimeoutMs - this.startElapsedMs);
    const channel = await open(this.process, result, remaining, {
      onStdoutLine: (line) => this.emit({ type: 'stderr', line }),
      onWriteLost: (error) => this.loseChannel(`writing to the plugin failed: ${error.message}`),
    });
    this.#channel = channel;
    const connection = createMessageConnection(channel.reader, channel.writer);
    this.#connection = connection;
    channel.reader.onError((error) =>
      isProtocolViolation(error) ? this.failProtocol(error.message) : this.loseChannel(`reading from the plugin failed: ${error.message}`),
    );
    channel.reader.onClose(() => this.loseChannel('the plugin closed its channel'));
    connection.onRequest(HOST_CALL_METHOD, async (params: unknown) => {
      if (!isHostCallParams(params)) throw toResponseError(new Error('host/call needs {name, args, depth}'), 'INVALID_INPUT');
      try {
        return (await this.handleHostCall(params.name, params.args, params.depth)) ?? null;
      } catch (error) {
        throw toResponseError(error, 'HOST_ERROR');
      }
    });
    connection.listen();
    this.recordStep('connect', performance.now() - began, channel.detail);
  }
}
