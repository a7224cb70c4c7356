/**
 * jsonrpc-unix: a bare vscode-jsonrpc client over a Unix socket, to a bare
 * vscode-jsonrpc server in a child process, the socket in a private 0700 folder
 * made for this peer (as uds-jsonrpc makes one per start) and removed on stop.
 * No token preamble: the target proves its secret once per connection, before
 * its first message, which is no part of a call.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { makePrivateDir } from '../../../transports/process/private-dir.js';
import { spawnJsonRpcChild } from './jsonrpc-pipe.js';
import { clientOverSocket } from './jsonrpc-tcp.js';
import type { StartPeer } from './peer.js';
import { connectAnnounced } from './tcp-client.js';

export const start: StartPeer = async ({ pluginFile }) => {
  const dir = await makePrivateDir('plugbench-bare-uds-');
  const peer = spawnJsonRpcChild('unix', pluginFile, path.join(dir, 'peer.sock'));
  const stop = async () => {
    await peer.stop();
    await rm(dir, { recursive: true, force: true });
  };
  return clientOverSocket({ pid: peer.pid, stop }, () => connectAnnounced(peer));
};
