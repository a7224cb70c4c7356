/**
 * What goes into gRPC metadata is bounded: a plugin error of any length reaches
 * the caller (its message cut, with a marker), a method name of any length gets
 * METHOD_NOT_FOUND, and the channel keeps serving other and later calls. Tested on
 * the plugins alone (a raw grpc-js client) and through plugbench's host.
 */
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { PluginHandle } from '../../../src/core/transport.js';
import { expectCode } from '../../helpers/expect-code.js';
import { grpcPython, startGrpcPeer, trailerError, unaryCall, type GrpcPeer, type GrpcPluginKind } from '../../helpers/grpc-peer.js';
import { loadTarget } from '../../helpers/targets.js';
import { MAX_TRAILER_BYTES, cutText, trailerBytes } from '../../../transports/grpc/metadata-bounds.js';

const python = await grpcPython();
const LONG = 70_000;
const huge = (char: string) => char.repeat(LONG);

describe('cutText and trailerBytes', () => {
  it('keep short text, cut long text on a code point with a marker, and bound the whole trailer', () => {
    expect(cutText('short', 100)).toBe('short');
    const astral = '😀'.repeat(1000);
    const cut = cutText(astral, 100);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(100);
    expect(cut).toMatch(/^(😀)+… \[cut: 1000 characters\]$/u);
    const trailer = trailerBytes({ code: 'PLUGIN_ERROR', message: '\u0001'.repeat(LONG), data: { big: 'x'.repeat(LONG) } });
    expect(trailer.length).toBeLessThanOrEqual(MAX_TRAILER_BYTES);
    expect(JSON.parse(trailer.toString('utf8'))).toMatchObject({ code: 'PLUGIN_ERROR', data: { cut: expect.any(String) } });
  });
});

describe.each([['node'], ['python']] as [GrpcPluginKind][])('%s gRPC plugin, foreign client', (kind) => {
  let peer: GrpcPeer | undefined;
  afterEach(async () => peer?.stop());

  it.skipIf(kind === 'python' && !python)('answers an error of 70,000 characters, cut with a marker, and keeps serving', async () => {
    peer = await startGrpcPeer(kind, { python });
    const client = peer.client();
    const other = unaryCall(client, 'Revert', { text: 'abc', depth: 1 });
    const { error } = await unaryCall(client, 'Invoke', { method: 'fault:throw', args_json: JSON.stringify([huge('e')]), depth: 1 });
    expect(error?.code).toBe(grpc.status.UNKNOWN);
    expect(error!.details.length).toBeLessThan(LONG);
    expect(error!.details).toMatch(/^e+… \[cut: 70000 characters\]$/);
    const typed = trailerError(error);
    expect(typed?.code).toBe('PLUGIN_ERROR');
    expect(typed!.message).toMatch(/^e+… \[cut: 70000 characters\]$/);
    expect((await other).reply).toEqual({ text: 'cba' });
    expect((await unaryCall(client, 'Revert', { text: 'later', depth: 1 })).reply).toEqual({ text: 'retal' });
  });

  it.skipIf(kind === 'python' && !python)('answers a method name of 70,000 characters with METHOD_NOT_FOUND and keeps serving', async () => {
    peer = await startGrpcPeer(kind, { python });
    const client = peer.client();
    const { error } = await unaryCall(client, 'Invoke', { method: huge('m'), args_json: '[]', depth: 1 });
    expect(error?.code).toBe(grpc.status.UNIMPLEMENTED);
    const typed = trailerError(error);
    expect(typed?.code).toBe('METHOD_NOT_FOUND');
    expect(typed!.message.length).toBeLessThan(LONG);
    expect((await unaryCall(client, 'Revert', { text: 'later', depth: 1 })).reply).toEqual({ text: 'retal' });
  });
});

describe.each([['tcp-rpc'], ['tcp-rpc-python']])('%s through the host', (name) => {
  it.skipIf(name === 'tcp-rpc-python' && !python)('gets a long error and a long method name typed, and the channel keeps serving', async () => {
    const target = await loadTarget(name);
    const plugin: PluginHandle = await target.start({ faultInjection: true });
    try {
      const other = plugin.call('revert', ['abc'], { timeoutMs: 20_000 });
      const error = await expectCode(plugin.call('fault:throw', [huge('e')], { timeoutMs: 20_000 }), 'PLUGIN_ERROR');
      expect(error.message).toMatch(/^e+… \[cut: 70000 characters\]$/);
      expect(await other).toBe('cba');
      await expectCode(plugin.call(huge('m'), [], { timeoutMs: 20_000 }), 'METHOD_NOT_FOUND');
      expect(await plugin.call('revert', ['later'], { timeoutMs: 20_000 })).toBe('retal');
    } finally {
      await plugin.stop();
    }
  });
});
