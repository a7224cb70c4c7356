/**
 * The host end of a worker-sab worker: the same MessageClient the worker target
 * uses (ids, waiters, host calls, give-up), whose messages cross shared memory
 * instead of the port. A message the ring cannot take is posted and counted as a
 * spill, so the worker, blocked in Atomics.wait, knows to take it from its port.
 * Answers are read when the doorbell rings: one Atomics.waitAsync is armed from
 * the start to the end (it never blocks the host's thread and keeps no process
 * alive), so a host call the plugin makes from a timer is served at once too.
 */
import type { Worker } from 'node:worker_threads';
import type { ConnectionHost } from '../../src/core/connection.js';
import { MessageClient } from '../../src/core/message-client.js';
import type { CallContext } from '../../src/core/connection.js';
import type { PluginError } from '../../src/core/errors.js';
import type { HostMessage } from '../../src/core/wire.js';
import type { WorkerClient } from '../worker/index.js';
import { drain, encode } from './codec.js';
import { Ring, TO_HOST, TO_WORKER } from './ring.js';
import { Spinner } from './spin.js';

export class SabClient implements WorkerClient {
  readonly #messages: MessageClient;
  readonly #out: Ring;
  readonly #in: Ring;
  #closed = false;
  readonly #onBell = () => this.#bellRang();
  readonly #receive = (message: unknown) => this.#messages.receive(message);
  readonly #spinner: Spinner;
  readonly #answered = () => this.#in.peek() >= 0;

  constructor(
    shared: SharedArrayBuffer,
    private readonly worker: Worker,
    host: ConnectionHost,
    spinMs = 0,
  ) {
    this.#spinner = new Spinner(spinMs);
    this.#out = new Ring(shared, TO_WORKER);
    this.#in = new Ring(shared, TO_HOST);
    this.#messages = new MessageClient({
      post: (message) => this.#post(message),
      onHostCall: host.hostCall,
      onProtocolError: (error) => host.event({ type: 'stderr', line: error.message }),
    });
    this.#waitFrom(this.#in.bell());
  }

  send(method: string, args: unknown[], call: CallContext, afterGiveUp?: (reason: PluginError) => void): Promise<unknown> {
    const answer = this.#messages.send(method, args, call, afterGiveUp);
    // Asked to spin: a worker on a free core answers within microseconds, and the answer is taken here.
    if (this.#spinner.spin(this.#answered)) drain(this.#in, this.#receive);
    return answer;
  }

  ping(): Promise<unknown> {
    return this.#messages.ping();
  }

  /** A message the worker posted on its port (what it spilled). */
  receive(message: unknown): boolean {
    return this.#messages.receive(message);
  }

  /** Fails what is in flight and releases the waiter: the worker is gone or going (every caller ends it after this). */
  failAll(error: PluginError): void {
    this.#closed = true;
    this.#messages.failAll(error);
    this.#in.wakeWaiters();
  }

  requestExit(): void {
    this.#post({ type: 'exit' });
  }

  #post(message: HostMessage): void {
    if (encode(this.#out, message)) return this.#out.ring();
    this.worker.postMessage(message);
    this.#out.ring(true);
  }

  #waitFrom(seen: number): void {
    const rang = this.#in.waitAsync(seen);
    if (rang) void rang.then(this.#onBell);
    else queueMicrotask(this.#onBell);
  }

  #bellRang(): void {
    if (this.#closed) return;
    const seen = this.#in.bell();
    drain(this.#in, this.#receive);
    this.#waitFrom(seen);
  }
}
