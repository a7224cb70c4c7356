/**
 * Callbacks over HostCalls, tested with foreign hosts (raw grpc-js clients from
 * the .proto): each callback reaches the connection of the call that made it,
 * also after a reconnect; an answer that is not JSON fails that one callback; a
 * callback with no stream to go to gets HOST_ERROR instead of waiting forever.
 */
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { grpcPython, startGrpcPeer, trailerError, unaryCall, type GrpcPeer, type GrpcPluginKind, type RawClient } from '../../helpers/grpc-peer.js';

const python = await grpcPython();

interface HostCallRequest {
  id: number;
  name: string;
  args_json: string;
}

/** Opens the HostCalls stream on `client` and answers each callback with `answer(request)` (a value_json), or not at all (undefined). */
function hostStream(client: RawClient, answer: (request: HostCallRequest) => string | undefined): { seen: HostCallRequest[]; close(): void } {
  const stream = client.HostCalls() as grpc.ClientDuplexStream<unknown, HostCallRequest>;
  const seen: HostCallRequest[] = [];
  stream.on('error', () => {});
  stream.on('data', (request: HostCallRequest) => {
    seen.push(request);
    const value = answer(request);
    if (value !== undefined) stream.write({ id: request.id, ok: true, value_json: value, error_json: '' });
  });
  return { seen, close: () => stream.cancel() };
}

/** A host connection: its own client (HTTP/2 connection) and stream, answering getConfig with `prefix`. */
function host(peer: GrpcPeer, prefix: string) {
  const client = peer.client();
  const stream = hostStream(client, () => JSON.stringify(prefix));
  return { client, stream, close: () => (stream.close(), client.close()) };
}

/** Polls `condition` every 50 ms; a generous bound only catches a hang. */
async function until(condition: () => boolean | Promise<boolean>, boundMs = 20_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still not so after ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The load the Python plugin reports in its health trailers. */
function load(health: RawClient): Promise<{ busy: number; stuck: number }> {
  return new Promise((resolve) => {
    const call = health.Check({ service: '' }, () => {});
    call.on('status', (status: grpc.StatusObject) => resolve(JSON.parse(String(status.metadata.get('plugbench-load')[0]))));
  });
}

async function waitForStream(client: RawClient, prefix: string): Promise<void> {
  // The stream is open once a callback on this connection reaches it; until then the plugin waits for it (bounded).
  const { reply, error } = await unaryCall(client, 'RevertWithPrefix', { text: 'ab', depth: 1 });
  expect(error?.details).toBeUndefined();
  expect(reply.text).toBe(`${prefix}ba`);
}

describe.each([['node'], ['python']] as [GrpcPluginKind][])('%s gRPC plugin callbacks, foreign hosts', (kind) => {
  let peer: GrpcPeer | undefined;
  afterEach(async () => peer?.stop());
  const skip = kind === 'python' && !python;

  it.skipIf(skip)('sends each callback to the connection of the call that made it, also after a reconnect', async () => {
    peer = await startGrpcPeer(kind, { python });
    const a = host(peer, 'A:');
    const b = host(peer, 'B:');
    await Promise.all([waitForStream(a.client, 'A:'), waitForStream(b.client, 'B:')]);
    const calls = Array.from({ length: 6 }, (_, i) => unaryCall(i % 2 ? b.client : a.client, 'RevertWithPrefix', { text: `x${i}`, depth: 1 }));
    const texts = (await Promise.all(calls)).map(({ reply, error }) => reply?.text ?? error?.details);
    expect(texts).toEqual(Array.from({ length: 6 }, (_, i) => `${i % 2 ? 'B:' : 'A:'}${i}x`));
    a.close();
    // The reconnect: the first connection is gone, a new one opens its own stream.
    const c = host(peer, 'C:');
    await waitForStream(c.client, 'C:');
    await waitForStream(b.client, 'B:');
    b.close();
    c.close();
  });

  it.skipIf(skip)('fails only the callback whose answer is not JSON, and keeps serving callbacks', async () => {
    peer = await startGrpcPeer(kind, { python });
    const client = peer.client();
    let answers = 0;
    hostStream(client, () => (answers++ === 0 ? 'this is not JSON' : JSON.stringify('ok:')));
    const { error } = await unaryCall(client, 'RevertWithPrefix', { text: 'ab', depth: 1 });
    expect(trailerError(error)?.code).toBe('HOST_ERROR');
    expect(trailerError(error)?.message).toContain('not JSON');
    for (let i = 0; i < 3; i++) expect((await unaryCall(client, 'RevertWithPrefix', { text: 'ab', depth: 1 })).reply).toEqual({ text: 'ok:ba' });
  });

  it.skipIf(skip)('answers HOST_ERROR to a callback whose connection opened no HostCalls stream, then serves', async () => {
    peer = await startGrpcPeer(kind, { python });
    const client = peer.client();
    const { error } = await unaryCall(client, 'RevertWithPrefix', { text: 'ab', depth: 1 }, 30_000);
    expect(error?.code, error?.details).not.toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(trailerError(error)?.code).toBe('HOST_ERROR');
    expect(trailerError(error)?.message).toContain('HostCalls stream');
    expect((await unaryCall(client, 'Revert', { text: 'ab', depth: 1 })).reply).toEqual({ text: 'ba' });
  });
  it.skipIf(skip)('fails a waiting callback with HOST_ERROR as soon as its stream closes', async () => {
    peer = await startGrpcPeer(kind, { python });
    const client = peer.client();
    const silent = hostStream(client, () => undefined);
    const pending = unaryCall(client, 'RevertWithPrefix', { text: 'ab', depth: 1 }, 30_000);
    await until(() => silent.seen.length > 0);
    silent.close();
    const { error } = await pending;
    expect(trailerError(error)?.code, error?.details).toBe('HOST_ERROR');
    expect(trailerError(error)?.message).toContain('closed the HostCalls stream');
  });

  it.skipIf(kind === 'node' || skip)('gives a callback the host never answers up at its call\'s deadline, freeing the thread', async () => {
    peer = await startGrpcPeer(kind, { python });
    const client = peer.client();
    hostStream(client, () => undefined);
    const { error } = await unaryCall(client, 'RevertWithPrefix', { text: 'ab', depth: 1 }, 1_000);
    expect(error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    const health = peer.health();
    await until(async () => (await load(health)).busy === 0);
    expect((await unaryCall(client, 'Revert', { text: 'ab', depth: 1 })).reply).toEqual({ text: 'ba' });
  });
});
