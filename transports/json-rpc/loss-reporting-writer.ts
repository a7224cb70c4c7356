/**
 * vscode-jsonrpc's `sendRequest` writes from inside `new Promise(async ...)` and
 * rethrows a failed write there, where nobody can catch it: every write error
 * after the plugin died (EPIPE, ECONNRESET, a destroyed socket) became an
 * unhandled rejection in the host. This writer never rejects. A failed write is
 * reported through `onLost` (the handle's crash path), and the request stays
 * pending until the crash or stop rejects it with CRASHED or CLOSED.
 */
import type { Writable } from 'node:stream';
import { StreamMessageWriter, type Message } from 'vscode-jsonrpc/node.js';

export class LossReportingWriter extends StreamMessageWriter {
  constructor(
    writable: Writable,
    private readonly onLost: (error: Error) => void,
  ) {
    super(writable);
  }

  override async write(message: Message): Promise<void> {
    try {
      await super.write(message);
    } catch (error) {
      this.onLost(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
