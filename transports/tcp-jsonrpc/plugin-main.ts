/**
 * The tcp-jsonrpc plugin process: listens on 127.0.0.1 port 0 (or on a Unix
 * socket in the private folder the host names), announces the address in its
 * handshake, and serves JSON-RPC to the one host that connects and proves the
 * start's secret (transports/auth/token-preamble.ts); a connection without it is
 * closed before a message is read. Garbage goes onto the socket; stdin is only the lifeline.
 */
import net from 'node:net';
import { takePluginSecret } from '../auth/plugin-side.js';
import { checkTokenPreamble } from '../auth/token-preamble.js';
import { createLateHostCaller, serveJsonRpc } from '../json-rpc/serve-json-rpc.js';
import { formatHandshake } from '../process/handshake.js';
import { listenAddress, listenOn } from '../process/listen-address.js';
import { exitWhenStdinCloses, startNodeRunner } from '../process/node-runner.js';

const secret = takePluginSecret();
let socket: net.Socket | undefined;
const late = createLateHostCaller();
const runner = await startNodeRunner(late.hostCall, () => socket?.write('this is not JSON-RPC\n'));
exitWhenStdinCloses();

const server = net.createServer({ noDelay: true }, (connection) => {
  const peer = connection.remoteAddress ? `${connection.remoteAddress}:${connection.remotePort}` : 'the Unix socket';
  checkTokenPreamble(
    connection,
    secret,
    (host) => {
      // One host per plugin process: once it has proved the secret, later connections are refused.
      if (socket) return void host.destroy();
      server.close();
      socket = host;
      serveJsonRpc(runner, { input: host, output: host }, late.attach);
    },
    (why) => process.stderr.write(`refused a connection from ${peer}: ${why}\n`),
  );
});
const bound = await listenOn(server, listenAddress());
process.stdout.write(formatHandshake({ ...bound, protocol: 'jsonrpc' }) + '\n');
