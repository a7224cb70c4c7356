/** grpc-js: a bare grpc-js client calling Revert on a bare grpc-js server in a child process, same revert.proto. */
import * as grpc from '@grpc/grpc-js';
import { builtSibling } from '../../core/runtime-paths.js';
import { PEER_START_TIMEOUT_MS, spawnPeer, type PeerProcess } from '../peer-process.js';
import type { BarePeer, StartPeer } from './peer.js';
import { loadRevertService } from './revert-service.js';
import { connectOrStop } from './tcp-client.js';

type RevertClient = grpc.Client & { Revert(request: { text: string }, callback: (error: grpc.ServiceError | null, reply: { text: string }) => void): void };

/** A grpc-js client of the revert service at the port `peer` announced (any server language). */
export async function grpcClient(peer: PeerProcess): Promise<BarePeer> {
  const client = await connectOrStop(peer, async () => {
    const { port } = (await peer.announcement()) as { port: number };
    const { Client } = loadRevertService();
    const connected = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as RevertClient;
    await new Promise<void>((resolve, reject) => connected.waitForReady(Date.now() + PEER_START_TIMEOUT_MS, (error) => (error ? reject(error) : resolve())));
    return connected;
  });
  return {
    pid: peer.pid,
    call: (text) => new Promise((resolve, reject) => client.Revert({ text }, (error, reply) => (error ? reject(error) : resolve(reply.text)))),
    stop: async () => {
      client.close();
      await peer.stop();
    },
  };
}

export const start: StartPeer = ({ pluginFile }) =>
  grpcClient(spawnPeer('grpc-js', process.execPath, [builtSibling(import.meta.url, './grpc-child.js'), pluginFile]));
