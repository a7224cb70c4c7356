/**
 * The host end of the worker target: a MessageClient (ids, waiters, host calls,
 * give-up) whose messages cross the worker's MessagePort, the hot ones as
 * strings (port-codec.ts).
 */
import type { Worker } from 'node:worker_threads';
import type { CallContext, ConnectionHost } from '../../src/core/connection.js';
import type { PluginError } from '../../src/core/errors.js';
import { MessageClient } from '../../src/core/message-client.js';
import { fromPort, toPort } from './port-codec.js';
import type { WorkerClient } from './spawn-worker.js';

export class PortClient implements WorkerClient {
  readonly #messages: MessageClient;

  constructor(
    private readonly worker: Worker,
    host: ConnectionHost,
  ) {
    this.#messages = new MessageClient({
      post: (message) => worker.postMessage(toPort(message)),
      onHostCall: host.hostCall,
      onProtocolError: (error) => host.event({ type: 'stderr', line: error.message }),
    });
  }

  send(method: string, args: unknown[], call: CallContext, afterGiveUp?: (reason: PluginError) => void): Promise<unknown> {
    return this.#messages.send(method, args, call, afterGiveUp);
  }

  ping(): Promise<unknown> {
    return this.#messages.ping();
  }

  receive(message: unknown): boolean {
    return this.#messages.receive(fromPort(message));
  }

  failAll(error: PluginError): void {
    this.#messages.failAll(error);
  }

  requestExit(): void {
    this.worker.postMessage({ type: 'exit' });
  }
}
