/**
 * The Python JSON-RPC runner's framer (sample-plugins/python/jsonrpc_wire.py)
 * gives the same frames however the bytes arrive: a whole plain frame per chunk
 * takes its fast path, anything else (split frames, two frames in a chunk, a
 * header without a usable length) the checked one, as the Node framer does
 * (test/transports/json-rpc/content-length-framer.test.ts).
 */
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { findPython } from '../../transports/python/find-python.js';

const pythonDir = path.resolve(import.meta.dirname, '../../sample-plugins/python');
const python = await findPython({ modules: [], installHint: '' });

/** Feeds each list of chunks to a fresh Framer (read1 gives one chunk a call); the frames of each, "bad" for a bad header. */
const FRAMES = String.raw`
import json, sys
sys.path.insert(0, sys.argv[1])
from jsonrpc_wire import Framer

class Chunks:
    def __init__(self, chunks):
        self._chunks = iter(chunks)
    def read1(self, n):
        return next(self._chunks, b"")

out = []
for chunks in json.loads(sys.stdin.read()):
    framer, frames = Framer(Chunks([c.encode("utf-8") for c in chunks])), []
    for frame in iter(framer.next, None):
        frames.append(frame[1].decode("utf-8") if frame[0] == "body" else "bad")
    out.append(frames)
print(json.dumps(out))
`;

async function framesOf(cases: string[][]): Promise<string[][]> {
  if (!python.available) throw new Error(python.reason);
  const run = await execa(python.python, ['-c', FRAMES, pythonDir], { input: JSON.stringify(cases), timeout: 30_000 });
  return JSON.parse(run.stdout) as string[][];
}

const framed = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe.skipIf(!python.available)('the Python runner framer', () => {
  const stream = `${framed('{"z":0}')}Content-Length: abc\r\n\r\n{"lost":true}${framed('{"a":1}')}Content-Type: x\r\n\r\n{}${framed('{"b":2}')}${framed('{"é":3}')}`;
  const expected = ['{"z":0}', 'bad', '{"a":1}', 'bad', '{"b":2}', '{"é":3}'];

  it('gives the same frames whether a chunk holds one whole frame, part of one, or several', async () => {
    const cuts = Array.from({ length: stream.length - 1 }, (_, i) => [stream.slice(0, i + 1), stream.slice(i + 1)]);
    const oneFramePerChunk = [framed('{"a":1}'), framed('{"b":2}'), `Content-Length: 7\r\n\r\n{"c":3}`];
    // vscode-jsonrpc writes the header, then the body.
    const headerThenBody = ['Content-Length: 7\r\n\r\n', '{"a":1}', 'Content-Length: 7\r\n\r\n', '{"b":', '2}Content-Length: 7\r\n\r\n{"c":3}'];
    const results = await framesOf([...cuts, [...stream], oneFramePerChunk, headerThenBody]);
    cuts.forEach((cut, i) => expect(results[i], `cut at ${cut[0]!.length}`).toEqual(expected));
    expect(results.at(-3)).toEqual(expected);
    expect(results.at(-2)).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(results.at(-1)).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });
});
