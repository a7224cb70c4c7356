/**
 * The server end of the bare grpc-js peer: the revert service's Revert method
 * answered with the plugin's revert, on 127.0.0.1 port 0, the port announced on
 * stdout. `node grpc-child.js PLUGIN`. Exits when its stdin closes.
 */
import * as grpc from '@grpc/grpc-js';
import { pathToFileURL } from 'node:url';
import type { RevertModule } from './peer.js';
import { loadRevertService } from './revert-service.js';

const plugin = (await import(pathToFileURL(process.argv[2]!).href)) as RevertModule;
const server = new grpc.Server();
server.addService(loadRevertService().service, {
  Revert: (call: grpc.ServerUnaryCall<{ text: string }, unknown>, callback: grpc.sendUnaryData<unknown>) => callback(null, { text: plugin.revert(call.request.text) }),
});
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    process.stderr.write(`cannot listen: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ port }) + '\n');
});
process.stdin.resume().on('end', () => process.exit(0));
