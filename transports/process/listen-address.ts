/**
 * Where a plugin process that serves a socket listens: on 127.0.0.1 port 0, or,
 * when the host hands it a private folder (PLUGBENCH_SOCKET_DIR, made 0700 by the
 * host), on a Unix socket in that folder. The plugin removes the folder when it
 * exits, so a host killed by SIGKILL leaves nothing behind once its lifeline closes.
 */
import { rmSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import path from 'node:path';
import type { HandshakeNetwork } from './handshake.js';

/** The private 0700 folder the host made for this plugin's Unix socket. */
export const SOCKET_DIR_ENV = 'PLUGBENCH_SOCKET_DIR';
/** The socket's file name inside that folder. */
export const SOCKET_FILE = 'plugin.sock';

export type ListenAddress = { network: 'tcp'; host: '127.0.0.1'; port: 0 } | { network: 'unix'; path: string };

/** The address this plugin process listens on, by what the host asked for. */
export function listenAddress(env: NodeJS.ProcessEnv = process.env): ListenAddress {
  const dir = env[SOCKET_DIR_ENV];
  if (!dir) return { network: 'tcp', host: '127.0.0.1', port: 0 };
  // Removed on every exit path the process lives through (exit, fault:crash's process.exit, lifeline EOF).
  process.once('exit', () => removeQuietly(dir));
  return { network: 'unix', path: path.join(dir, SOCKET_FILE) };
}

/** The handshake fields for an address the server is bound to. */
export function announced(address: ListenAddress, port?: number): { network: HandshakeNetwork; address: string } {
  return address.network === 'unix' ? { network: 'unix', address: address.path } : { network: 'tcp', address: `${address.host}:${port}` };
}

/** The gRPC bind target for an address (`unix:/path` or `127.0.0.1:0`). */
export function grpcBindTarget(address: ListenAddress): string {
  return address.network === 'unix' ? `unix:${address.path}` : `${address.host}:${address.port}`;
}

/** Removes a socket folder; a sandboxed plugin may not write, and then the host removes it after the exit. */
export function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // The host removes it once the process has exited.
  }
}

/** Listens `server` on `address`; resolves with the handshake fields once it is bound. */
export function listenOn(server: Server, address: ListenAddress): Promise<{ network: HandshakeNetwork; address: string }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const bound = () => {
      server.off('error', reject);
      resolve(announced(address, (server.address() as AddressInfo | null)?.port));
    };
    if (address.network === 'unix') server.listen(address.path, bound);
    else server.listen(address.port, address.host, bound);
  });
}
