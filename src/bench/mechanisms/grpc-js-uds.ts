/**
 * grpc-js-uds: the bare grpc-js client and server of `grpc-js`, over a Unix
 * socket in a private 0700 folder made for the peer (as uds-rpc's each start
 * gets), with the same mTLS; the folder is removed when the peer stops.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { makePrivateDir } from '../../../transports/process/private-dir.js';
import { startGrpcChild } from './grpc-js.js';
import type { StartPeer } from './peer.js';

export const start: StartPeer = async ({ pluginFile }) => {
  const dir = await makePrivateDir('plugbench-bare-uds-');
  return startGrpcChild(pluginFile, `unix:${path.join(dir, 'grpc.sock')}`, () => rm(dir, { recursive: true, force: true }));
};
