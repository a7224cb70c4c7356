/**
 * Minimal peers, one per channel: the same text crossing the same channel and
 * reverted on the other side, with no plugin stack. A target's latency divided
 * by its channel's floor shows what the plugin machinery adds to the physics.
 */
import net from 'node:net';
import { Worker } from 'node:worker_threads';
import { revertText } from '../../core/contract.js';
import { builtSibling } from '../../core/runtime-paths.js';
import type { Channel } from '../../core/transport.js';
import { spawnPeer, type PeerProcess } from '../peer-process.js';
import type { Stoppable } from '../stop-list.js';
import { startSharedMemoryPeer } from '../mechanisms/shared-memory.js';
import { LineChannel } from './line-channel.js';

export interface FloorPeer extends Stoppable {
  roundTrip(text: string): Promise<string>;
}

export interface FloorKind {
  /** What the floor measures, for the results file and the README. */
  readonly peer: string;
  start(): Promise<FloorPeer>;
}

export const FLOOR_KINDS: Readonly<Record<Channel, FloorKind>> = {
  function: {
    peer: 'an async function call that reverts the text',
    start: async () => ({ roundTrip: async (text) => revertText(text), stop: async () => {} }),
  },
  'message-port': { peer: 'a worker thread reverting over its MessagePort', start: startWorkerPeer },
  'shared-memory': {
    peer: 'a worker thread reverting text in a SharedArrayBuffer (Atomics.wait there, Atomics.waitAsync here)',
    start: async () => {
      const peer = await startSharedMemoryPeer();
      return { roundTrip: peer.call, stop: peer.stop };
    },
  },
  pipe: { peer: 'a minimal child process reverting newline-delimited JSON over stdin/stdout', start: () => startChildPeer('pipe') },
  tcp: { peer: 'a minimal child process reverting newline-delimited JSON over TCP on 127.0.0.1', start: () => startChildPeer('tcp') },
  unix: { peer: 'a minimal child process reverting newline-delimited JSON over a Unix socket in a private folder', start: () => startChildPeer('unix') },
  zeromq: { peer: 'a minimal child process with a plaintext ZeroMQ REP socket on 127.0.0.1 (no CURVE: the raw channel)', start: () => startChildPeer('zeromq') },
};

async function startWorkerPeer(): Promise<FloorPeer> {
  const worker = new Worker(builtSibling(import.meta.url, './echo-worker.js'));
  const waiting: Array<(text: string) => void> = [];
  worker.on('message', (text: string) => waiting.shift()?.(text));
  await new Promise<void>((resolve, reject) => {
    worker.once('online', resolve);
    worker.once('error', reject);
  });
  return {
    roundTrip: (text) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        worker.postMessage(text);
      }),
    stop: async () => void (await worker.terminate()),
  };
}

type ChildMode = 'pipe' | 'tcp' | 'unix' | 'zeromq';

async function startChildPeer(mode: ChildMode): Promise<FloorPeer> {
  const peer = spawnPeer(`${mode} floor`, process.execPath, [builtSibling(import.meta.url, './echo-child.js'), mode]);
  let connection: Connection | undefined;
  const stop = async () => {
    connection?.close();
    await peer.stop();
  };
  try {
    connection = await CONNECTORS[mode](peer);
    return { pid: peer.pid, roundTrip: connection.roundTrip, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface Connection {
  roundTrip(text: string): Promise<string>;
  close(): void;
}

async function lineSocket(socket: net.Socket): Promise<Connection> {
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const channel = new LineChannel(socket, socket);
  return { roundTrip: (text) => channel.request(text), close: () => socket.destroy() };
}

/** How the host reaches a started child peer: over its stdio, or at the address it announced. */
type Connector = (peer: PeerProcess) => Promise<Connection>;

const CONNECTORS: Record<ChildMode, Connector> = {
  pipe: async ({ child }) => {
    const stdio = new LineChannel(child.stdout, child.stdin);
    return { roundTrip: (text) => stdio.request(text), close: () => stdio.close(new Error('floor peer stopped')) };
  },
  tcp: async (peer) => lineSocket(net.connect(((await peer.announcement()) as { port: number }).port, '127.0.0.1')),
  unix: async (peer) => lineSocket(net.connect(((await peer.announcement()) as { path: string }).path)),
  zeromq: async (peer) => {
    const { endpoint } = (await peer.announcement()) as { endpoint: string };
    const zmq = await import('zeromq');
    const socket = new zmq.Request({ linger: 0 });
    socket.connect(endpoint);
    return {
      roundTrip: async (text) => {
        await socket.send(text);
        const [answer] = await socket.receive();
        return answer!.toString('utf8');
      },
      close: () => socket.close(),
    };
  },
};
