/**
 * Waits for the handshake line on a plugin's stdout. Fails with START_FAILED,
 * saying why, on a malformed line, a version mismatch, a process that exits
 * first, or no line within the start timeout; never sleeps.
 */
import { PluginError } from '../../src/core/errors.js';
import { parseHandshake, type Handshake, type HandshakeExpectation } from './handshake.js';
import { describeExit, type PluginProcess } from './spawn-plugin.js';

export interface HandshakeResult {
  handshake: Handshake;
  line: string;
  /**
   * Bytes that followed the line in the same read. stdout is left paused: a
   * protocol spoken on stdout takes these first, then resumes the stream.
   */
  rest: Buffer;
}

/** A handshake line longer than this is garbage, not a handshake. */
const MAX_LINE_BYTES = 4096;

export function readHandshake(
  plugin: PluginProcess,
  expected: HandshakeExpectation,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<HandshakeResult> {
  const name = plugin.spec.name;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      plugin.stdout.off('data', onData);
      plugin.stdout.pause();
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (message: string, data?: unknown) =>
      finish(() => reject(new PluginError('START_FAILED', `${name}: ${message}`, data === undefined ? {} : { data })));
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      const buffer = Buffer.concat(chunks, size);
      const newline = buffer.indexOf(0x0a);
      if (newline === -1) {
        if (size > MAX_LINE_BYTES) fail(`no handshake line: ${size} bytes on stdout without a newline`);
        return;
      }
      const line = buffer.subarray(0, newline).toString('utf8').replace(/\r$/, '');
      try {
        const handshake = expected.parse ? expected.parse(line) : parseHandshake(line, expected);
        finish(() => resolve({ handshake, line, rest: buffer.subarray(newline + 1) }));
      } catch (error) {
        finish(() => reject(new PluginError('START_FAILED', `${name}: ${(error as Error).message}`, { data: (error as PluginError).data })));
      }
    };
    const onAbort = () => fail('start was cancelled');
    const timer = setTimeout(() => fail(`no handshake line on stdout within ${timeoutMs} ms`, { timeoutMs }), timeoutMs);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    plugin.stdout.on('data', onData);
    void plugin.ended.then((exit) => fail(`${describeExit(exit, plugin.stderrTail())} before its handshake`, exit));
  });
}
