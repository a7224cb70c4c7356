/**
 * The server end of the bare grpc-js peers: the revert service's Revert method
 * answered with the plugin's revert, bound to BIND (`127.0.0.1:0`, or
 * `unix:PATH` in a private folder), over the mTLS the targets' plugin runs:
 * the certificate, key and the one client certificate admitted, from the same
 * environment variable, read with the same function (transports/auth/grpc-tls.ts),
 * and the same server options. The address is announced on stdout as
 * `{"address"}`. `node grpc-child.js PLUGIN BIND`. Exits when its stdin closes.
 */
import * as grpc from '@grpc/grpc-js';
import { pathToFileURL } from 'node:url';
import { takePluginServerCredentials } from '../../../transports/auth/grpc-tls.js';
import { CHANNEL_OPTIONS } from '../../../transports/grpc/revert-proto.js';
import type { RevertModule } from './peer.js';
import { loadRevertService } from './revert-service.js';

const [pluginFile, bind] = process.argv.slice(2) as [string, string];
const credentials = takePluginServerCredentials();
const plugin = (await import(pathToFileURL(pluginFile).href)) as RevertModule;
const server = new grpc.Server(CHANNEL_OPTIONS);
server.addService(loadRevertService().service, {
  Revert: (call: grpc.ServerUnaryCall<{ text: string }, unknown>, callback: grpc.sendUnaryData<unknown>) => callback(null, { text: plugin.revert(call.request.text) }),
});
server.bindAsync(bind, credentials, (error, port) => {
  if (error) {
    process.stderr.write(`cannot listen: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ address: bind.startsWith('unix:') ? bind : `127.0.0.1:${port}` }) + '\n');
});
process.stdin.resume().on('end', () => process.exit(0));
