/**
 * The plugin side's reader: a peer that breaks the protocol gets the protocol's
 * error and the plugin keeps serving (check-message.ts says what each body
 * gets). A header without a usable Content-Length is answered -32600 and the
 * stream is resynchronised at the next `Content-Length:`. Only bytes that can no
 * longer be framed fail the channel (the framer throws PROTOCOL_ERROR).
 */
import type { Readable } from 'node:stream';
import type { Message, ResponseMessage } from 'vscode-jsonrpc/node.js';
import { checkBody, invalidRequest } from './check-message.js';
import type { Frame } from './content-length-framer.js';
import { FramedMessageReader } from './strict-message-reader.js';

export class PeerMessageReader extends FramedMessageReader {
  #dropped = 0;

  constructor(
    readable: Readable,
    /** Sends an error response on the channel (through the connection's writer, so frames never interleave). */
    private readonly reply: (response: ResponseMessage) => void,
    /** A stderr line about a message that could not be answered. */
    private readonly warn: (line: string) => void,
  ) {
    super(readable);
  }

  protected onFrame(frame: Frame): Message | undefined {
    if (frame.badHeader !== undefined) {
      this.reply(invalidRequest(null, frame.badHeader));
      return undefined;
    }
    const checked = checkBody(frame.body);
    if ('message' in checked) return checked.message;
    if ('reply' in checked) this.reply(checked.reply);
    else this.warn(`dropped notification #${++this.#dropped}: ${checked.drop}`);
    return undefined;
  }
}
