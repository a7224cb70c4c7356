/**
 * For plugins whose channel is not stdout (TCP, ZeroMQ): whatever they print
 * on stdout after the handshake is log output, forwarded line by line like
 * stderr rather than left to fill the pipe.
 */
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import type { HandshakeResult } from './read-handshake.js';
import type { PluginProcess } from './spawn-plugin.js';

export function forwardStdout(plugin: PluginProcess, handshake: HandshakeResult, onLine: (line: string) => void): void {
  const input = new PassThrough();
  input.write(handshake.rest);
  plugin.stdout.pipe(input);
  createInterface({ input, crlfDelay: Infinity }).on('line', (line) => onLine(`stdout: ${line}`));
}
