/**
 * Splits a byte stream into `Content-Length` framed bodies (the LSP framing),
 * for both ends of a JSON-RPC channel. Two kinds of trouble:
 * - a header block that ends (`\r\n\r\n`) but has no usable Content-Length: the
 *   body's length is unknown, so the framer reports `badHeader` and skips to the
 *   next `Content-Length:` it sees (the stream can still be framed);
 * - bytes that cannot begin a header (a stray console.log, a banner) or a header
 *   block over 8 KiB: the stream can no longer be framed, and `next` throws
 *   PROTOCOL_ERROR. What to do with either is the reader's choice.
 */
import { PluginError } from '../../src/core/errors.js';

export type Frame = { body: Buffer; badHeader?: undefined } | { badHeader: string; body?: undefined };

const MAX_HEADER_BYTES = 8192;
const HEADER_END = Buffer.from('\r\n\r\n');
const RESYNC_AT = 'content-length:';
/** Complete `Name: value\r\n` lines, then at most a partial one. */
const PARTIAL_HEADERS = /^(?:[A-Za-z0-9-]+:[^\r\n]*\r\n)*(?:[A-Za-z0-9-]*|[A-Za-z0-9-]+:[^\r\n]*\r?|\r)$/;
const HEADER_LINE = /^[A-Za-z0-9-]+:[^\r\n]*$/;

export class ContentLengthFramer {
  #chunks: Buffer[] = [];
  #size = 0;
  #bodyLength: number | undefined;
  #resync = false;

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
  }

  /** Drops what is buffered (after a failure nothing more is read). */
  clear(): void {
    this.#chunks = [];
    this.#size = 0;
  }

  /** The next frame, or undefined when more bytes are needed; throws PROTOCOL_ERROR when the stream cannot be framed. */
  next(): Frame | undefined {
    // Nothing buffered between frames (every chunk ends here): no header to look for, no regex over ''.
    if (this.#size === 0 && this.#bodyLength === undefined) return undefined;
    if (this.#resync && !this.skipToNextHeader()) return undefined;
    if (this.#bodyLength === undefined) {
      const head = this.peek(Math.min(this.#size, MAX_HEADER_BYTES + HEADER_END.length));
      const end = head.indexOf(HEADER_END);
      if (end === -1) {
        const text = head.toString('latin1');
        if (!PARTIAL_HEADERS.test(text)) throw unframable(`expected a Content-Length header, got ${quote(text)}`);
        if (this.#size > MAX_HEADER_BYTES) throw unframable(`header longer than ${MAX_HEADER_BYTES} bytes`);
        return undefined;
      }
      const length = contentLength(head.subarray(0, end).toString('latin1'));
      this.take(end + HEADER_END.length);
      if (typeof length === 'string') {
        this.#resync = true;
        return { badHeader: length };
      }
      this.#bodyLength = length;
    }
    if (this.#size < this.#bodyLength) return undefined;
    const body = this.take(this.#bodyLength);
    this.#bodyLength = undefined;
    return { body };
  }

  /** After a header without a usable length: drops bytes up to the next `Content-Length:`; false until one is there. */
  private skipToNextHeader(): boolean {
    const at = this.peek(this.#size).toString('latin1').toLowerCase().indexOf(RESYNC_AT);
    if (at === -1) {
      // Keep what could be the start of a header split across chunks.
      this.take(Math.max(0, this.#size - RESYNC_AT.length));
      return false;
    }
    this.take(at);
    this.#resync = false;
    return true;
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

/** The body length a header block announces, or why it announces none (a string). Throws on a line that is no header. */
function contentLength(headers: string): number | string {
  let value: string | undefined;
  for (const line of headers.split('\r\n')) {
    if (!HEADER_LINE.test(line)) throw unframable(`malformed header line ${quote(line)}`);
    const name = line.slice(0, line.indexOf(':'));
    if (value === undefined && name.toLowerCase() === 'content-length') value = line.slice(line.indexOf(':') + 1).trim();
  }
  if (value === undefined) return `header block without Content-Length: ${quote(headers)}`;
  const length = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(length) ? length : `bad Content-Length ${quote(value)}: it must be a decimal byte count`;
}

export function unframable(why: string): PluginError {
  return new PluginError('PROTOCOL_ERROR', `not JSON-RPC on the channel, the stream cannot be framed: ${why}`);
}

export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? text.slice(0, 80) + '...' : text);
}
