/**
 * The tcp-jsonrpc plugin process: listens on 127.0.0.1 port 0 (or on a Unix
 * socket in the private folder the host names), announces the address in its
 * handshake, and serves JSON-RPC to the one host that connects.
 * Garbage goes onto the socket; stdin is only the lifeline.
 */
import net from 'node:net';
import { createLateHostCaller, serveJsonRpc } from '../json-rpc/serve-json-rpc.js';
import { formatHandshake } from '../process/handshake.js';
import { listenAddress, listenOn } from '../process/listen-address.js';
import { exitWhenStdinCloses, startNodeRunner } from '../process/node-runner.js';

let socket: net.Socket | undefined;
const late = createLateHostCaller();
const runner = await startNodeRunner(late.hostCall, () => socket?.write('this is not JSON-RPC\n'));
exitWhenStdinCloses();

const server = net.createServer({ noDelay: true }, (connection) => {
  // One host per plugin process: later connections are refused.
  server.close();
  socket = connection;
  serveJsonRpc(runner, { input: connection, output: connection }, late.attach);
});
const bound = await listenOn(server, listenAddress());
process.stdout.write(formatHandshake({ ...bound, protocol: 'jsonrpc' }) + '\n');
