/**
 * The host end of a gRPC plugin process (Node or Python): the shared process
 * lifecycle, a grpc-js client on the handshake's address, the standard health
 * service for health(), and one HostCalls stream that carries callbacks.
 */
import * as grpc from '@grpc/grpc-js';
import type { InvokeContext } from '../../src/core/base-handle.js';
import { PluginError, serializeError, toPluginError } from '../../src/core/errors.js';
import type { StartOptions } from '../../src/core/transport.js';
import { forwardStdout } from '../process/forward-stdout.js';
import { ProcessPluginHandle } from '../process/process-handle.js';
import type { HandshakeResult } from '../process/read-handshake.js';
import type { ProcessSpec } from '../process/spawn-plugin.js';
import { fromServiceError, parseJson } from './grpc-errors.js';
import { CHANNEL_OPTIONS, loadProtos, type HostCallRequest, type HostCallResult } from './revert-proto.js';

type Unary = (request: unknown, callback: (error: grpc.ServiceError | null, reply: any) => void) => grpc.ClientUnaryCall;

/** Typed RPCs for the contract's methods; every other method goes through Invoke as JSON. */
const TYPED_METHODS: Record<string, string> = { revert: 'Revert', revertWithPrefix: 'RevertWithPrefix' };

export class GrpcHandle extends ProcessPluginHandle {
  #client: grpc.Client | undefined;
  #health: grpc.Client | undefined;
  #hostCalls: grpc.ClientDuplexStream<HostCallResult, HostCallRequest> | undefined;

  static async open(target: string, spec: Omit<ProcessSpec, 'name' | 'onStderrLine'>, options: StartOptions): Promise<GrpcHandle> {
    const handle = new GrpcHandle(target, options);
    await handle.startProcess(spec, { protocol: 'grpc' });
    return handle;
  }

  protected async invoke(method: string, args: unknown[], context: InvokeContext): Promise<unknown> {
    const typed = TYPED_METHODS[method];
    try {
      if (typed) {
        const reply = await this.unary(typed, { text: args[0], depth: context.depth }, context.signal);
        return (reply as { text: string }).text;
      }
      const reply = await this.unary('Invoke', { method, args_json: JSON.stringify(args), depth: context.depth }, context.signal);
      return parseJson((reply as { value_json: string }).value_json, `${method} result`);
    } catch (error) {
      const typedError = fromServiceError(error);
      if (typedError.code === 'CRASHED') return this.whenChannelLost(typedError);
      throw typedError;
    }
  }

  protected async ping(): Promise<void> {
    const reply = (await this.unary('Check', { service: '' }, undefined, this.#health)) as { status: string };
    if (reply.status !== 'SERVING') throw new PluginError('PLUGIN_ERROR', `health service says ${reply.status}`);
  }

  protected requestExit(): Promise<unknown> {
    return this.unary('Exit', {});
  }

  protected override closeChannel(): void {
    this.#hostCalls?.cancel();
    this.#client?.close();
  }

  protected override async connect(result: HandshakeResult): Promise<void> {
    const began = performance.now();
    const address = result.handshake.address;
    forwardStdout(this.process, result, (line) => this.emit({ type: 'stderr', line }));
    const { Client, HealthClient } = loadProtos();
    const client = new Client(address, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
    this.#client = client;
    // The health client shares the connection instead of opening a second one.
    this.#health = new HealthClient(address, grpc.credentials.createInsecure(), { channelOverride: client.getChannel() });
    const deadline = Date.now() + Math.max(1, this.startTimeoutMs - this.startElapsedMs);
    await new Promise<void>((resolve, reject) =>
      client.waitForReady(deadline, (error) =>
        error ? reject(new PluginError('START_FAILED', `${this.target}: cannot connect to gRPC at ${address}: ${error.message}`)) : resolve(),
      ),
    );
    this.openHostCalls(client);
    this.recordStep('connect', performance.now() - began, `gRPC at ${address}, with grpc.health.v1 and a HostCalls stream`);
  }

  /** The stream the plugin sends callbacks on; each is answered on the same stream by id. */
  private openHostCalls(client: grpc.Client): void {
    const stream = (client as any).HostCalls() as grpc.ClientDuplexStream<HostCallResult, HostCallRequest>;
    this.#hostCalls = stream;
    stream.on('error', () => {});
    stream.on('data', (request: HostCallRequest) => {
      const answer = (result: Omit<HostCallResult, 'id'>) => {
        if (!stream.writableEnded) stream.write({ id: request.id, ...result });
      };
      Promise.resolve()
        .then(() => this.handleHostCall(request.name, parseJson(request.args_json, 'host call arguments') as unknown[], request.depth))
        .then(
          (value) => answer({ ok: true, value_json: JSON.stringify(value ?? null), error_json: '' }),
          (error: unknown) => answer({ ok: false, value_json: '', error_json: JSON.stringify(serializeError(toPluginError(error, 'HOST_ERROR'))) }),
        );
    });
  }

  private unary(method: string, request: unknown, signal?: AbortSignal, client = this.#client): Promise<unknown> {
    if (!client) return Promise.reject(new PluginError('NOT_STARTED', `${this.target}: not connected`));
    return new Promise((resolve, reject) => {
      const call = ((client as any)[method] as Unary).call(client, request, (error, reply) => (error ? reject(error) : resolve(reply)));
      signal?.addEventListener('abort', () => call.cancel(), { once: true });
    });
  }
}
