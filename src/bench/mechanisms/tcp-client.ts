/** Connects a bare peer's client to the loopback port its server process announced, Nagle off. */
import net from 'node:net';
import type { PeerProcess } from '../peer-process.js';

export async function connectAnnounced(peer: PeerProcess): Promise<net.Socket> {
  const { port } = (await peer.announcement()) as { port: number };
  const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return socket;
}

/** Runs `connect` against a started peer process; if it fails, the process is stopped before the error goes on. */
export async function connectOrStop<T>(peer: PeerProcess, connect: () => Promise<T>): Promise<T> {
  try {
    return await connect();
  } catch (error) {
    await peer.stop();
    throw error;
  }
}
