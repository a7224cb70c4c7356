/** jsonrpc-pipe-python: the bare vscode-jsonrpc client over stdin/stdout, to a bare standard-library JSON-RPC server in Python. */
import { clientOverStdio } from './jsonrpc-pipe.js';
import type { StartPeer } from './peer.js';
import { spawnPythonServer } from './python-server.js';

export const start: StartPeer = async ({ pluginFile }) => clientOverStdio(await spawnPythonServer('jsonrpc-pipe', pluginFile));
