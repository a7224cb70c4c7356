/**
 * The host end of a worker-sab worker: the same MessageClient the worker target
 * uses (ids, waiters, host calls, give-up), whose messages cross shared memory
 * instead of the port. A message the ring cannot take is posted and counted as a
 * spill, so the worker, blocked in Atomics.wait, knows to take it from its port.
 *
 * Answers are read from the ring while answers are expected (calls and pings in
 * flight), as the bare peer reads its slot: first right after the call is sent
 * (on one CPU the worker often answered before the host went on), else when one
 * Atomics.waitAsync on the doorbell resolves. A wait armed for the whole life of
 * the worker made every answer come through the event loop, even one already
 * there: about 0.9 µs of CPU a call (docs/where-the-time-goes.md, "The thread
 * targets"). While nothing is expected the host does not listen (Ring.listen),
 * and the worker posts RING_NUDGE on its port after what it writes then (a host
 * call from a plugin's timer), so the host takes it at once all the same.
 */
import type { Worker } from 'node:worker_threads';
import type { CallContext, ConnectionHost } from '../../src/core/connection.js';
import type { PluginError } from '../../src/core/errors.js';
import { MessageClient } from '../../src/core/message-client.js';
import type { HostMessage, PluginMessage } from '../../src/core/wire.js';
import type { WorkerClient } from '../worker/index.js';
import { drain, encode, RING_NUDGE } from './codec.js';
import { Ring, TO_HOST, TO_WORKER } from './ring.js';
import { Spinner } from './spin.js';

export class SabClient implements WorkerClient {
  readonly #messages: MessageClient;
  readonly #out: Ring;
  readonly #in: Ring;
  #closed = false;
  /** Calls and pings whose answer has not come (a given-up call's late answer still counts it down). */
  #expected = 0;
  #waiting = false;
  readonly #onBell = () => this.#bellRang();
  readonly #receive = (message: unknown) => this.#take(message);
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
  }

  send(method: string, args: unknown[], call: CallContext, afterGiveUp?: (reason: PluginError) => void): Promise<unknown> {
    this.#expect();
    const answer = this.#messages.send(method, args, call, afterGiveUp);
    // Asked to spin: a worker on a free core answers within microseconds, and the answer is taken here.
    this.#spinner.spin(this.#answered);
    this.#collect();
    return answer;
  }

  ping(): Promise<unknown> {
    this.#expect();
    const pong = this.#messages.ping();
    this.#collect();
    return pong;
  }

  /** A message the worker posted on its port: what it spilled, or RING_NUDGE. */
  receive(message: unknown): boolean {
    if (message === RING_NUDGE) {
      if (!this.#closed) drain(this.#in, this.#receive);
      return true;
    }
    return this.#take(message);
  }

  /** Fails what is in flight and releases the waiter: the worker is gone or going (every caller ends it after this). */
  failAll(error: PluginError): void {
    this.#closed = true;
    this.#expected = 0;
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

  #take(message: unknown): boolean {
    const type = (message as PluginMessage | undefined)?.type;
    if ((type === 'result' || type === 'pong') && this.#expected > 0) this.#expected--;
    return this.#messages.receive(message);
  }

  /** An answer is coming: listen on the doorbell, before the message goes out. */
  #expect(): void {
    if (this.#expected++ === 0) this.#in.listen(true);
  }

  /** Takes what is in the ring now; then waits for the rest, or stops listening when nothing more is expected. */
  #collect(): void {
    if (this.#waiting || this.#closed) return;
    const seen = this.#in.bell();
    if (this.#in.peek() >= 0) drain(this.#in, this.#receive);
    // A call made from a host function while draining may have armed the wait already.
    if (this.#waiting || this.#closed) return;
    if (this.#expected > 0) return this.#waitFrom(seen);
    this.#in.listen(false);
    // What the worker published before it saw the flag go down is the host's to take.
    drain(this.#in, this.#receive);
  }

  #waitFrom(seen: number): void {
    this.#waiting = true;
    const rang = this.#in.waitAsync(seen);
    if (rang) void rang.then(this.#onBell);
    else queueMicrotask(this.#onBell);
  }

  #bellRang(): void {
    this.#waiting = false;
    this.#collect();
  }
}
