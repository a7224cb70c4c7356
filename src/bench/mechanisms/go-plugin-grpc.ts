/**
 * go-plugin-grpc: a bare grpc-js client calling the Reverter service of the
 * go-plugin target's own Go binary, the way any go-plugin host would reach it
 * by hand: the binary started with go-plugin's environment (the shared magic
 * cookie, PLUGIN_PROTOCOL_VERSIONS, TMPDIR a private 0700 folder), its handshake
 * line `CORE|APP|unix|PATH|grpc` read off stdout, the socket dialled, Revert
 * called with a client proto-loader made from reverter.proto. Plaintext, as the
 * target (go-plugin's default: no AutoMTLS); no health service, broker or
 * controller (the binary is stopped with SIGTERM, which go-plugin leaves to Go).
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { readFile, rm } from 'node:fs/promises';
import { packagePath } from '../../core/runtime-paths.js';
import { makePrivateDir } from '../../../transports/process/private-dir.js';
import { spawnPeer } from '../peer-process.js';
import { grpcClient } from './grpc-js.js';
import type { StartPeer } from './peer.js';

const SHARED = ['sample-plugins', 'go', 'src', 'plugbench', 'shared'] as const;

function reverterClient(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(packagePath(...SHARED, 'proto', 'reverter.proto'), { keepCase: true, defaults: true });
  return (grpc.loadPackageDefinition(definition) as any).plugbench.goplugin.v1.Reverter as grpc.ServiceClientConstructor;
}

/** What a go-plugin host puts in its plugin's environment: the cookie of the shared handshake.json, the versions it speaks. */
async function goPluginEnv(): Promise<Record<string, string>> {
  const { magicCookieKey, magicCookieValue } = JSON.parse(await readFile(packagePath(...SHARED, 'handshake.json'), 'utf8')) as Record<string, string>;
  return { [magicCookieKey!]: magicCookieValue!, PLUGIN_PROTOCOL_VERSIONS: '1' };
}

export const start: StartPeer = async ({ pluginFile }) => {
  const env = await goPluginEnv();
  // go-plugin makes its socket in TMPDIR.
  const dir = await makePrivateDir('plugbench-bare-go-plugin-');
  const peer = spawnPeer('Go plugin binary', pluginFile, [], { env: { ...env, TMPDIR: dir }, stopSignal: 'SIGTERM' });
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const dial = async () => {
    const line = await peer.firstLine();
    const [, , network, address, protocol] = line.trim().split('|');
    if (!address || protocol !== 'grpc') throw new Error(`not a go-plugin gRPC handshake line: ${JSON.stringify(line.slice(0, 200))}`);
    return { address: network === 'unix' ? `unix:${address}` : address, credentials: grpc.credentials.createInsecure(), Client: reverterClient() };
  };
  return grpcClient(peer, dial, cleanup);
};
