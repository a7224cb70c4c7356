/**
 * grpc-js: a bare grpc-js client calling Revert on a bare grpc-js server in a
 * child process, same revert.proto, over the same mTLS as tcp-rpc.
 */
import * as grpc from '@grpc/grpc-js';
import { builtSibling } from '../../core/runtime-paths.js';
import { PEER_START_TIMEOUT_MS, spawnPeer, type PeerProcess } from '../peer-process.js';
import { bareMtls } from './grpc-mtls.js';
import type { BarePeer, StartPeer } from './peer.js';
import { loadRevertService } from './revert-service.js';
import { connectOrStop } from './tcp-client.js';

type RevertClient = grpc.Client & { Revert(request: { text: string }, callback: (error: grpc.ServiceError | null, reply: { text: string }) => void): void };

export interface GrpcDial {
  /** The grpc-js target: `127.0.0.1:PORT` or `unix:PATH`. */
  address: string;
  credentials: grpc.ChannelCredentials;
  options?: grpc.ChannelOptions;
  /** The service's client; the revert service of sample-plugins/proto by default. */
  Client?: grpc.ServiceClientConstructor;
}

/**
 * A grpc-js client calling Revert at the address `dial` finds (from the peer's
 * announcement); `cleanup` runs after the peer is stopped, and when the client cannot connect.
 */
export async function grpcClient(peer: PeerProcess, dial: () => Promise<GrpcDial>, cleanup: () => Promise<void> = async () => {}): Promise<BarePeer> {
  let client: RevertClient;
  try {
    client = await connectOrStop(peer, async () => {
      const { address, credentials, options, Client = loadRevertService().Client } = await dial();
      const connected = new Client(address, credentials, options) as unknown as RevertClient;
      await new Promise<void>((resolve, reject) => connected.waitForReady(Date.now() + PEER_START_TIMEOUT_MS, (error) => (error ? reject(error) : resolve())));
      return connected;
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  return {
    pid: peer.pid,
    call: (text) => new Promise((resolve, reject) => client.Revert({ text }, (error, reply) => (error ? reject(error) : resolve(reply.text)))),
    stop: async () => {
      client.close();
      await peer.stop();
      await cleanup();
    },
  };
}

/** The server announces `{address}`; the client dials it with the mTLS the server was given. */
export async function announcedAddress(peer: PeerProcess): Promise<string> {
  return ((await peer.announcement()) as { address: string }).address;
}

/** The bare grpc-js server (grpc-child.js) for `pluginFile`, bound to `bind`, over a fresh mTLS pair. */
export function startGrpcChild(pluginFile: string, bind: string, cleanup?: () => Promise<void>): Promise<BarePeer> {
  const tls = bareMtls();
  const peer = spawnPeer('grpc-js', process.execPath, [builtSibling(import.meta.url, './grpc-child.js'), pluginFile, bind], { env: tls.env });
  return grpcClient(peer, async () => ({ ...tls, address: await announcedAddress(peer) }), cleanup);
}

export const start: StartPeer = ({ pluginFile }) => startGrpcChild(pluginFile, '127.0.0.1:0');
