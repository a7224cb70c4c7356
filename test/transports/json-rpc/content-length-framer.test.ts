/**
 * The framer both JSON-RPC ends share: a header without a usable length is
 * reported and skipped up to the next `Content-Length:` (wherever the chunks
 * split it); bytes that cannot begin a header, or a header over 8 KiB, throw.
 */
import { describe, expect, it } from 'vitest';
import { PluginError } from '../../../src/core/errors.js';
import { ContentLengthFramer, type Frame } from '../../../transports/json-rpc/content-length-framer.js';

const framed = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

function frames(chunks: string[]): (string | { bad: true })[] {
  const framer = new ContentLengthFramer();
  const out: (string | { bad: true })[] = [];
  for (const chunk of chunks) {
    framer.push(Buffer.from(chunk, 'utf8'));
    for (let frame: Frame | undefined = framer.next(); frame; frame = framer.next()) out.push(frame.body ? frame.body.toString('utf8') : { bad: true });
  }
  return out;
}

describe('ContentLengthFramer', () => {
  const stream = `Content-Length: abc\r\n\r\n{"lost":true}${framed('{"a":1}')}Content-Type: x\r\n\r\n{}${framed('{"b":2}')}`;

  it('reports a header without a usable length and resynchronises at the next Content-Length, however the bytes are split', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      expect(frames([stream.slice(0, cut), stream.slice(cut)]), `cut at ${cut}`).toEqual([{ bad: true }, '{"a":1}', { bad: true }, '{"b":2}']);
    }
    expect(frames([...stream])).toEqual([{ bad: true }, '{"a":1}', { bad: true }, '{"b":2}']);
  });

  it.each([
    ['a banner', 'hello, world\r\n'],
    ['a header line without a colon', 'Content-Length: 2\r\nbogus\r\n\r\n{}'],
    ['a header over 8 KiB', `X-Long: ${'a'.repeat(9000)}`],
  ])('throws PROTOCOL_ERROR on bytes that cannot be framed: %s', (_label, text) => {
    const framer = new ContentLengthFramer();
    framer.push(Buffer.from(text));
    let thrown: unknown;
    try {
      framer.next();
    } catch (error) {
      thrown = error;
    }
    expect(PluginError.is(thrown) && thrown.code).toBe('PROTOCOL_ERROR');
    expect((thrown as Error).message).toMatch(/cannot be framed/);
  });
});
