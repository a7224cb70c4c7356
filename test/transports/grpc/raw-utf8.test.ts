/**
 * A foreign gRPC client can put bytes that are not UTF-8 (a lone surrogate as
 * `ED A0 80`) in a protobuf string field. The plugin itself answers INVALID_INPUT,
 * with no plugbench host in front to check first (Node and Python plugins alike),
 * and keeps serving.
 */
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { grpcPython, startGrpcPeer, trailerError, type GrpcPeer, type GrpcPluginKind, type RawClient } from '../../helpers/grpc-peer.js';

const python = await grpcPython();
const LONE_SURROGATE = Buffer.from([0xed, 0xa0, 0x80]);

/** A protobuf message by hand: field 1 length-delimited (raw bytes), then an int32 field (depth 1). */
function message(fields: Buffer[], depthField: number): Buffer {
  const parts: Buffer[] = [];
  fields.forEach((bytes, index) => parts.push(Buffer.from([((index + 1) << 3) | 2, bytes.length]), bytes));
  parts.push(Buffer.from([(depthField << 3) | 0, 1]));
  return Buffer.concat(parts);
}

function rawCall(client: RawClient, rpc: string, body: Buffer): Promise<{ error?: grpc.ServiceError; reply?: Buffer }> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      `/plugbench.revert.v1.RevertPlugin/${rpc}`,
      (value: Buffer) => value,
      (value: Buffer) => value,
      body,
      { deadline: Date.now() + 20_000 },
      (error: grpc.ServiceError | null, reply?: Buffer) => resolve(error ? { error } : { reply: reply! }),
    );
  });
}

async function expectInvalidInput(client: RawClient, rpc: string, body: Buffer): Promise<void> {
  const { error } = await rawCall(client, rpc, body);
  expect(error?.code, error?.details).toBe(grpc.status.INVALID_ARGUMENT);
  expect(trailerError(error)?.code).toBe('INVALID_INPUT');
  expect(trailerError(error)?.message).toContain('UTF-8');
}

describe.each([['node'], ['python']] as [GrpcPluginKind][])('%s gRPC plugin given bytes that are not UTF-8', (kind) => {
  let peer: GrpcPeer | undefined;
  afterEach(async () => peer?.stop());

  it.skipIf(kind === 'python' && !python)('answers INVALID_INPUT on Revert, RevertWithPrefix and Invoke, then serves a good call', async () => {
    peer = await startGrpcPeer(kind, { python });
    const client = peer.client();
    const text = Buffer.concat([Buffer.from('a'), LONE_SURROGATE, Buffer.from('b')]);
    await expectInvalidInput(client, 'Revert', message([text], 2));
    await expectInvalidInput(client, 'RevertWithPrefix', message([text], 2));
    const argsJson = Buffer.concat([Buffer.from('["a'), LONE_SURROGATE, Buffer.from('"]')]);
    await expectInvalidInput(client, 'Invoke', message([Buffer.from('revert'), argsJson], 3));
    const good = await rawCall(client, 'Revert', message([Buffer.from('añb')], 2));
    expect(good.error).toBeUndefined();
    expect(good.reply!.subarray(2).toString('utf8')).toBe('bña');
    // A real U+FFFD, sent as UTF-8, is text like any other.
    const replacement = await rawCall(client, 'Revert', message([Buffer.from('a\uFFFDb')], 2));
    expect(replacement.reply!.subarray(2).toString('utf8')).toBe('b\uFFFDa');
  });
});
