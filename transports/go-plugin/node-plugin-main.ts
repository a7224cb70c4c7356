/**
 * plugbench's Node plugin speaking go-plugin's server side, so a Go host
 * built with go-plugin (plugin.NewClient, Dispense) runs a JavaScript plugin:
 * the shared cookie, a version from PLUGIN_PROTOCOL_VERSIONS, the Reverter
 * service with health ("plugin": SERVING), GRPCController/Shutdown and
 * GRPCBroker on a Unix socket in TMPDIR, AutoMTLS when the host sends its
 * certificate, and go-plugin's handshake line on stdout.
 */
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { importPlugin } from '../../src/core/load-plugin.js';
import { sampleJsPlugin } from '../../src/core/runtime-paths.js';
import { FAULT_INJECTION_ENV, PLUGIN_PATH_ENV } from '../process/runner-env.js';
import { generateCertificate, pemToHandshakeField } from './auto-mtls.js';
import { CHANNEL_OPTIONS, CORE_PROTOCOL_VERSION, handshakeConfig, HEALTH_SERVICE, loadServices } from './go-plugin-protocol.js';
import { createPluginBroker } from './node-plugin-broker.js';
import { reverterService } from './node-plugin-service.js';

const SUPPORTED_VERSIONS = [1];

function refuseUnlessStartedByHost(): void {
  const { magicCookieKey, magicCookieValue } = handshakeConfig();
  if (process.env[magicCookieKey] === magicCookieValue) return;
  process.stderr.write('This binary is a plugin. These are not meant to be executed directly.\nPlease execute the program that consumes these plugins, which will\nload any plugins automatically\n');
  process.exit(1);
}

/** go-plugin's negotiation: the newest version both sides speak, else ours (the host then refuses). */
function negotiateVersion(): number {
  const offered = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? '').split(',').map(Number);
  return SUPPORTED_VERSIONS.filter((version) => offered.includes(version)).sort((a, b) => b - a)[0] ?? SUPPORTED_VERSIONS[0]!;
}

/** TLS both ways when the host sent its certificate (AutoMTLS); the handshake field answers with ours. */
function credentials(): { server: grpc.ServerCredentials; channel: grpc.ChannelCredentials; certField: string } {
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  if (!clientCert) return { server: grpc.ServerCredentials.createInsecure(), channel: grpc.credentials.createInsecure(), certField: '' };
  const own = generateCertificate();
  const [key, cert, trusted] = [own.keyPem, own.certPem, clientCert].map((pem) => Buffer.from(pem));
  return {
    server: grpc.ServerCredentials.createSsl(trusted!, [{ private_key: key!, cert_chain: cert! }], true),
    channel: grpc.credentials.createSsl(trusted!, key!, cert!),
    certField: pemToHandshakeField(own.certPem),
  };
}

/** go-plugin gives a plugin its host's own stdin, so the lifeline is the parent pid. */
function exitWhenParentDies(): void {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && process.exit(0), 250).unref();
}

refuseUnlessStartedByHost();
exitWhenParentDies();
const version = negotiateVersion();
const creds = credentials();
const plugin = await importPlugin(process.env[PLUGIN_PATH_ENV] ?? sampleJsPlugin());
const broker = createPluginBroker(() => creds.channel);
const server = new grpc.Server(CHANNEL_OPTIONS);
const { Reverter, GRPCBroker, GRPCController } = loadServices();
server.addService(Reverter.service, reverterService(plugin, broker, process.env[FAULT_INJECTION_ENV] === '1'));
server.addService(GRPCBroker.service, { StartStream: broker.startStream });
server.addService(GRPCController.service, {
  Shutdown: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
    callback(null, {});
    server.tryShutdown(() => process.exit(0));
  },
});
new HealthImplementation({ [HEALTH_SERVICE]: 'SERVING' }).addToServer(server);

const socket = path.join(os.tmpdir(), `plugin${randomBytes(6).toString('hex')}`);
process.on('exit', () => rmSync(socket, { force: true }));
server.bindAsync(`unix:${socket}`, creds.server, (error) => {
  if (error) {
    process.stderr.write(`cannot listen on ${socket}: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${CORE_PROTOCOL_VERSION}|${version}|unix|${socket}|grpc|${creds.certField}\n`);
});
