/**
 * The host end of a message channel to a plugin runner: numbers calls, matches
 * results to them, answers the plugin's host calls, and fails everything in
 * flight at once when the channel is lost.
 */
import { SETTLES_ITSELF, type CallContext, type SettlingCall } from './connection.js';
import { givenUp, PluginError, serializeError, toPluginError } from './errors.js';
import { WaitingCalls } from './waiting-calls.js';
import { isPluginMessage, type HostMessage, type PluginMessage } from './wire.js';

/** What waits for an answer: a promise's two ends, or a call that settles itself (SettlingCall). */
interface Waiter {
  fulfil(value: unknown): void;
  fail(error: PluginError): void;
}

export interface MessageClientOptions {
  post(message: HostMessage): void;
  /** Runs a plugin->host call; its result or error is sent back to the plugin. */
  onHostCall(name: string, args: unknown[], depth: number): Promise<unknown>;
  /** Anything that is not a known message. */
  onProtocolError(error: PluginError): void;
}

export class MessageClient {
  #nextId = 0;
  readonly #waiting = new WaitingCalls<Waiter>();

  constructor(private readonly options: MessageClientOptions) {}

  call(method: string, args: unknown[], depth: number, signal?: AbortSignal): Promise<unknown> {
    const id = ++this.#nextId;
    return this.wait(id, { type: 'call', id, method, args, depth }, signal);
  }

  /**
   * A runner's call: when the runner gives it up, it settles with CANCELLED, its id
   * is dropped and the plugin gets a `cancel` message (no AbortController: see
   * CallContext.onGiveUp). `afterGiveUp` runs next, for what the channel does besides.
   */
  send(method: string, args: unknown[], call: CallContext, afterGiveUp?: (reason: PluginError) => void): Promise<unknown> {
    const id = ++this.#nextId;
    call.onGiveUp((reason) => {
      this.abandon(id, reason);
      afterGiveUp?.(reason);
    });
    return this.wait(id, { type: 'call', id, method, args, depth: call.depth });
  }

  /** `send` for a call the client settles itself when its answer comes: no promise of its own (SETTLES_ITSELF). */
  settle(method: string, args: unknown[], call: SettlingCall): typeof SETTLES_ITSELF {
    const id = ++this.#nextId;
    call.onGiveUp((reason) => this.abandon(id, reason));
    this.postWaiting(id, { type: 'call', id, method, args, depth: call.depth }, call);
    return SETTLES_ITSELF;
  }

  ping(): Promise<unknown> {
    const id = ++this.#nextId;
    return this.wait(id, { type: 'ping', id });
  }

  /** Calls and pings waiting for their answer: a channel that reads only while answers are due asks this. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /** Feed every message from the plugin here. Returns false for a message that is not ours. */
  receive(message: unknown): boolean {
    if (!isPluginMessage(message)) {
      this.options.onProtocolError(new PluginError('PROTOCOL_ERROR', `unexpected message from plugin: ${describe(message)}`));
      return false;
    }
    this.handle(message);
    return true;
  }

  /** Rejects every call in flight; the caller decides the error (crash, stop, replaced). */
  failAll(error: PluginError): void {
    for (const waiter of this.#waiting.takeAll()) waiter.fail(error);
  }

  private abandon(id: number, reason: PluginError): void {
    const waiter = this.#waiting.take(id);
    if (!waiter) return;
    waiter.fail(givenUp(reason));
    try {
      this.options.post({ type: 'cancel', id });
    } catch {
      // the channel is gone; nothing is left to cancel
    }
  }

  private handle(message: PluginMessage): void {
    switch (message.type) {
      case 'result':
      case 'pong': {
        const waiter = this.#waiting.take(message.id);
        if (!waiter) return;
        if (message.type === 'pong' || message.ok) waiter.fulfil(message.type === 'pong' ? (message.load ?? null) : message.value);
        else waiter.fail(PluginError.fromJSON(message.error));
        return;
      }
      case 'host-call':
        this.options.onHostCall(message.name, message.args, message.depth).then(
          (value) => this.options.post({ type: 'host-result', id: message.id, ok: true, value: value ?? null }),
          (error: unknown) =>
            this.options.post({ type: 'host-result', id: message.id, ok: false, error: serializeError(toPluginError(error, 'HOST_ERROR')) }),
        );
        return;
      default:
        return;
    }
  }

  private wait(id: number, message: HostMessage, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      signal?.addEventListener('abort', () => this.#waiting.take(id), { once: true });
      this.postWaiting(id, message, { fulfil: resolve, fail: reject });
    });
  }

  /** Posts `message` with `waiter` waiting under `id`; a post that throws fails the waiter at once. */
  private postWaiting(id: number, message: HostMessage, waiter: Waiter): void {
    this.#waiting.add(id, waiter);
    try {
      this.options.post(message);
    } catch (error) {
      this.#waiting.take(id);
      waiter.fail(toPluginError(error, 'PROTOCOL_ERROR'));
    }
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return String(value);
  }
}
