/**
 * The token preamble of the TCP channels (tcp-jsonrpc, go-netrpc): before any
 * message, the host writes exactly `plugbench-token <64 hex digits>\n` (81
 * bytes). The plugin reads those 81 bytes within PREAMBLE_WAIT_MS and compares
 * them in constant time; any other bytes, or none in time, and it closes that
 * connection without reading a message from it, and keeps listening for its host.
 */
import type net from 'node:net';
import { sameBytes } from './plugin-secret.js';

const PREFIX = 'plugbench-token ';
/** Bytes of the preamble: prefix, 64 hex digits, newline. */
export const PREAMBLE_BYTES = PREFIX.length + 64 + 1;
/** How long a new connection may take to send its preamble. */
export const PREAMBLE_WAIT_MS = 5_000;

/** The preamble that proves `secret`. */
export function tokenPreamble(secret: string): Buffer {
  return Buffer.from(`${PREFIX}${secret}\n`, 'latin1');
}

/** Host side: proves the secret on a connected socket, before the channel's first message. */
export function sendTokenPreamble(socket: net.Socket, secret: string): void {
  socket.write(tokenPreamble(secret));
}

/**
 * Plugin side: reads the preamble of `socket` and calls `accepted(socket)` when
 * it proves `secret` (the bytes after it stay unread in the socket), else
 * destroys the socket and calls `refused(why)`.
 */
export function checkTokenPreamble(socket: net.Socket, secret: string, accepted: (socket: net.Socket) => void, refused: (why: string) => void): void {
  const expected = tokenPreamble(secret);
  let got = Buffer.alloc(0);
  const timer = setTimeout(() => refuse(`no token within ${PREAMBLE_WAIT_MS} ms`), PREAMBLE_WAIT_MS);
  const finish = () => {
    clearTimeout(timer);
    socket.off('data', onData);
    socket.off('error', onError);
    socket.off('end', onEnd);
  };
  const refuse = (why: string) => {
    finish();
    socket.destroy();
    refused(why);
  };
  const onError = (error: Error) => refuse(error.message);
  const onEnd = () => refuse('closed before its token');
  const onData = (chunk: Buffer) => {
    got = Buffer.concat([got, chunk]);
    if (got.length < PREAMBLE_BYTES) return;
    finish();
    socket.pause();
    if (!sameBytes(got.subarray(0, PREAMBLE_BYTES), expected)) {
      socket.destroy();
      refused('wrong token');
      return;
    }
    // What came after the preamble is the channel's: give it back to the stream.
    if (got.length > PREAMBLE_BYTES) socket.unshift(got.subarray(PREAMBLE_BYTES));
    accepted(socket);
    // pause() above is explicit, so a new 'data' listener alone would not restart the flow.
    socket.resume();
  };
  socket.on('data', onData);
  socket.on('error', onError);
  socket.on('end', onEnd);
}
