/**
 * The host's JSON-RPC 1.0 reader (json-rpc1-peer.ts) takes lines however the
 * stream cuts them: a whole line in one chunk (the fast path), a line split
 * across chunks, even inside a multi-byte character, and several in one chunk.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { JsonRpc1Peer } from '../../../transports/go-common/json-rpc1-peer.js';

function peerOverPipes() {
  const fromPlugin = new PassThrough();
  const toPlugin = new PassThrough();
  const violations: string[] = [];
  const peer = new JsonRpc1Peer(fromPlugin, toPlugin, { onViolation: (why) => violations.push(why), onLost: () => {} });
  return { peer, fromPlugin, violations };
}

const answer = (id: number, result: string) => Buffer.from(JSON.stringify({ id, result, error: null }) + '\n');

describe('JsonRpc1Peer reading answers', () => {
  it('settles calls whose answers arrive whole, split inside a character, and two in one chunk', async () => {
    const { peer, fromPlugin, violations } = peerOverPipes();
    const calls = [0, 1, 2, 3].map(() => peer.request('Plugin.Revert', { text: 'x', depth: 1 }));
    fromPlugin.write(answer(0, 'whole'));
    const split = answer(1, 'a😀b');
    const cut = split.indexOf(Buffer.from('😀')) + 2;
    fromPlugin.write(split.subarray(0, cut));
    fromPlugin.write(split.subarray(cut));
    fromPlugin.write(Buffer.concat([answer(2, 'two'), answer(3, 'in one')]));
    expect(await Promise.all(calls)).toEqual(['whole', 'a😀b', 'two', 'in one']);
    expect(violations).toEqual([]);
    peer.close();
  });
});
