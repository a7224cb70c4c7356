/**
 * The bare client of the Go net/rpc mechanisms: JSON-RPC 1.0 as net/rpc/jsonrpc
 * reads it, one JSON object per line written on the raw pipe or socket, the
 * answer read back the same way; one call at a time, so one waiting slot. And
 * the Go plugin binary started as a host must (the magic cookie, the start's
 * secret in its environment), its handshake line read here.
 */
import type { Readable, Writable } from 'node:stream';
import { newSecret, PLUGIN_SECRET_ENV } from '../../../transports/auth/plugin-secret.js';
import { NET_RPC_PROTOCOL } from '../../../transports/go-common/net-rpc-connection.js';
import { parseHandshake } from '../../../transports/process/handshake.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../../transports/process/magic-cookie.js';
import { spawnPeer, type PeerProcess } from '../peer-process.js';

export interface NetRpcClient {
  call(text: string): Promise<string>;
  close(): void;
}

interface Answer {
  result?: string;
  error?: string | null;
}

/** Calls `Plugin.Revert` (`{text, depth}`, as the target sends it) over `input`/`output`. */
export function netRpcClient(input: Readable, output: Writable): NetRpcClient {
  let waiting: { resolve(text: string): void; reject(error: Error): void } | undefined;
  let pending = '';
  let id = 0;
  const settle = (outcome: (slot: NonNullable<typeof waiting>) => void) => {
    const slot = waiting;
    waiting = undefined;
    if (slot) outcome(slot);
  };
  input.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const end = pending.indexOf('\n');
    if (end < 0) return;
    const answer = JSON.parse(pending.slice(0, end)) as Answer;
    pending = pending.slice(end + 1);
    settle((slot) => (answer.error == null ? slot.resolve(answer.result!) : slot.reject(new Error(answer.error))));
  });
  const close = () => settle((slot) => slot.reject(new Error('the Go plugin closed its channel')));
  input.once('close', close);
  return {
    call: (text) =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        output.write(JSON.stringify({ method: 'Plugin.Revert', params: [{ text, depth: 1 }], id: id++ }) + '\n');
      }),
    close,
  };
}

export interface GoPlugin {
  peer: PeerProcess;
  /** The handshake's network and address: `tcp` and `127.0.0.1:PORT`, or `stdio` and `-`. */
  network: string;
  address: string;
  /** The secret the plugin was given, to prove on a network channel. */
  secret: string;
}

/** Starts the Go plugin binary with the cookie and a fresh secret, and reads its handshake line (`1|1|NETWORK|ADDRESS|jsonrpc1`). */
export async function startGoPlugin(binary: string): Promise<GoPlugin> {
  const secret = newSecret();
  const peer = spawnPeer('Go net/rpc', binary, [], { env: { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, [PLUGIN_SECRET_ENV]: secret } });
  try {
    const { network, address } = parseHandshake(await peer.firstLine(), { protocol: NET_RPC_PROTOCOL });
    return { peer, network, address, secret };
  } catch (error) {
    await peer.stop();
    throw error;
  }
}
