/**
 * The server end of the bare JSON-RPC peers: vscode-jsonrpc answering `revert`
 * with the plugin's revert, over stdin/stdout (`pipe`), over a loopback TCP
 * socket whose port it announces (`tcp`), or over a Unix socket at the path the
 * host names, in the host's private folder (`unix`).
 * `node jsonrpc-child.js pipe|tcp PLUGIN` or `node jsonrpc-child.js unix PLUGIN SOCKET`.
 * Exits when its stdin closes.
 */
import net from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import type { RevertModule } from './peer.js';

const [mode, pluginFile, socketPath] = process.argv.slice(2);
const plugin = (await import(pathToFileURL(pluginFile!).href)) as RevertModule;

function serve(input: Readable, output: Writable): void {
  const connection = createMessageConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
  connection.onRequest('revert', (text: string) => plugin.revert(text));
  connection.listen();
}

if (mode === 'pipe') {
  serve(process.stdin, process.stdout);
} else {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    serve(socket, socket);
  });
  const announce = () => process.stdout.write(JSON.stringify(mode === 'unix' ? { path: socketPath } : { port: (server.address() as net.AddressInfo).port }) + '\n');
  if (mode === 'unix') server.listen(socketPath!, announce);
  else server.listen(0, '127.0.0.1', announce);
  process.stdin.resume();
}
process.stdin.on('end', () => process.exit(0));
