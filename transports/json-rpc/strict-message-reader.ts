/**
 * Reads `Content-Length` framed JSON-RPC messages on the host side, strictly:
 * the first byte that cannot start a header (a stray console.log, a banner),
 * a header without a usable length, or a body that is not a JSON-RPC 2.0
 * object fails the channel with PROTOCOL_ERROR at once (the host does not
 * bargain with a plugin that breaks the protocol). vscode-jsonrpc's own reader
 * waits for `\r\n\r\n` and would hang on such output, so this replaces only the
 * reader; the connection (requests both ways, matching, errors) stays the library's.
 * Its errors come in two kinds: a protocol violation is a PluginError
 * PROTOCOL_ERROR (`isProtocolViolation`); anything else is the stream failing
 * (ECONNRESET when the plugin died), which is a lost channel, not bad bytes.
 * The plugin side reads more leniently (peer-message-reader.ts).
 */
import type { Readable } from 'node:stream';
import { AbstractMessageReader, Disposable, type DataCallback, type Message } from 'vscode-jsonrpc/node.js';
import { PluginError, toPluginError } from '../../src/core/errors.js';
import { ContentLengthFramer, quote, unframable, type Frame } from './content-length-framer.js';

/** A reader over `readable` that hands each frame to `onFrame`; the subclass decides what a frame means. */
export abstract class FramedMessageReader extends AbstractMessageReader {
  readonly #framer = new ContentLengthFramer();
  #failed = false;

  /** `initial`: bytes already read from the stream (after a handshake line). */
  constructor(
    private readonly readable: Readable,
    private readonly initial: Buffer = Buffer.alloc(0),
  ) {
    super();
  }

  /** What a frame is: a message to pass on, or nothing (it was answered, or dropped). Throws to fail the channel. */
  protected abstract onFrame(frame: Frame): Message | undefined;

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
    this.#framer.push(chunk);
    try {
      for (let frame = this.#framer.next(); frame; frame = this.#framer.next()) {
        const message = this.onFrame(frame);
        if (message) callback(message);
      }
    } catch (error) {
      this.#failed = true;
      this.#framer.clear();
      this.fireError(toPluginError(error, 'PROTOCOL_ERROR'));
    }
  }
}

export class StrictMessageReader extends FramedMessageReader {
  protected onFrame(frame: Frame): Message {
    if (frame.badHeader !== undefined) throw unframable(frame.badHeader);
    return parseMessage(frame.body.toString('utf8'));
  }
}

/** True for what the reader found wrong with the bytes, false for a failing stream. */
export function isProtocolViolation(error: unknown): boolean {
  return PluginError.is(error) && error.code === 'PROTOCOL_ERROR';
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
