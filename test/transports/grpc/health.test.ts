/**
 * grpc.health.v1 as the spec says, the same cases for the Node and the Python
 * plugin: Check answers "" and the plugin's service SERVING and an unknown service
 * NOT_FOUND; Watch sends the status at once (SERVICE_UNKNOWN for an unknown
 * service) and again when it changes (Python: NOT_SERVING once calls are stuck).
 */
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { grpcPython, startGrpcPeer, unaryCall, type GrpcPeer, type GrpcPluginKind, type RawClient } from '../../helpers/grpc-peer.js';

const python = await grpcPython();
const SERVICE = 'plugbench.revert.v1.RevertPlugin';

/** Watches `service`; `next()` resolves with each status sent, in order. */
function watch(health: RawClient, service: string): { next(): Promise<string>; cancel(): void } {
  const call = health.Watch({ service }) as grpc.ClientReadableStream<{ status: string }>;
  const queued: string[] = [];
  const waiting: ((status: string) => void)[] = [];
  call.on('error', () => {});
  call.on('data', ({ status }) => (waiting.length > 0 ? waiting.shift()!(status) : queued.push(status)));
  return {
    next: () => (queued.length > 0 ? Promise.resolve(queued.shift()!) : new Promise((resolve) => waiting.push(resolve))),
    cancel: () => call.cancel(),
  };
}

describe.each([['node'], ['python']] as [GrpcPluginKind][])('%s gRPC plugin health', (kind) => {
  let peer: GrpcPeer | undefined;
  afterEach(async () => peer?.stop());
  const skip = kind === 'python' && !python;

  it.skipIf(skip)('Check: "" and the plugin service are SERVING, an unknown service is NOT_FOUND', async () => {
    peer = await startGrpcPeer(kind, { python });
    const health = peer.health();
    expect((await unaryCall(health, 'Check', { service: '' })).reply).toEqual({ status: 'SERVING' });
    expect((await unaryCall(health, 'Check', { service: SERVICE })).reply).toEqual({ status: 'SERVING' });
    expect((await unaryCall(health, 'Check', { service: 'no.such.Service' })).error?.code).toBe(grpc.status.NOT_FOUND);
  });

  it.skipIf(skip)('Watch: sends the status at once, SERVICE_UNKNOWN for an unknown service', async () => {
    peer = await startGrpcPeer(kind, { python });
    const health = peer.health();
    const all = watch(health, '');
    const own = watch(health, SERVICE);
    const unknown = watch(health, 'no.such.Service');
    try {
      expect(await all.next()).toBe('SERVING');
      expect(await own.next()).toBe('SERVING');
      expect(await unknown.next()).toBe('SERVICE_UNKNOWN');
    } finally {
      for (const stream of [all, own, unknown]) stream.cancel();
    }
  });

  it.skipIf(kind === 'node' || skip)('Watch sends NOT_SERVING once calls the host gave up are stuck, and Check says why', async () => {
    peer = await startGrpcPeer(kind, { python });
    const health = peer.health();
    const client = peer.client();
    const status = watch(health, '');
    try {
      expect(await status.next()).toBe('SERVING');
      for (let i = 0; i < 2; i++) {
        const { error } = await unaryCall(client, 'Invoke', { method: 'fault:hang', args_json: '[]', depth: 1 }, 300);
        expect(error?.code).toBe(grpc.status.DEADLINE_EXCEEDED);
      }
      expect(await status.next()).toBe('NOT_SERVING');
      let reply: unknown;
      const trailers = await new Promise<grpc.Metadata>((resolve) => {
        const call = health.Check({ service: '' }, (_error: Error | null, answer: unknown) => (reply = answer));
        call.on('status', (status: grpc.StatusObject) => resolve(status.metadata));
      });
      expect(reply).toEqual({ status: 'NOT_SERVING' });
      expect(JSON.parse(String(trailers.get('plugbench-load')[0]))).toEqual({ busy: 2, stuck: 2, stuckLimit: 2, degraded: true });
    } finally {
      status.cancel();
    }
  });
});
