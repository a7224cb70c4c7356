/**
 * Reads `Content-Length` framed JSON-RPC messages, strictly: the first byte that
 * cannot start a header (a stray console.log, a banner) fails the channel with
 * PROTOCOL_ERROR at once. vscode-jsonrpc's own reader waits for `\r\n\r\n`
 * and would hang on such output, so this replaces only the reader; the
 * connection (requests both ways, matching, errors) stays the library's.
 * Its errors come in two kinds: a protocol violation is a PluginError
 * PROTOCOL_ERROR (`isProtocolViolation`); anything else is the stream failing
 * (ECONNRESET when the plugin died), which is a lost channel, not bad bytes.
 */
import type { Readable } from 'node:stream';
import { AbstractMessageReader, Disposable, type DataCallback, type Message } from 'vscode-jsonrpc/node.js';
import { PluginError, toPluginError } from '../../src/core/errors.js';

const MAX_HEADER_BYTES = 8192;
const HEADER_END = Buffer.from('\r\n\r\n');
/** Complete `Name: value\r\n` lines, then at most a partial one. */
const PARTIAL_HEADERS = /^(?:[A-Za-z0-9-]+:[^\r\n]*\r\n)*(?:[A-Za-z0-9-]*|[A-Za-z0-9-]+:[^\r\n]*\r?|\r)$/;

export class StrictMessageReader extends AbstractMessageReader {
  #chunks: Buffer[] = [];
  #size = 0;
  #bodyLength: number | undefined;
  #failed = false;

  /** `initial`: bytes already read from the stream (after a handshake line). */
  constructor(
    private readonly readable: Readable,
    private readonly initial: Buffer = Buffer.alloc(0),
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => this.receive(chunk, callback);
    const onClose = () => this.fireClose();
    const onError = (error: Error) => this.fireError(error);
    this.readable.on('data', onData);
    this.readable.once('end', onClose);
    this.readable.once('close', onClose);
    this.readable.on('error', onError);
    if (this.initial.length > 0) this.receive(this.initial, callback);
    this.readable.resume();
    return Disposable.create(() => {
      this.readable.off('data', onData);
      this.readable.off('end', onClose);
      this.readable.off('close', onClose);
      this.readable.off('error', onError);
    });
  }

  private receive(chunk: Buffer, callback: DataCallback): void {
    if (this.#failed) return;
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    try {
      for (let message = this.next(); message; message = this.next()) callback(message);
    } catch (error) {
      this.#failed = true;
      this.#chunks = [];
      this.fireError(toPluginError(error, 'PROTOCOL_ERROR'));
    }
  }

  /** The next complete message, or undefined when more bytes are needed. */
  private next(): Message | undefined {
    if (this.#bodyLength === undefined) {
      const head = this.peek(Math.min(this.#size, MAX_HEADER_BYTES + HEADER_END.length));
      const end = head.indexOf(HEADER_END);
      if (end === -1) {
        const text = head.toString('latin1');
        if (!PARTIAL_HEADERS.test(text)) throw protocolError(`expected a Content-Length header, got ${quote(text)}`);
        if (this.#size > MAX_HEADER_BYTES) throw protocolError(`header longer than ${MAX_HEADER_BYTES} bytes`);
        return undefined;
      }
      this.#bodyLength = parseContentLength(head.subarray(0, end).toString('latin1'));
      this.take(end + HEADER_END.length);
    }
    if (this.#size < this.#bodyLength) return undefined;
    const body = this.take(this.#bodyLength).toString('utf8');
    this.#bodyLength = undefined;
    return parseMessage(body);
  }

  private peek(bytes: number): Buffer {
    if (this.#chunks.length > 1 && this.#chunks[0]!.length < bytes) this.#chunks = [Buffer.concat(this.#chunks, this.#size)];
    return this.#chunks[0]?.subarray(0, bytes) ?? Buffer.alloc(0);
  }

  private take(bytes: number): Buffer {
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#size);
    const rest = all.subarray(bytes);
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#size = rest.length;
    return all.subarray(0, bytes);
  }
}

/** True for what the reader found wrong with the bytes, false for a failing stream. */
export function isProtocolViolation(error: unknown): boolean {
  return PluginError.is(error) && error.code === 'PROTOCOL_ERROR';
}

function parseContentLength(headers: string): number {
  for (const line of headers.split('\r\n')) {
    if (!PARTIAL_HEADERS.test(line + '\r\n')) throw protocolError(`malformed header line ${quote(line)}`);
    const [name, value] = [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()];
    if (name.toLowerCase() === 'content-length') {
      const length = Number(value);
      if (!Number.isSafeInteger(length) || length < 0) throw protocolError(`bad Content-Length ${quote(value)}`);
      return length;
    }
  }
  throw protocolError('message has no Content-Length header');
}

function parseMessage(body: string): Message {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    throw protocolError(`message body is not JSON: ${quote(body)}`);
  }
  if (typeof message !== 'object' || message === null || (message as { jsonrpc?: unknown }).jsonrpc !== '2.0') {
    throw protocolError(`not a JSON-RPC 2.0 message: ${quote(body)}`);
  }
  return message as Message;
}

function protocolError(why: string): PluginError {
  return new PluginError('PROTOCOL_ERROR', `not JSON-RPC on the channel: ${why}`);
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? text.slice(0, 80) + '...' : text);
}
