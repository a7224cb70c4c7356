/**
 * A foreign JSON-RPC peer against the plugin side alone (no plugbench host in
 * between, so no host-side check helps): every malformed frame gets the
 * protocol's error and the plugin keeps serving; only bytes that can no longer
 * be framed end the channel, with a stderr line saying why. The Node runners
 * (stdio, TCP) and the Python one answer the same table
 * (docs/plugin-protocol.md, "What a peer may and may not do").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RawJsonRpcPeer, type RpcMessage } from '../../helpers/raw-json-rpc.js';
import { JSON_RPC_RUNNERS, startRawPlugin, type RawPlugin } from '../../helpers/raw-plugin.js';

const call = (id: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'revert', params: { args: ['ab'], depth: 1 }, ...extra });
const frame = (header: string, body: string) => `${header}\r\n\r\n${body}`;

/** [what, bytes sent (a string is a body sent with a correct Content-Length; {raw} is sent as it is), the answer expected]. */
const MALFORMED: [string, string | { raw: Buffer | string }, { code: number; id: unknown } | 'none'][] = [
  ['a body that is not JSON', 'this is not json', { code: -32700, id: null }],
  ['an empty body', '', { code: -32700, id: null }],
  ['a truncated JSON body', '{"jsonrpc":"2.0","id":1,"method":"rev', { code: -32700, id: null }],
  ['a number', '42', { code: -32600, id: null }],
  ['a string', '"revert"', { code: -32600, id: null }],
  ['null', 'null', { code: -32600, id: null }],
  ['a batch of two valid calls (refused as a whole)', `[${call(11)},${call(12)}]`, { code: -32600, id: null }],
  ['an empty batch', '[]', { code: -32600, id: null }],
  ['an object without method', '{"jsonrpc":"2.0","id":13}', { code: -32600, id: 13 }],
  ['a method that is not a string', '{"jsonrpc":"2.0","id":14,"method":42}', { code: -32600, id: 14 }],
  ['jsonrpc "1.0"', call(15, { jsonrpc: '1.0' }), { code: -32600, id: 15 }],
  ['no jsonrpc member', JSON.stringify({ id: 16, method: 'revert', params: { args: ['ab'], depth: 1 } }), { code: -32600, id: 16 }],
  ['an id that is an object', call({ a: 1 }), { code: -32600, id: null }],
  ['an id that is null', call(null), { code: -32600, id: null }],
  ['params that are a string', call(17, { params: 'ab' }), { code: -32600, id: 17 }],
  ['a notification for an unknown method', '{"jsonrpc":"2.0","method":"nope","params":{}}', 'none'],
  ['a response to nothing the plugin asked', '{"jsonrpc":"2.0","id":999999,"result":1}', 'none'],
  ['a Content-Length that is not a number', { raw: frame('Content-Length: abc', call(18)) }, { code: -32600, id: null }],
  ['a Content-Length in hexadecimal', { raw: frame('Content-Length: 0x39', call(19)) }, { code: -32600, id: null }],
  ['no Content-Length header', { raw: frame('Content-Type: application/json', call(20)) }, { code: -32600, id: null }],
  ['lone surrogate bytes ED A0 80 in the text', { raw: rawSurrogateCall(21) }, { code: -32602, id: 21 }],
];

/** Call params: one behaviour for every runner. */
const PARAMS: [string, unknown, 'ba' | 'INVALID_INPUT'][] = [
  ['{args, depth}', { args: ['ab'], depth: 1 }, 'ba'],
  ['a missing depth (a top-level call)', { args: ['ab'] }, 'ba'],
  ['extra members beside args and depth', { args: ['ab'], depth: 1, trace: 'x' }, 'ba'],
  ['positional params', ['ab'], 'INVALID_INPUT'],
  ['no params', undefined, 'INVALID_INPUT'],
  ['args that are not a list', { args: 'ab', depth: 1 }, 'INVALID_INPUT'],
  ['an extra argument', { args: ['ab', 'cd'], depth: 1 }, 'INVALID_INPUT'],
  ['no argument', { args: [], depth: 1 }, 'INVALID_INPUT'],
  ['a depth that is a string', { args: ['ab'], depth: '1' }, 'INVALID_INPUT'],
  ['a depth of 0', { args: ['ab'], depth: 0 }, 'INVALID_INPUT'],
  ['a depth of 1.5', { args: ['ab'], depth: 1.5 }, 'INVALID_INPUT'],
];

function rawSurrogateCall(id: number): Buffer {
  const [before, after] = call(id).split('ab');
  return Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(before! + after!) + 5}\r\n\r\n${before}a`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(`b${after}`)]);
}

const started: RawPlugin[] = [];
afterEach(() => {
  for (const plugin of started.splice(0)) plugin.close();
});

async function start(runner: (typeof JSON_RPC_RUNNERS)[number]): Promise<{ plugin: RawPlugin; peer: RawJsonRpcPeer }> {
  const plugin = await startRawPlugin(runner);
  started.push(plugin);
  return { plugin, peer: new RawJsonRpcPeer(plugin) };
}

describe.each(JSON_RPC_RUNNERS)('a foreign JSON-RPC peer against $label', (runner) => {
  it.skipIf(runner.command === undefined)('answers every malformed frame with the protocol error and keeps serving', async () => {
    const { plugin, peer } = await start(runner);
    for (const [what, sent, expected] of MALFORMED) {
      if (typeof sent === 'string') peer.sendBody(sent);
      else peer.sendBytes(sent.raw);
      if (expected !== 'none') {
        const answer: RpcMessage = await peer.next();
        expect({ what, id: answer.id, code: (answer.error as { code?: number } | undefined)?.code }).toEqual({ what, ...expected });
        expect({ what, jsonrpc: answer.jsonrpc, message: typeof (answer.error as { message?: unknown }).message }).toEqual({ what, jsonrpc: '2.0', message: 'string' });
      }
      expect({ what, after: (await peer.call('revert', { args: ['ab👋'], depth: 1 })).result }).toEqual({ what, after: '👋ba' });
    }
    expect(plugin.child.exitCode).toBeNull();
  }, 60_000);

  it.skipIf(runner.command === undefined)('lone surrogate bytes get INVALID_INPUT from the plugin itself, typed', async () => {
    const { peer } = await start(runner);
    peer.sendBytes(rawSurrogateCall(5));
    expect(await peer.next()).toMatchObject({ id: 5, error: { code: -32602, data: { code: 'INVALID_INPUT' } } });
  }, 30_000);

  it.skipIf(runner.command === undefined)('call params: the same answer from every runner', async () => {
    const { peer } = await start(runner);
    for (const [what, params, expected] of PARAMS) {
      const answer = await peer.call('revert', params);
      const got = answer.error ? (answer.error as { data?: { code?: string } }).data?.code : answer.result;
      expect({ what, got }).toEqual({ what, got: expected });
      if (expected === 'INVALID_INPUT') expect((answer.error as { code: number }).code).toBe(-32602);
    }
  }, 60_000);

  it.skipIf(runner.command === undefined)('a malformed answer to a callback fails the call that made it, typed, instead of leaving it waiting', async () => {
    const { peer } = await start(runner);
    for (const [what, answer] of [['error null', { error: null }], ['error a string', { error: 'no' }], ['error without code', { error: {} }]] as const) {
      peer.sendBody(JSON.stringify({ jsonrpc: '2.0', id: 'outer', method: 'revertWithPrefix', params: { args: ['ab'], depth: 1 } }));
      const callback = await peer.next();
      expect({ what, method: callback.method }).toEqual({ what, method: 'host/call' });
      peer.sendBody(JSON.stringify({ jsonrpc: '2.0', id: callback.id, ...answer }));
      const outer = await peer.next();
      expect({ what, id: outer.id, code: (outer.error as { data?: { code?: string } } | undefined)?.data?.code }).toEqual({ what, id: 'outer', code: 'HOST_ERROR' });
    }
  }, 30_000);

  it.skipIf(runner.command === undefined)('bytes that cannot be framed end the channel, with a stderr line that says why', async () => {
    const { plugin, peer } = await start(runner);
    peer.sendBytes('hello, this is no header\r\n\r\n');
    const code = await plugin.exited();
    expect(code).not.toBe(0);
    expect(plugin.stderr()).toMatch(/cannot be framed|expected a Content-Length header/i);
  }, 30_000);
});
