/**
 * A foreign JSON-RPC peer: writes whatever bytes a test gives it onto a plugin's
 * channel and reads back Content-Length framed answers with its own parser
 * (not plugbench's reader), one at a time, in the order they arrive.
 */
import type { RawPlugin } from './raw-plugin.js';

export type RpcMessage = Record<string, unknown>;

export class RawJsonRpcPeer {
  #buffer = Buffer.alloc(0);
  #messages: RpcMessage[] = [];
  #wake: (() => void) | undefined;
  #nextId = 1000;

  constructor(private readonly plugin: RawPlugin) {
    plugin.output.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  /** Raw bytes, framing included. */
  sendBytes(bytes: Buffer | string): void {
    this.plugin.input.write(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  }

  /** A body (text is sent as UTF-8, a Buffer as it is) with a correct Content-Length header. */
  sendBody(body: Buffer | string): void {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.sendBytes(Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]));
  }

  /** The next message from the plugin; rejects when none comes within `boundMs` (a bound that catches hangs). */
  async next(boundMs = 10_000): Promise<RpcMessage> {
    const deadline = Date.now() + boundMs;
    while (this.#messages.length === 0) {
      if (Date.now() > deadline) throw new Error(`no answer within ${boundMs} ms; stderr: ${this.plugin.stderr()}`);
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, 100);
      });
    }
    return this.#messages.shift()!;
  }

  /** A well-formed call; resolves with its answer (the next message must be it). */
  async call(method: string, params: unknown): Promise<RpcMessage> {
    const id = ++this.#nextId;
    this.sendBody(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    const answer = await this.next();
    if (answer.id !== id) throw new Error(`expected the answer to ${id}, got ${JSON.stringify(answer)}`);
    return answer;
  }

  private receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const headerEnd = this.#buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) break;
      const length = Number(/^Content-Length: *(\d+)\r?$/im.exec(this.#buffer.subarray(0, headerEnd).toString('latin1'))?.[1]);
      if (!Number.isInteger(length)) throw new Error(`plugin sent a header without Content-Length: ${this.#buffer.subarray(0, headerEnd).toString('latin1')}`);
      if (this.#buffer.length < headerEnd + 4 + length) break;
      this.#messages.push(JSON.parse(this.#buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as RpcMessage);
      this.#buffer = this.#buffer.subarray(headerEnd + 4 + length);
    }
    this.#wake?.();
  }
}
