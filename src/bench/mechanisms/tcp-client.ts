/** Connects a bare peer's client to the address its server process announced: a loopback port (Nagle off) or a Unix socket path. */
import net from 'node:net';
import type { PeerProcess } from '../peer-process.js';

export async function connectAnnounced(peer: Pick<PeerProcess, 'announcement'>): Promise<net.Socket> {
  const announced = (await peer.announcement()) as { port: number } | { path: string };
  return connectTo('path' in announced ? { path: announced.path } : { host: '127.0.0.1', port: announced.port, noDelay: true });
}

/** A socket connected to `options`; rejects with the connection's error. */
export async function connectTo(options: net.NetConnectOpts): Promise<net.Socket> {
  const socket = net.connect(options);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return socket;
}

/** Runs `connect` against a started peer process; if it fails, the process is stopped before the error goes on. */
export async function connectOrStop<T>(peer: Pick<PeerProcess, 'stop'>, connect: () => Promise<T>): Promise<T> {
  try {
    return await connect();
  } catch (error) {
    await peer.stop();
    throw error;
  }
}
