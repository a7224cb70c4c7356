/** Connects to the TCP address or Unix socket a plugin announced in its handshake, within a deadline. */
import net from 'node:net';
import { PluginError } from '../../src/core/errors.js';

/** `address` is `host:port` as the handshake carries it. */
export function connectTcp(address: string, timeoutMs: number): Promise<net.Socket> {
  const separator = address.lastIndexOf(':');
  const host = address.slice(0, separator);
  const port = Number(address.slice(separator + 1));
  return connectWithin({ host, port, noDelay: true }, address, timeoutMs);
}

/** `path` is the Unix socket the handshake names. */
export function connectUnix(path: string, timeoutMs: number): Promise<net.Socket> {
  return connectWithin({ path }, path, timeoutMs);
}

function connectWithin(options: net.NetConnectOpts, address: string, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(options);
    const timer = setTimeout(() => fail(new Error(`no connection within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new PluginError('START_FAILED', `cannot connect to the plugin at ${address}: ${error.message}`, { cause: error }));
    };
    socket.once('error', fail);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', fail);
      resolve(socket);
    });
  });
}
