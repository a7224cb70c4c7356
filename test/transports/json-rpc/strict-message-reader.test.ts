import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Message } from 'vscode-jsonrpc/node.js';
import { PluginError } from '../../../src/core/errors.js';
import { isProtocolViolation, StrictMessageReader } from '../../../transports/json-rpc/strict-message-reader.js';

function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`), body]);
}

function read(chunks: Buffer[], initial?: Buffer): { messages: Message[]; errors: Error[] } {
  const stream = new PassThrough();
  const reader = new StrictMessageReader(stream, initial);
  const messages: Message[] = [];
  const errors: Error[] = [];
  reader.onError((error) => errors.push(error));
  reader.listen((message) => messages.push(message));
  for (const chunk of chunks) stream.emit('data', chunk);
  return { messages, errors };
}

describe('StrictMessageReader', () => {
  const messages = [
    { jsonrpc: '2.0', id: 1, method: 'revert', params: { args: ['a😀日本'], depth: 1 } },
    { jsonrpc: '2.0', id: 1, result: '本日😀a' },
  ];
  const bytes = Buffer.concat(messages.map(frame));

  it('reads messages split at every possible byte boundary, multi-byte characters included', () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      const result = read([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(result.errors, `cut at ${cut}`).toEqual([]);
      expect(result.messages).toEqual(messages);
    }
  });

  it('reads messages arriving one byte at a time, and bytes handed over after a handshake', () => {
    const single = read([...bytes.subarray(5)].map((byte) => Buffer.from([byte])), bytes.subarray(0, 5));
    expect(single.messages).toEqual(messages);
  });

  it.each([
    ['a stray console.log line', 'hello from the plugin\n'],
    ['a line without a colon', 'hello\n'],
    ['a header without Content-Length', 'Content-Type: text/plain\r\n\r\n{}'],
    ['a body that is not JSON', 'Content-Length: 3\r\n\r\nabc'],
    ['JSON that is not JSON-RPC', 'Content-Length: 2\r\n\r\n{}'],
  ])('fails at once with PROTOCOL_ERROR on %s', (_label, text) => {
    const result = read([Buffer.from(text)]);
    expect(result.messages).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(PluginError.is(result.errors[0]) && (result.errors[0] as PluginError).code).toBe('PROTOCOL_ERROR');
    expect(isProtocolViolation(result.errors[0])).toBe(true);
  });

  it('passes a failing stream on as it is: a lost channel (the plugin died), not bad bytes', () => {
    const stream = new PassThrough();
    const reader = new StrictMessageReader(stream);
    const errors: Error[] = [];
    reader.onError((error) => errors.push(error));
    reader.listen(() => {});
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    stream.destroy(reset);
    return new Promise<void>((resolve) =>
      stream.once('close', () => {
        expect(errors).toEqual([reset]);
        expect(isProtocolViolation(errors[0])).toBe(false);
        resolve();
      }),
    );
  });

  it('does not mistake a partial header for garbage', () => {
    const result = read([Buffer.from('Content-Len'), Buffer.from('gth: 2\r'), Buffer.from('\n\r')]);
    expect(result.errors).toEqual([]);
    expect(result.messages).toEqual([]);
  });
});
