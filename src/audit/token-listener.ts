/**
 * The listener the connect probe aims at: 127.0.0.1, port 0. It records the
 * tokens it receives, so "allowed" means a connection really arrived.
 */
import net from 'node:net';

export interface TokenListener extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  /** True once some connection sent `token`. */
  received(token: string): boolean;
}

export async function startTokenListener(): Promise<TokenListener> {
  const payloads: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
      payloads.push(data);
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.on('end', () => socket.end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    host: address.address,
    port: address.port,
    received: (token) => payloads.some((payload) => payload.includes(token)),
    async [Symbol.asyncDispose]() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
