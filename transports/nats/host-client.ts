/**
 * The host end: one NATS connection per handle. Calls are published with a
 * reply subject under this host's own inbox (one wildcard subscription, no
 * per-call timer: the runner's deadline bounds them, and one ticker sweeps and
 * retries while calls are pending). The plugin's host calls arrive on this
 * host's callback subject, sent with every call.
 */
import { randomBytes } from 'node:crypto';
import type { Msg, MsgHdrs, NatsConnection } from 'nats';
import type { CallContext } from '../../src/core/connection.js';
import { givenUp, PluginError, toPluginError } from '../../src/core/errors.js';
import type { ClientConfig } from './broker-config.js';
import { connectNats, loadNats, type ConnectOptions } from './nats-client.js';
import { controlSubject, decodeAnswer, encodeError, encodeValue, HEADER, headerText, NO_RESPONDERS } from './protocol.js';
import { NO_RETRY, type RetryPolicy } from './retry-policy.js';

const TICK_MS = 25;

export interface HostClientOptions extends ConnectOptions {
  hostCall(name: string, args: unknown[], depth: number): Promise<unknown>;
  retry?: RetryPolicy;
  /** A call was sent again under the retry policy. */
  onRetry?(method: string, attempt: number, why: string): void;
}

interface Waiting {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  readonly method: string;
  readonly subject: string;
  readonly body: Uint8Array;
  readonly headers: MsgHdrs;
  readonly deadline: number;
  sentAt: number;
  attempts: number;
  noRespondersSince?: number;
}

export class NatsHostClient {
  readonly #prefix: string;
  readonly callbackSubject: string;
  readonly #waiting = new Map<string, Waiting>();
  readonly #retry: RetryPolicy;
  #next = 0;
  #ticker: NodeJS.Timeout | undefined;

  private constructor(
    readonly nc: NatsConnection,
    private readonly headers: () => MsgHdrs,
    private readonly options: HostClientOptions,
  ) {
    const id = randomBytes(8).toString('hex');
    this.#prefix = `_INBOX.plugbench.${id}.`;
    this.callbackSubject = `plugbench.revert.host.${id}`;
    this.#retry = options.retry ?? NO_RETRY;
    nc.subscribe(`${this.#prefix}*`, { callback: (_, msg) => this.#answer(msg) });
    nc.subscribe(this.callbackSubject, { callback: (_, msg) => this.#serveHostCall(msg) });
  }

  static async connect(config: ClientConfig, options: HostClientOptions): Promise<NatsHostClient> {
    const nats = await loadNats();
    const nc = await connectNats(config, options);
    const client = new NatsHostClient(nc, nats.headers, options);
    await nc.flush();
    return client;
  }

  /**
   * Sends one call to `subject`; settles with the answer, or with CANCELLED once the
   * runner gave it up (request/reply has no cancel: a late answer finds no entry).
   */
  send(subject: string, method: string, args: unknown[], call: CallContext): Promise<unknown> {
    const headers = this.headers();
    headers.set(HEADER.method, method);
    headers.set(HEADER.depth, String(call.depth));
    headers.set(HEADER.host, this.callbackSubject);
    const body = encodeValue(args);
    const token = String(++this.#next);
    const now = performance.now();
    return new Promise((resolve, reject) => {
      const deadline = call.timeoutMs === undefined ? Infinity : now + call.timeoutMs;
      try {
        this.nc.publish(subject, body, { reply: this.#prefix + token, headers });
      } catch (error) {
        return reject(this.#publishError(error, body.length));
      }
      this.#waiting.set(token, { resolve, reject, method, subject, body, headers, deadline, sentAt: now, attempts: 1 });
      call.onGiveUp((reason) => this.#abandon(token, reason));
      this.#ticker ??= setInterval(() => this.#tick(), TICK_MS).unref();
    });
  }

  #publishError(error: unknown, bytes: number): PluginError {
    const code = (error as { code?: string }).code;
    if (code === 'MAX_PAYLOAD_EXCEEDED') {
      const limit = this.nc.info?.max_payload;
      return new PluginError('INVALID_INPUT', `the call is ${bytes} bytes, more than the NATS server's max_payload (${limit ?? '?'} bytes)`, { data: { bytes, limit } });
    }
    if (code === 'CONNECTION_CLOSED') return new PluginError('CLOSED', 'NATS connection closed', { cause: error });
    return toPluginError(error, 'PROTOCOL_ERROR');
  }

  /** A control request (`ping`, `exit`) to one instance, bounded by `timeoutMs`. */
  async control(instance: string, verb: 'ping' | 'exit', timeoutMs: number): Promise<void> {
    await this.nc.request(controlSubject(instance), Buffer.from(verb), { timeout: Math.max(1, Math.round(timeoutMs)) });
  }

  async close(): Promise<void> {
    clearInterval(this.#ticker);
    this.failAll(new PluginError('CLOSED', 'NATS connection closed'));
    await this.nc.close().catch(() => {});
  }

  failAll(error: PluginError): void {
    const waiting = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const entry of waiting) entry.reject(error);
  }

  #answer(msg: Msg): void {
    const token = msg.subject.slice(this.#prefix.length);
    const entry = this.#waiting.get(token);
    if (!entry) return;
    if (msg.headers?.code === NO_RESPONDERS) return this.#noResponders(token, entry);
    this.#waiting.delete(token);
    try {
      entry.resolve(decodeAnswer(msg, entry.method));
    } catch (error) {
      entry.reject(error);
    }
  }

  #abandon(token: string, reason: PluginError): void {
    const entry = this.#waiting.get(token);
    if (!entry) return;
    this.#waiting.delete(token);
    entry.reject(givenUp(reason));
  }

  #noResponders(token: string, entry: Waiting): void {
    const now = performance.now();
    entry.noRespondersSince ??= now;
    if (this.#retry.idempotent.has(entry.method) && now - entry.noRespondersSince < this.#retry.noResponderGraceMs) {
      // Sent again by the ticker, once an instance may have joined.
      entry.sentAt = now - this.#retry.attemptTimeoutMs + TICK_MS;
      return;
    }
    this.#waiting.delete(token);
    entry.reject(new PluginError('CRASHED', `no plugin instance serves ${entry.subject} (it died, or none was started)`, { data: { subject: entry.subject } }));
  }

  /** Drops calls past their deadline (the runner already failed them) and resends idempotent ones whose attempt timed out. */
  #tick(): void {
    const now = performance.now();
    for (const [token, entry] of this.#waiting) {
      if (now > entry.deadline) {
        this.#waiting.delete(token);
        entry.reject(new PluginError('TIMEOUT', `${entry.method} did not answer in time`));
      } else if (this.#shouldRetry(entry, now)) {
        entry.attempts++;
        const why = entry.noRespondersSince === undefined ? `no answer within ${this.#retry.attemptTimeoutMs} ms` : 'no instance was serving';
        entry.sentAt = now;
        this.options.onRetry?.(entry.method, entry.attempts, why);
        this.nc.publish(entry.subject, entry.body, { reply: this.#prefix + token, headers: entry.headers });
      }
    }
    if (this.#waiting.size === 0) {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
    }
  }

  #shouldRetry(entry: Waiting, now: number): boolean {
    if (!this.#retry.idempotent.has(entry.method) || now - entry.sentAt < this.#retry.attemptTimeoutMs) return false;
    return entry.noRespondersSince !== undefined || entry.attempts < this.#retry.maxAttempts;
  }

  #serveHostCall(msg: Msg): void {
    const name = msg.headers?.get(HEADER.method) ?? '';
    const depth = Number(msg.headers?.get(HEADER.depth)) || 1;
    let args: unknown;
    try {
      args = JSON.parse(msg.string());
    } catch {
      args = undefined;
    }
    const run = Array.isArray(args) ? this.options.hostCall(name, args, depth) : Promise.reject(new PluginError('PROTOCOL_ERROR', 'host call arguments are not a JSON array'));
    run.then(
      (value) => msg.respond(encodeValue(value)),
      (thrown: unknown) => {
        const error = toPluginError(thrown, 'HOST_ERROR');
        const headers = this.headers();
        headers.set(HEADER.errorCode, error.code);
        headers.set(HEADER.serviceError, headerText(error.message));
        msg.respond(encodeError(error), { headers });
      },
    );
  }
}
