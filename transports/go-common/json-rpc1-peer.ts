/**
 * JSON-RPC 1.0 as Go's net/rpc/jsonrpc speaks it: one JSON object per line,
 * requests `{method, params: [param], id}`, answers `{id, result, error}` with
 * the error as a string (here: the typed error as JSON). One peer sends
 * requests and, given `onRequest`, answers the other side's: over one stdio
 * pipe both directions share a stream, told apart by their `method` field.
 */
import type { Readable, Writable } from 'node:stream';
import type { CallContext } from '../../src/core/connection.js';
import { givenUp, PluginError, isSerializedError, serializeError, toPluginError } from '../../src/core/errors.js';
import { WaitingCalls } from '../../src/core/waiting-calls.js';

export interface PeerHandlers {
  /** A request from the plugin; its result or typed error is sent back. */
  onRequest?(method: string, param: unknown): Promise<unknown>;
  /** The stream carried something that is not JSON-RPC 1.0. */
  onViolation(why: string): void;
  /** The stream ended or failed. */
  onLost(why: string): void;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Message {
  id?: unknown;
  method?: unknown;
  params?: unknown;
  result?: unknown;
  error?: unknown;
}

export class JsonRpc1Peer {
  readonly #waiting = new WaitingCalls<Waiter>();
  /** Ids the runner gave up: net/rpc cannot cancel, so their late answers are expected and dropped. */
  readonly #abandoned = new Set<number>();
  #nextId = 0;
  /** The pieces of a line whose end has not come yet. */
  readonly #pieces: string[] = [];
  #closed = false;

  /**
   * `initial`: bytes already read from `input` (after the handshake line). The stream
   * decodes its own UTF-8 (a character split across chunks stays whole), so each chunk
   * is text: one native decode, where a Buffer chunk cost a search and a slice across
   * the native boundary per line (~0.4 µs a call more, pinned to one CPU).
   */
  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly handlers: PeerHandlers,
    initial: Buffer = Buffer.alloc(0),
  ) {
    if (initial.length > 0) input.unshift(initial);
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => this.#receive(chunk));
    input.once('end', () => handlers.onLost('the plugin closed its channel'));
    input.on('error', (error) => handlers.onLost(`reading from the plugin failed: ${error.message}`));
    output.on('error', (error) => handlers.onLost(`writing to the plugin failed: ${error.message}`));
    input.resume();
  }

  /**
   * Calls `method` with one parameter object; rejects with the plugin's typed error.
   * Given the runner's `call`, a give-up settles it with CANCELLED (net/rpc has no
   * cancel message: the plugin finishes the work, and its answer is dropped).
   */
  request(method: string, param: unknown, call?: Pick<CallContext, 'onGiveUp'>): Promise<unknown> {
    if (this.#closed) return Promise.reject(new PluginError('CLOSED', 'the channel to the plugin is closed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.add(id, { resolve, reject });
      call?.onGiveUp((reason) => this.#abandon(id, reason));
      this.output.write(JSON.stringify({ method, params: [param], id }) + '\n');
    });
  }

  #abandon(id: number, reason: PluginError): void {
    const waiter = this.#waiting.take(id);
    if (!waiter) return;
    this.#abandoned.add(id);
    waiter.reject(givenUp(reason));
  }

  /** Stops reading; calls still waiting get CLOSED. */
  close(): void {
    this.#closed = true;
    this.input.removeAllListeners('data');
    for (const waiter of this.#waiting.takeAll()) waiter.reject(new PluginError('CLOSED', 'the channel to the plugin is closed'));
    this.#abandoned.clear();
  }

  #receive(chunk: string): void {
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline !== -1 && !this.#closed; newline = chunk.indexOf('\n', start)) {
      // The common case, a whole line in one chunk, is a slice of it: no concatenation.
      const line = chunk.slice(start, newline);
      this.#handle(this.#pieces.length === 0 ? line : this.#joined(line));
      start = newline + 1;
    }
    if (start < chunk.length) this.#pieces.push(chunk.slice(start));
  }

  /** The line whose earlier pieces came in earlier chunks, ending with `last`. */
  #joined(last: string): string {
    this.#pieces.push(last);
    const line = this.#pieces.join('');
    this.#pieces.length = 0;
    return line;
  }

  #handle(line: string): void {
    let message: Message;
    try {
      message = JSON.parse(line) as Message;
    } catch {
      message = undefined as unknown as Message;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.handlers.onViolation(`the plugin wrote something that is not JSON-RPC: ${JSON.stringify(line.slice(0, 80))}`);
    } else if (typeof message.method === 'string') {
      this.#answer(message);
    } else {
      this.#settle(message);
    }
  }

  #settle(message: Message): void {
    const waiter = typeof message.id === 'number' ? this.#waiting.take(message.id) : undefined;
    if (!waiter && this.#abandoned.delete(message.id as number)) return;
    if (!waiter) return this.handlers.onViolation(`the plugin answered a request it was never sent (id ${JSON.stringify(message.id)})`);
    if (message.error === null || message.error === undefined) waiter.resolve(message.result);
    else waiter.reject(typedError(message.error));
  }

  #answer(request: Message): void {
    const param = Array.isArray(request.params) ? request.params[0] : undefined;
    const onRequest = this.handlers.onRequest;
    const work = onRequest ? Promise.resolve().then(() => onRequest(request.method as string, param)) : Promise.reject(new PluginError('METHOD_NOT_FOUND', `this end serves no ${String(request.method)}`));
    work.then(
      (result) => this.#send({ id: request.id, result, error: null }),
      (error: unknown) => this.#send({ id: request.id, result: null, error: JSON.stringify(serializeError(toPluginError(error, 'HOST_ERROR'))) }),
    );
  }

  #send(message: Message): void {
    if (!this.#closed && this.output.writable) this.output.write(JSON.stringify(message) + '\n');
  }
}

/** net/rpc carries an error as its text: the typed error's JSON, or plain words from net/rpc itself. */
function typedError(error: unknown): PluginError {
  if (typeof error !== 'string') return new PluginError('PROTOCOL_ERROR', `malformed error from plugin: ${JSON.stringify(error)}`);
  try {
    const parsed: unknown = JSON.parse(error);
    if (isSerializedError(parsed)) return PluginError.fromJSON(parsed);
  } catch {
    // plain text
  }
  return new PluginError('PLUGIN_ERROR', error);
}
