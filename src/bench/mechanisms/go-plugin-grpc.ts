/**
 * go-plugin-grpc: a bare grpc-js client calling the Reverter service of the
 * go-plugin target's own Go binary, the way any go-plugin host would reach it
 * by hand: the binary started with go-plugin's environment (the shared magic
 * cookie, PLUGIN_PROTOCOL_VERSIONS, TMPDIR a private 0700 folder), its handshake
 * line `CORE|APP|unix|PATH|grpc` read off stdout, the socket dialled, Revert
 * called with a plain client of reverter.proto. Plaintext, as the target
 * (go-plugin's default: no AutoMTLS); no health service, broker or controller
 * (the binary is stopped with SIGTERM, which go-plugin leaves to Go). The
 * protocol's facts (environment, handshake, services) come from the target's
 * own go-plugin-protocol.ts, so the two cannot drift apart.
 */
import * as grpc from '@grpc/grpc-js';
import { rm } from 'node:fs/promises';
import { goPluginEnv, grpcTarget, loadServices, parseGoPluginHandshake } from '../../../transports/go-plugin/go-plugin-protocol.js';
import { makePrivateDir } from '../../../transports/process/private-dir.js';
import { spawnPeer } from '../peer-process.js';
import { grpcClient } from './grpc-js.js';
import type { StartPeer } from './peer.js';

/** The plugin protocol versions offered, as the target offers them. */
const OFFERED_VERSIONS = [1];

export const start: StartPeer = async ({ pluginFile }) => {
  // go-plugin makes its socket in TMPDIR.
  const dir = await makePrivateDir('plugbench-bare-go-plugin-');
  const peer = spawnPeer('Go plugin binary', pluginFile, [], { env: { ...goPluginEnv(OFFERED_VERSIONS), TMPDIR: dir }, stopSignal: 'SIGTERM' });
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const dial = async () => {
    const handshake = parseGoPluginHandshake(await peer.firstLine(), OFFERED_VERSIONS);
    return { address: grpcTarget(handshake), credentials: grpc.credentials.createInsecure(), Client: loadServices().Reverter };
  };
  return grpcClient(peer, dial, cleanup);
};
