/** jsonrpc-pipe: a bare vscode-jsonrpc client over a child process's stdin/stdout, to a bare vscode-jsonrpc server. */
import type { Readable, Writable } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { builtSibling } from '../../core/runtime-paths.js';
import { spawnPeer, type PeerProcess } from '../peer-process.js';
import type { BarePeer, StartPeer } from './peer.js';

export interface JsonRpcClient {
  call(text: string): Promise<string>;
  dispose(): void;
}

/** A vscode-jsonrpc connection that sends `revert` requests over the given streams. */
export function jsonRpcClient(input: Readable, output: Writable): JsonRpcClient {
  const connection = createMessageConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
  connection.listen();
  return { call: (text) => connection.sendRequest<string>('revert', text), dispose: () => connection.dispose() };
}

/** A bare client over a peer process that serves JSON-RPC on its stdio; a call pending when the process ends is rejected. */
export function clientOverStdio(peer: PeerProcess): BarePeer {
  const client = jsonRpcClient(peer.child.stdout, peer.child.stdin);
  void peer.child.then(() => client.dispose());
  return {
    pid: peer.pid,
    call: client.call,
    stop: async () => {
      client.dispose();
      await peer.stop();
    },
  };
}

/** `node jsonrpc-child.js MODE PLUGIN [SOCKET]`, the Node server of the JSON-RPC peers. */
export function spawnJsonRpcChild(mode: 'pipe' | 'tcp' | 'unix', pluginFile: string, socketPath?: string): PeerProcess {
  const args = [builtSibling(import.meta.url, './jsonrpc-child.js'), mode, pluginFile, ...(socketPath ? [socketPath] : [])];
  return spawnPeer(`jsonrpc-${mode}`, process.execPath, args);
}

export const start: StartPeer = async ({ pluginFile }) => clientOverStdio(spawnJsonRpcChild('pipe', pluginFile));
